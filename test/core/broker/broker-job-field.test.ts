import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jobSchema } from '../../../shared/jobs/job-schema.js';
import { checkJobAgainstWorld } from '../../../electron/core/jobs/job-checks.js';

const base = { id: 'sync', schedule: '0 3 * * *', action: { kind: 'script', command: 'python3' } };
const withBroker = (broker: unknown, env: Record<string, string> = {}) => jobSchema.safeParse({ ...base, action: { ...base.action, broker, env } });

describe('a script job’s broker field', () => {
  it('is optional, false, or a list of resources where graph names the profile’s Graph', () => {
    expect(jobSchema.safeParse(base).success).toBe(true);
    expect(withBroker(false).success).toBe(true);
    expect(withBroker({ resources: ['graph', 'https://contoso.sharepoint.com'] }).success).toBe(true);
    expect(withBroker({ resources: [] }).success).toBe(true);
  });

  it('refuses true, plain http, an unknown key and a word other than graph, saying what it takes', () => {
    for (const bad of [true, { resources: ['http://contoso.sharepoint.com'] }, { resources: ['graph'], scopes: [] }, { resources: ['sharepoint'] }]) {
      const result = withBroker(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toMatch(/graph|https|unrecognized/i);
    }
  });

  it('warns in `delegate jobs` when the job’s own env sets a variable that takes Azure SDKs away from the broker', () => {
    const parsed = withBroker(undefined, { AZURE_CLIENT_SECRET: 'x', REPORT_DIR: 'out' });
    expect(parsed.success).toBe(true);
    const problems = checkJobAgainstWorld(parsed.data!, { profiles: new Set(['emu']), defaultProfile: 'emu', baseDir: '/tmp' });
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', segments: ['action', 'env', 'AZURE_CLIENT_SECRET'], message: expect.stringContaining('may not use Delegate\'s broker') })]);
  });

  it('is written in the README’s example as the schema takes it', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const snippet = /```yaml\n(\s+- id: sync[\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const [job] = parse(snippet as string) as unknown[];
    const result = jobSchema.safeParse(job);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });
});

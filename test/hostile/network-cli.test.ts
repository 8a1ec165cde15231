/**
 * Proxy passwords against the real CLI: a hand-edited config.json that breaks on the line holding the proxy URL,
 * a dead proxy named in config.json, and a script that prints its environment. The password must appear in no
 * output, error, doctor report or history row, and every failure path of `--json` must stay JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { closedPort } from '../support/closed-port.js';

const PASSWORD = 'Hunter2-Pr0xy';
const setup = useEmulatorHome({ signedIn: true });
const env: NodeJS.ProcessEnv = { HTTPS_PROXY: '', https_proxy: '', NO_PROXY: '', no_proxy: '', HTTP_PROXY: '', http_proxy: '' };

function editConfig(edit: (config: Record<string, unknown> & { profiles: Record<string, Record<string, unknown>> }) => void): void {
  const path = join(setup.home, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { profiles: Record<string, Record<string, unknown>> };
  edit(config);
  writeFileSync(path, JSON.stringify(config, null, 2));
}

describe('proxy passwords in a hand-edited config.json', () => {
  it('a typo on the line with the proxy URL is reported without quoting the password', async () => {
    const path = join(setup.home, 'config.json');
    const text = readFileSync(path, 'utf8').replace('"profiles"', `"proxy": "http://alice:${PASSWORD}@proxy.corp:8080" x,\n  "profiles"`);
    writeFileSync(path, text);
    for (const args of [['status', '--json'], ['doctor', '--json'], ['profiles', 'list', '--json']]) {
      const result = await runCli(args, { home: setup.home, env });
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`, args.join(' ')).toContain('config.json');
      expect(`${result.stdout}${result.stderr}`, args.join(' ')).not.toContain(PASSWORD);
      // --json stays JSON on this failure path too.
      expect(() => JSON.parse(result.stdout) as unknown, args.join(' ')).not.toThrow();
    }
  });

  it('doctor with a dead proxy in config.json ends, as JSON, naming the proxy but never its password', async () => {
    const port = await closedPort();
    editConfig((config) => {
      config.profiles.emu!.proxy = `http://alice:${encodeURIComponent(`${PASSWORD}@:%`)}@127.0.0.1:${port}`;
    });
    const result = await runCli(['doctor', '--json', '--profile', 'emu'], { home: setup.home, env, timeoutMs: 120_000 });
    expect(result.code).not.toBe(0);
    const report = JSON.parse(result.stdout) as unknown;
    expect(JSON.stringify(report)).toContain(`127.0.0.1:${port}`);
    expect(`${result.stdout}${result.stderr}`).not.toContain('Hunter2');
    for (const args of [['status', '--json', '--probe'], ['profiles', 'list', '--json'], ['token', '--json']]) {
      const other = await runCli([...args, '--profile', 'emu'], { home: setup.home, env });
      expect(`${other.stdout}${other.stderr}`, args.join(' ')).not.toContain('Hunter2');
    }
  }, 180_000);
});

describe('a script that prints its environment', () => {
  it("keeps the proxy's password out of the run's history", async () => {
    editConfig((config) => {
      config.profiles.emu!.proxy = `http://alice:${PASSWORD}@127.0.0.1:9`;
    });
    writeJobs(setup.home, [{ id: 'envdump', schedule: '0 7 * * *', profile: 'emu', action: { kind: 'script', command: 'sh', args: ['-c', 'env | grep -i _proxy; exit 1'], cwd: '.', tokens: [] } }]);
    const { run } = await runJob(setup.home, 'envdump', env);
    expect(JSON.stringify(run)).toContain('127.0.0.1:9');
    expect(JSON.stringify(run)).not.toContain(PASSWORD);
    const history = await runCli(['history', '--json'], { home: setup.home, env });
    expect(history.stdout).not.toContain(PASSWORD);
  }, 120_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJobs } from '../../../electron/core/jobs/jobs-file.js';

const dir = mkdtempSync(join(tmpdir(), 'delegate-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'report.xlsx'), 'x');
const world = { profiles: new Set(['work']), defaultProfile: 'work', baseDir: dir };

const valid = `  - id: good
    schedule: "0 7 * * 1-5"
    timezone: Europe/Berlin
    action: { kind: graph.request, path: /me }
`;
const load = (jobs: string) => parseJobs(join(dir, 'jobs.yaml'), `jobs:\n${valid}${jobs}`, world);

/** Each case: a bad job (YAML under `jobs:`), the path and a fragment of the message a person must see. */
const cases: Array<[string, string, string, RegExp]> = [
  ['bad cron', '  - id: a\n    schedule: "61 * * * *"\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].schedule', /not a valid cron pattern: Invalid value for minute: 61/],
  ['cron with too few fields', '  - id: a\n    schedule: "0 7 *"\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].schedule', /not a valid cron pattern/],
  ['unknown kind', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: mail.sned }\n', 'jobs[1].action.kind', /unknown kind "mail.sned": use mail.send/],
  ['missing action', '  - id: a\n    schedule: "0 7 * * *"\n', 'jobs[1].action', /is required/],
  ['missing id', '  - schedule: "0 7 * * *"\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].id', /is required/],
  ['missing schedule', '  - id: a\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].schedule', /is required|must be a cron pattern/],
  ['mistyped enabled', '  - id: a\n    schedule: "0 7 * * *"\n    enabled: "yes"\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].enabled', /expected boolean/],
  ['mistyped timeout', '  - id: a\n    schedule: "0 7 * * *"\n    timeoutMinutes: -5\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].timeoutMinutes', /more than 0/],
  ['unknown field (typo)', '  - id: a\n    schedul: "0 7 * * *"\n    schedule: "0 7 * * *"\n    action: { kind: graph.request, path: /me }\n', 'jobs[1]', /unknown field\(s\) "schedul"/],
  ['duplicate id', '  - id: good\n    schedule: "0 8 * * *"\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].id', /duplicate id "good" \(also used by jobs\[0\]\)/],
  ['unknown profile', '  - id: a\n    schedule: "0 7 * * *"\n    profile: wrok\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].profile', /unknown profile "wrok" \(profiles: work\)/],
  ['bad time zone', '  - id: a\n    schedule: "0 7 * * *"\n    timezone: Europe/Berlinn\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].timezone', /"Europe\/Berlinn" is not a time zone/],
  ['bad catchUp', '  - id: a\n    schedule: "0 7 * * *"\n    catchUp: always\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].catchUp', /must be "none" or "once"/],
  ['bad recipient', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: mail.send, to: not-an-address, subject: s, body: { text: t } }\n', 'jobs[1].action.to', /email address/],
  ['mail without subject', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: mail.send, to: a@b.com, body: { text: t } }\n', 'jobs[1].action.subject', /is required|must be a subject/],
  ['body with text and html', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: mail.send, to: a@b.com, subject: s, body: { text: t, html: h } }\n', 'jobs[1].action.body', /exactly one of text, html or file/],
  ['download without destination', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: files.download, source: { drive: me, path: x.txt } }\n', 'jobs[1].action.destination', /is required|local file path/],
  ['download source of the wrong shape', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: files.download, source: { url: x }, destination: out.txt }\n', 'jobs[1].action.source', /must be \{site, path\}/],
  ['bad conflict behaviour', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: files.upload, source: report.xlsx, destination: { drive: me, path: Reports }, conflictBehavior: overwrite }\n', 'jobs[1].action.conflictBehavior', /replace|rename|fail/],
  ['teams with chat and channel', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: teams.message, chatId: c, teamId: t, channelId: ch, body: { html: "<b>x</b>" } }\n', 'jobs[1].action', /either chatId, or teamId and channelId/],
  ['graph path without slash', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: graph.request, path: me/messages }\n', 'jobs[1].action.path', /must start with \//],
  ['script token env name invalid', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: script, command: python3, tokens: [{ env: "GRAPH-TOKEN" }] }\n', 'jobs[1].action.tokens[0].env', /environment variable name/],
  ['script token in PATH', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: script, command: python3, tokens: [{ env: PATH }] }\n', 'jobs[1].action.tokens[0].env', /cannot hold a token: the system or the program's interpreter reads it/],
  ['script token in the broker\'s secret', '  - id: a\n    schedule: "0 7 * * *"\n    action: { kind: script, command: python3, tokens: [{ env: IDENTITY_HEADER }] }\n', 'jobs[1].action.tokens[0].env', /cannot hold a token/],
  ['retries out of range', '  - id: a\n    schedule: "0 7 * * *"\n    retries: { attempts: 50 }\n    action: { kind: graph.request, path: /me }\n', 'jobs[1].retries.attempts', /at most 10/],
  ['job that is not a mapping', '  - just a string\n', 'jobs[1]', /expected object/],
];

describe('a malformed jobs file', () => {
  for (const [name, yaml, path, message] of cases) {
    it(`reports ${name} precisely and keeps the valid job`, () => {
      const loaded = load(yaml);
      expect(loaded.fileError).toBeUndefined();
      expect(loaded.jobs.map((job) => job.id)).toEqual(['good']);
      const problem = loaded.problems.find((candidate) => candidate.path === path && message.test(candidate.message));
      expect(problem, JSON.stringify(loaded.problems, null, 1)).toBeDefined();
      expect(problem?.severity).toBe('error');
      expect(problem?.line).toBeGreaterThanOrEqual(6);
    });
  }

  it('has at least 20 distinct malformed cases', () => expect(cases.length).toBeGreaterThanOrEqual(20));

  it('warns about a missing local file without dropping the job, naming the full path', () => {
    const loaded = load('  - id: mail\n    schedule: "0 7 * * *"\n    action: { kind: mail.send, to: a@b.com, subject: s, body: { text: t }, attachments: [report.xlsx, missing.csv] }\n');
    expect(loaded.jobs.map((job) => job.id)).toEqual(['good', 'mail']);
    expect(loaded.problems).toEqual([
      expect.objectContaining({ severity: 'warning', jobId: 'mail', path: 'jobs[1].action.attachments[1]', line: 8, message: expect.stringContaining(`${join(dir, 'missing.csv')} does not exist (yet)`) }),
    ]);
  });

  it('gives one error with the line when the file is not YAML, and no jobs', () => {
    const loaded = parseJobs(join(dir, 'jobs.yaml'), 'jobs:\n  - id: a\n    schedule: "0 7 * * *\n', world);
    expect(loaded.fileError?.message).toMatch(/jobs\.yaml:\d+: not valid YAML/);
    expect(loaded.jobs).toEqual([]);
  });

  it('explains the expected shape when the top level is wrong', () => {
    const loaded = parseJobs(join(dir, 'jobs.yaml'), '- id: a\n', world);
    expect(loaded.fileError?.message).toMatch(/"jobs:" followed by a list of jobs/);
  });

  it('refuses a schedule or time zone each time a job repeats it, not only the first time (the verdicts are remembered)', () => {
    const never = '  - id: feb30-{n}\n    schedule: "0 0 30 2 *"\n    action: { kind: graph.request, path: /me }\n';
    const zone = '  - id: zone-{n}\n    schedule: "0 7 * * *"\n    timezone: Mars/Olympus\n    action: { kind: graph.request, path: /me }\n';
    const loaded = load([1, 2].map((n) => never.replace('{n}', String(n)) + zone.replace('{n}', String(n))).join(''));
    expect(loaded.jobs.map((job) => job.id)).toEqual(['good']);
    expect(loaded.problems.map((problem) => `${problem.jobId} ${problem.path}`)).toEqual(['feb30-1 jobs[1].schedule', 'zone-1 jobs[2].timezone', 'feb30-2 jobs[3].schedule', 'zone-2 jobs[4].timezone']);
    expect(loaded.problems[2]?.message).toMatch(/"0 0 30 2 \*" never fires/);
    expect(loaded.problems[3]?.message).toMatch(/"Mars\/Olympus" is not a time zone/);
    // And a good pattern stays good when it comes back.
    expect(load(valid.replace('id: good', 'id: again')).problems).toEqual([]);
  });

  it('applies the defaults a person would expect', () => {
    const [job] = load('').jobs;
    expect(job).toMatchObject({ enabled: true, catchUp: 'once', timeoutMinutes: 30, retries: { attempts: 0, backoffSeconds: 60 }, notify: 'failure' });
  });
});

describe('the published JSON Schema', () => {
  it('is current with the schema the engine validates with', async () => {
    const { readFileSync } = await import('node:fs');
    const { jobsJsonSchema } = await import('../../../electron/core/jobs/jobs-json-schema.js');
    const published = JSON.parse(readFileSync(new URL('../../../build/jobs.schema.json', import.meta.url), 'utf8'));
    expect(published, 'run `npm run build` to regenerate build/jobs.schema.json').toEqual(jobsJsonSchema());
    expect(JSON.stringify(published)).toContain('mail.attachments');
  });
});

describe("the README's example jobs file", () => {
  it('is valid: every job loads, with at most missing-file warnings', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = /```yaml\n(jobs:[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    // The README's reader has the Office profile `work` and, for Teams and shared mailboxes, `teams` on Graph PowerShell.
    const loaded = parseJobs(join(dir, 'jobs.yaml'), example ?? '', { ...world, profiles: new Set(['work', 'teams']) });
    expect(loaded.fileError).toBeUndefined();
    expect(loaded.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(loaded.jobs.map((job) => job.action.kind).sort()).toEqual(['files.download', 'files.upload', 'graph.request', 'mail.attachments', 'mail.send', 'script', 'teams.message']);
  });
});

/**
 * Hostile machine, paths and files: names that try to leave Delegate's home, settings files that are not what
 * they claim, Graph paths that climb out of the API version, and text that tries to drive the terminal.
 * Everything runs through the real `delegate` CLI, as a person meets it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { writeJobs } from '../support/jobs.js';
import { HistoryStore, historyPath } from '../../electron/core/history/history-store.js';
import { graphUrl } from '../../electron/core/graph/graph-url.js';
import { AppService } from '../../electron/core/app/app-service.js';
import { JobEngine } from '../../electron/core/jobs/job-engine.js';
import { createGraphClient } from '../../electron/core/graph/graph-factory.js';
import { createIpcHandlers } from '../../electron/core/ipc/ipc-handlers.js';
import { createIpcRouter } from '../../electron/core/ipc/ipc-router.js';
import { createRecordingPlatform } from '../e2e/bridge/recording-platform.js';

const PROFILE = { id: 'p-1', cloud: 'global', clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', tenant: 'organizations', scopes: ['User.Read'] };

/** A home inside a parent folder of its own, so `../x` from the home lands somewhere the test owns and can watch. */
function makeNestedHome(): { parent: string; home: string; cleanup: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'delegate-hostile-'));
  const home = join(parent, 'home');
  mkdirSync(home, { mode: 0o700 });
  return { parent, home, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Every file under a folder with its contents (symlinks listed, not followed). */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stats = lstatSync(path);
      if (stats.isDirectory()) walk(path, `${prefix}${name}/`);
      else files[`${prefix}${name}`] = stats.isSymbolicLink() ? '<link>' : readFileSync(path, 'latin1');
    }
  };
  walk(dir, '');
  return files;
}

function writeConfig(home: string, config: Record<string, unknown>): void {
  writeFileSync(join(home, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

const everything = (result: CliResult) => `${result.stdout}\n${result.stderr}`;

describe('profile names that try to leave the home', () => {
  let parent: string;
  let home: string;
  let cleanup: () => void;
  beforeEach(async () => {
    ({ parent, home, cleanup } = makeNestedHome());
    writeConfig(home, { version: 1, profiles: { '..': PROFILE, '../../x': PROFILE, good: PROFILE } });
    writeFileSync(join(home, 'jobs.yaml'), 'jobs: []\n');
    writeFileSync(join(home, 'my-own-notes.txt'), 'the person keeps this here\n');
    mkdirSync(join(home, 'profiles', 'good'), { recursive: true });
    writeFileSync(join(home, 'profiles', 'good', 'meta.json'), '{}\n');
    expect((await runCli(['history'], { home })).code).toBe(0); // creates a real history.sqlite
    expect(existsSync(historyPath(home))).toBe(true);
  });
  afterEach(() => cleanup());

  it('a profile named .. in a hand-edited config cannot delete the home', async () => {
    const before = snapshot(home);
    const result = await runCli(['profiles', 'remove', '..'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('".." is not a valid profile name');
    expect(result.stderr).toContain('What to do:');
    expect(snapshot(home)).toEqual(before); // config, jobs.yaml, history.sqlite, the person's file, the good profile
    expect(existsSync(join(home, 'my-own-notes.txt'))).toBe(true);
  });

  it('a profile named ../../x cannot touch a folder outside the home', async () => {
    // <home>/profiles/../../x is <parent>/x: a folder of the person's that happens to sit beside the home.
    const outside = join(parent, 'x');
    mkdirSync(outside);
    writeFileSync(join(outside, 'sentinel.txt'), 'not Delegate\'s\n');
    const before = snapshot(home);
    for (const command of [['profiles', 'remove', '../../x'], ['profiles', 'add', '../../x'], ['profiles', 'set', '../../x', '--tenant', 'contoso.com'], ['profiles', 'default', '../../x'], ['logout', '--profile', '../../x'], ['status', '--profile', '../../x']]) {
      const result = await runCli(command, { home });
      expect(result.code, command.join(' ')).toBe(2);
    }
    expect(readFileSync(join(outside, 'sentinel.txt'), 'utf8')).toBe('not Delegate\'s\n');
    expect(readdirSync(outside)).toEqual(['sentinel.txt']);
    expect(snapshot(home)).toEqual(before);
  });

  it('removing a valid profile removes only its own folder', async () => {
    mkdirSync(join(home, 'profiles', 'other'), { recursive: true });
    writeFileSync(join(home, 'profiles', 'other', 'meta.json'), '{}\n');
    writeConfig(home, { version: 1, profiles: { good: PROFILE, other: PROFILE } });
    const result = await runCli(['profiles', 'remove', 'good'], { home });
    expect(result.code, everything(result)).toBe(0);
    expect(existsSync(join(home, 'profiles', 'good'))).toBe(false);
    expect(readFileSync(join(home, 'profiles', 'other', 'meta.json'), 'utf8')).toBe('{}\n');
    expect(readFileSync(join(home, 'my-own-notes.txt'), 'utf8')).toBe('the person keeps this here\n');
    expect(existsSync(join(home, 'jobs.yaml')) && existsSync(historyPath(home))).toBe(true);
    expect(Object.keys((JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as { profiles: object }).profiles)).toEqual(['other']);
  });

  it('removing a profile whose folder is a symlink removes the link, not the folder it points at', async () => {
    const elsewhere = join(parent, 'documents');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'thesis.docx'), 'years of work\n');
    rmSync(join(home, 'profiles', 'good'), { recursive: true });
    symlinkSync(elsewhere, join(home, 'profiles', 'good'));
    writeConfig(home, { version: 1, profiles: { good: PROFILE } });
    const result = await runCli(['profiles', 'remove', 'good'], { home });
    expect(result.code, everything(result)).toBe(0);
    expect(existsSync(join(home, 'profiles', 'good'))).toBe(false);
    expect(readFileSync(join(elsewhere, 'thesis.docx'), 'utf8')).toBe('years of work\n');
  });
});

describe('profile names that try to leave the home, from the window', () => {
  const SENDER = { url: 'app://delegate/index.html', isMainFrame: true };
  let parent: string;
  let home: string;
  let cleanup: () => void;
  let engine: JobEngine | undefined;
  let service: AppService | undefined;
  beforeEach(() => {
    ({ parent, home, cleanup } = makeNestedHome());
    writeConfig(home, { version: 1, profiles: { '..': PROFILE, '../../x': PROFILE, good: PROFILE } });
    writeFileSync(join(home, 'jobs.yaml'), 'jobs: []\n');
    writeFileSync(join(home, 'my-own-notes.txt'), 'the person keeps this here\n');
    mkdirSync(join(parent, 'x'));
    writeFileSync(join(parent, 'x', 'sentinel.txt'), 'not Delegate\'s\n');
  });
  afterEach(async () => {
    service?.dispose();
    await engine?.stop(0);
    cleanup();
  });

  it('Remove…, Set as default and Save in Settings refuse a profile named .. or ../../x and delete nothing', async () => {
    engine = await JobEngine.start({ home, createGraph: createGraphClient });
    service = new AppService({ home, version: '0.0.0-test', engine, platform: createRecordingPlatform() });
    const router = createIpcRouter(createIpcHandlers(service), { isTrustedSender: (sender) => sender.url.startsWith('app://delegate/') && sender.isMainFrame });
    const before = snapshot(home);
    for (const name of ['..', '../../x']) {
      for (const [channel, payload] of [
        ['settings:remove-profile', { name }],
        ['settings:set-default-profile', { name }],
        ['settings:save-profile', { name, create: false, changes: { tenant: 'contoso.com' } }],
        ['settings:save-profile', { name, create: true, changes: {} }],
      ] as const) {
        const answer = await router(channel, payload, SENDER);
        expect(answer.ok, `${channel} ${name}`).toBe(false);
        expect(answer.ok === false && answer.error.code, `${channel} ${name}`).not.toBe('unexpected');
      }
    }
    expect(snapshot(home)).toEqual(before);
    expect(readdirSync(join(parent, 'x'))).toEqual(['sentinel.txt']);
    // The window still lists the bad entries, with the reason, beside the good one.
    const settings = await router('settings:get', {}, SENDER);
    expect(settings.ok && settings.value).toMatchObject({ profiles: [{ name: 'good' }], invalidProfiles: [{ name: '..' }, { name: '../../x' }] });
  });
});

describe('the valid profiles still work beside bad ones', () => {
  const state = useEmulatorHome({ signedIn: true });

  function addBadEntries(extra: Record<string, unknown> = {}): void {
    const config = JSON.parse(readFileSync(join(state.home, 'config.json'), 'utf8')) as { profiles: Record<string, unknown> };
    const emu = config.profiles.emu;
    writeConfig(state.home, { ...config, ...extra, profiles: { '..': emu, '../../x': emu, 'a/b': emu, '': emu, constructor: emu, ...config.profiles } });
  }

  it('status --profile emu works and profiles list shows the bad ones as invalid with the reason', async () => {
    addBadEntries();
    const status = await runCli(['status', '--profile', 'emu'], { home: state.home });
    expect(status.code, everything(status)).toBe(0);
    expect(status.stdout).toMatch(/Status\s+OK/);

    const list = await runCli(['profiles', 'list', '--json'], { home: state.home });
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<{ name: string; valid: boolean; problems?: string[] }>;
    const byName = new Map(rows.map((row) => [row.name, row]));
    for (const bad of ['..', '../../x', 'a/b', '']) {
      expect(byName.get(bad)?.valid, bad).toBe(false);
      expect(byName.get(bad)?.problems?.join(' '), bad).toContain(`profiles[${JSON.stringify(bad)}]`);
    }
    expect(byName.get('emu')?.valid).toBe(true);
    expect(byName.get('constructor')?.valid).toBe(true); // an ordinary name, whatever JavaScript thinks of it

    const human = await runCli(['profiles', 'list'], { home: state.home });
    expect(human.stdout).toMatch(/\.\.\s+INVALID/);
    expect(human.stdout).toMatch(/emu\s+ok/);
  });

  it('a defaultProfile naming a bad or missing profile does not hide the valid ones', async () => {
    for (const defaultProfile of ['../../x', 'nosuch']) {
      addBadEntries({ defaultProfile });
      const list = await runCli(['profiles', 'list'], { home: state.home });
      expect(list.code, defaultProfile).toBe(0);
      expect(list.stdout).toMatch(/emu\s+ok/);
      expect(list.stdout).toContain(`defaultProfile: ${defaultProfile === 'nosuch' ? 'there is no profile named "nosuch"' : '"../../x" is not a valid profile name'}`);

      const status = await runCli(['status'], { home: state.home });
      expect(status.code).toBe(2);
      expect(status.stderr).toContain('The default profile in');
      expect(status.stderr).toMatch(/The valid profiles are: .*emu/);
      expect(status.stderr).toContain('delegate profiles default NAME');

      expect((await runCli(['status', '--profile', 'emu'], { home: state.home })).code).toBe(0);
    }
    expect((await runCli(['profiles', 'default', 'emu'], { home: state.home })).code).toBe(0);
    expect((await runCli(['status'], { home: state.home })).code).toBe(0);
  });
});

describe('settings files that are not what they claim', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = makeNestedHome()));
  afterEach(() => cleanup());

  // Generous timeouts instead of timing assertions: a hang or a read of /dev/zero would blow through them.
  it('jobs.yaml as a FIFO makes delegate jobs fail at once with a clear message, not hang', { timeout: 30_000 }, async () => {
    execFileSync('mkfifo', [join(home, 'jobs.yaml')]);
    const result = await runCli(['jobs'], { home, timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${join(home, 'jobs.yaml')}: it is a named pipe (FIFO), not a regular file`);
    expect(result.stdout).toContain('plain text file');
  });

  it('config.json as a FIFO makes status fail at once, not hang', { timeout: 30_000 }, async () => {
    execFileSync('mkfifo', [join(home, 'config.json')]);
    const result = await runCli(['status'], { home, timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`the configuration file ${join(home, 'config.json')}: it is a named pipe (FIFO)`);
  });

  it('a jobs.yaml or config.json that links to /dev/zero is refused without reading it', { timeout: 30_000 }, async () => {
    symlinkSync('/dev/zero', join(home, 'jobs.yaml'));
    const jobs = await runCli(['jobs'], { home, timeoutMs: 20_000 });
    expect(jobs.code).toBe(2);
    expect(jobs.stdout).toContain('it is a device, not a regular file');
    rmSync(join(home, 'jobs.yaml'));
    symlinkSync('/dev/zero', join(home, 'config.json'));
    const status = await runCli(['status'], { home, timeoutMs: 20_000 });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('it is a device, not a regular file');
  });

  it('a jobs.yaml that is a folder, or a 5 GB file, is refused at once naming its size', { timeout: 30_000 }, async () => {
    mkdirSync(join(home, 'jobs.yaml'));
    const folder = await runCli(['jobs'], { home, timeoutMs: 20_000 });
    expect(folder.code).toBe(2);
    expect(folder.stdout).toContain('it is a folder, not a regular file');
    rmSync(join(home, 'jobs.yaml'), { recursive: true });
    writeFileSync(join(home, 'jobs.yaml'), '');
    truncateSync(join(home, 'jobs.yaml'), 5 * 1024 ** 3); // sparse: no disk used
    const huge = await runCli(['jobs'], { home, timeoutMs: 20_000 });
    expect(huge.code).toBe(2);
    expect(huge.stdout).toContain('it is 5.0 GiB, more than the 4.0 MiB such a file can be');
  });

  it('a jobs.yaml or config.json that links to a foreign file with secrets does not echo its contents', async () => {
    const secrets = ['AKIA-SECRET-ONE', 'hunter2-SECRET-TWO', 's3cr3t-SECRET-THREE', 'tok-SECRET-FOUR', 'SECRET-FIVE'];
    const foreign = join(home, '..', 'credentials');
    writeFileSync(foreign, `aws_key=${secrets[0]}\npassword: ${secrets[1]}\ndb_password: ${secrets[2]}\ntoken: ${secrets[3]}\n- ${secrets[4]}\n`);
    const leaked = (text: string) => secrets.filter((secret) => text.includes(secret));

    symlinkSync(foreign, join(home, 'jobs.yaml'));
    for (const args of [['jobs'], ['jobs', '--json']]) {
      const result = await runCli(args, { home });
      expect(result.code, args.join(' ')).toBe(2);
      expect(leaked(everything(result)).length, everything(result)).toBeLessThanOrEqual(1); // at most the line at fault
    }
    // A foreign file that is valid YAML lists no keys or values at all.
    writeFileSync(foreign, `password: ${secrets[1]}\ndb_password: ${secrets[2]}\ntoken: ${secrets[3]}\n`);
    const mapping = await runCli(['jobs'], { home });
    expect(mapping.code).toBe(2);
    expect(leaked(everything(mapping)).length, everything(mapping)).toBeLessThanOrEqual(1);
    expect(mapping.stdout).toContain('top-level field(s) other than "jobs"');

    rmSync(join(home, 'jobs.yaml'));
    symlinkSync(foreign, join(home, 'config.json'));
    const status = await runCli(['status'], { home });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('not valid JSON');
    expect(leaked(everything(status))).toEqual([]);
  });
});

describe('graph.request paths stay under the Graph version', () => {
  const state = useEmulatorHome({ signedIn: true });

  it('a graph.request path such as /../../x is refused with the job path and reason, and never reaches the server', async () => {
    const climbing = ['/../../x', '/v1.0/../x', '/%2e%2e/%2E%2E/x', '/..%2f..%2fx', '/..\\..\\x', '/me/./../../x'];
    writeJobs(state.home, [
      ...climbing.map((path, index) => ({ id: `climb-${index}`, schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', path } })),
      { id: 'whoami', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', path: '/me' } },
      { id: 'pull', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'files.download', source: { drive: 'me', path: 'Budget/../../../../x' }, destination: 'out.xlsx' } },
    ]);
    await state.emulator.control('DELETE', '/requests');

    const jobs = await runCli(['jobs', '--json'], { home: state.home });
    expect(jobs.code).toBe(2);
    const listed = JSON.parse(jobs.stdout) as { jobs: Array<{ id: string }>; problems: Array<{ jobId?: string; path: string; message: string }> };
    expect(listed.jobs.map((job) => job.id)).toEqual(['whoami']);
    climbing.forEach((_path, index) => {
      const problem = listed.problems.find((candidate) => candidate.jobId === `climb-${index}`);
      expect(problem?.path).toBe(`jobs[${index}].action.path`);
      expect(problem?.message).toContain('must not contain "." or ".." segments');
    });
    // The same for a drive path, which becomes part of a Graph URL too.
    expect(listed.problems.find((problem) => problem.jobId === 'pull')).toMatchObject({ path: `jobs[${climbing.length + 1}].action.source.path`, message: expect.stringContaining('".." segments') });

    const refused = await runCli(['run', 'climb-0'], { home: state.home });
    expect(refused.code).toBe(2);
    // The valid job next to them runs, so the request log below is known to record this home's requests.
    const ok = await runCli(['run', 'whoami'], { home: state.home });
    expect(ok.code, everything(ok)).toBe(0);

    const log = await state.emulator.control<Array<{ method: string; path: string }>>('GET', '/requests');
    const paths = log.body.map((entry) => entry.path);
    expect(paths.some((path) => path.endsWith('/v1.0/me'))).toBe(true);
    expect(paths.filter((path) => path.endsWith('/x') || path.includes('..') || /%2e/i.test(path))).toEqual([]);
  });

  it('the request itself is refused too, whatever reaches the Graph client', () => {
    const base = state.emulator.graphBaseUrl;
    for (const path of ['/../../x', '/v1.0/../x', '/%2e%2e/x', '/..\\x']) expect(() => graphUrl(base, path), path).toThrow(/Refusing to send the Microsoft Graph token/);
    expect(() => graphUrl(base, `${new URL(base).origin}/x`)).toThrow(/not under the Graph version/);
    expect(() => graphUrl(base, `${base}/v1.0/../../x`)).toThrow(/not under the Graph version/);
    expect(graphUrl(base, '/me').pathname).toBe(`${new URL(base).pathname.replace(/\/$/, '')}/v1.0/me`);
    expect(graphUrl(base, `${base}/beta/me`).pathname).toBe(`${new URL(base).pathname.replace(/\/$/, '')}/beta/me`);
  });
});

describe('text that tries to drive the terminal', () => {
  const state = useEmulatorHome({ signedIn: true });
  const HOSTILE = 'Report \u001b[2J\u001b]0;owned\u0007\rfake\u009b31m \u202eevil';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('ANSI escapes in a job name are printed escaped by delegate jobs, and kept exactly in --json', async () => {
    writeJobs(state.home, [{ id: 'report', name: HOSTILE, schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', path: '/me' } }]);
    const human = await runCli(['jobs'], { home: state.home });
    expect(human.code, everything(human)).toBe(0);
    expect(human.stdout).not.toMatch(RAW);
    expect(human.stdout).toContain('Report \\u001b[2J\\u001b]0;owned\\u0007\\u000dfake\\u009b31m \\u202eevil');
    const json = await runCli(['jobs', '--json'], { home: state.home });
    expect(json.stdout).not.toMatch(RAW);
    expect((JSON.parse(json.stdout) as { jobs: Array<{ name: string }> }).jobs[0]?.name).toBe(HOSTILE);
  });

  it('ANSI escapes in script output and in a history error are printed escaped by delegate run and delegate history', async () => {
    writeJobs(state.home, [{ id: 'noisy', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'script', command: process.execPath, args: ['-e', `process.stdout.write(${JSON.stringify(`done ${HOSTILE}\n`)})`], tokens: [] } }]);
    const run = await runCli(['run', 'noisy'], { home: state.home });
    expect(run.code, everything(run)).toBe(0);
    expect(everything(run)).not.toMatch(RAW);
    expect(run.stdout).toContain('\\u001b[2J');

    // A failed run whose error text came from outside (Graph, a mail subject): written as any run is, into the real history.
    const history = new HistoryStore(historyPath(state.home));
    const started = history.startRun({ jobId: 'noisy', trigger: 'manual', scheduledFor: null, startedAt: new Date().toISOString(), attempt: 1 });
    history.finishRun(started.id, { status: 'failed', endedAt: new Date().toISOString(), summary: null, error: { code: 'graph-error', message: `Graph said: ${HOSTILE}\nsecond line` }, outputTail: null });
    history.close();

    const listed = await runCli(['history'], { home: state.home });
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toMatch(RAW);
    expect(listed.stdout).toContain('Graph said: Report \\u001b[2J');
    expect(listed.stdout).toContain('\\u000asecond line'); // one run, one line
    const json = await runCli(['history', '--json'], { home: state.home });
    expect((JSON.parse(json.stdout) as Array<{ error: { message: string } | null }>)[0]?.error?.message).toBe(`Graph said: ${HOSTILE}\nsecond line`);
  });
});

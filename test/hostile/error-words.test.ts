/**
 * Hostile machine, errors in words: every OS error a person can cause says what happened, on which path and
 * what to do — never "Something unexpected went wrong … Try again". Made for real through the CLI where root
 * can meet them (a file where a folder belongs, a folder where a file belongs, a 300-character name, a program
 * without its x bit); the mapping table is checked directly for the rest (read-only disks, full disks, …).
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOsError, type OsError } from '../../electron/core/errors/os-error.js';
import { HistoryStore, historyPath } from '../../electron/core/history/history-store.js';
import { profilePaths } from '../../electron/core/config/profile-paths.js';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { makeHome } from '../support/test-home.js';

const env = useEmulatorHome({ signedIn: true });
const UNEXPECTED = /Something unexpected/;

function saveMeJob(id: string, saveTo: string): Record<string, unknown> {
  return { id, schedule: '0 9 * * *', profile: 'emu', action: { kind: 'graph.request', path: '/me', saveTo } };
}

describe('a job that meets the file system says what, where and what to do', () => {
  it('saving into a path where a file stands in for a folder names the path and says a file is in the way (EEXIST/ENOTDIR)', async () => {
    writeFileSync(join(env.home, 'reports'), 'I am a file, not a folder');
    writeJobs(env.home, [saveMeJob('into-file', 'reports/me.json'), saveMeJob('below-file', 'reports/2026/me.json')]);
    const first = (await runJob(env.home, 'into-file')).run;
    expect(first.status).toBe('failed');
    expect(first.error).toMatchObject({ code: 'file-access', message: expect.stringContaining(join(env.home, 'reports')) });
    expect(first.error?.message).toMatch(/already exists/);
    expect(first.error?.action).toMatch(/Move or rename what is there/);
    const second = (await runJob(env.home, 'below-file')).run;
    expect(second.error).toMatchObject({ code: 'file-access', message: expect.stringMatching(/is a file, but it must be a folder/) });
    for (const run of [first, second]) expect(run.error?.message).not.toMatch(UNEXPECTED);
    expect(readFileSync(join(env.home, 'reports'), 'utf8')).toBe('I am a file, not a folder');
  });

  it('saving onto a folder says the destination is a folder and a file is needed (EISDIR), and leaves the folder as it was', async () => {
    mkdirSync(join(env.home, 'me.json'));
    writeFileSync(join(env.home, 'me.json', 'keep.txt'), 'mine');
    writeJobs(env.home, [saveMeJob('onto-folder', 'me.json')]);
    const { run } = await runJob(env.home, 'onto-folder');
    expect(run.error).toMatchObject({ code: 'file-access', message: expect.stringMatching(/me\.json is a folder, but a file is needed there/) });
    expect(run.error?.action).toMatch(/Give the path of a file/);
    expect(readFileSync(join(env.home, 'me.json', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('a 300-character file name says the name is too long for the file system (ENAMETOOLONG)', async () => {
    writeJobs(env.home, [saveMeJob('long-name', `${'n'.repeat(300)}.json`)]);
    const { run } = await runJob(env.home, 'long-name');
    expect(run.error).toMatchObject({ code: 'file-access', message: expect.stringMatching(/is too long for the file system/) });
    expect(run.error?.action).toMatch(/shorter name/);
    expect(run.error?.message.length).toBeLessThan(400); // the path is shortened in the middle, not printed whole
  });

  it('a script that is not executable says so and how to fix it (spawn EACCES), and a 300-character program name is too long (spawn ENAMETOOLONG)', async () => {
    writeFileSync(join(env.home, 'report.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(join(env.home, 'report.sh'), 0o644);
    writeJobs(env.home, [
      { id: 'not-executable', schedule: '0 9 * * *', profile: 'emu', action: { kind: 'script', command: join(env.home, 'report.sh'), tokens: [] } },
      { id: 'long-program', schedule: '0 9 * * *', profile: 'emu', action: { kind: 'script', command: 'p'.repeat(300), tokens: [] } },
    ]);
    const denied = (await runJob(env.home, 'not-executable')).run;
    expect(denied.status).toBe('failed');
    expect(`${denied.error?.message} ${denied.error?.action}`).toMatch(/report\.sh/);
    expect(`${denied.error?.message} ${denied.error?.action}`).toMatch(/executable/);
    const long = (await runJob(env.home, 'long-program')).run;
    expect(long.status).toBe('failed');
    expect(long.error?.message).toMatch(/too long/);
    for (const run of [denied, long]) expect(run.error?.message).not.toMatch(UNEXPECTED);
  });
});

// A 5 MB mail body (too large for Graph, not a disk problem) is covered in duplicates.test.ts.
describe('a mail whose parts are not what they claim', () => {
  it('an attachment path that is a folder says so, naming the attachment', async () => {
    mkdirSync(join(env.home, 'invoice.pdf'));
    writeJobs(env.home, [{ id: 'folder-attachment', schedule: '0 9 * * *', profile: 'emu', action: { kind: 'mail.send', to: 'megan.bowen@contoso.onmicrosoft.com', subject: 'Invoice', body: { text: 'Attached.' }, attachments: ['invoice.pdf'] } }]);
    const { run } = await runJob(env.home, 'folder-attachment');
    expect(run.error?.message).toBe(`The attachment ${join(env.home, 'invoice.pdf')} is a folder, but a file is needed there.`);
  });
});

describe("Delegate's home and config.json", () => {
  it('a DELEGATE_HOME that is a file says so with exit 2, not SIGNED-OUT', async () => {
    const { home, cleanup } = makeHome();
    try {
      const file = join(home, 'not-a-folder');
      writeFileSync(file, 'x');
      for (const args of [['status'], ['token'], ['jobs'], ['profiles', 'list']]) {
        const result = await runCli(args, { home: file });
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr).toContain(`DELEGATE_HOME (${file}) is a file, not a folder`);
        expect(`${result.stdout}${result.stderr}`).not.toMatch(/SIGNED-OUT|signed out|Something unexpected/i);
      }
      expect(readFileSync(file, 'utf8')).toBe('x');
    } finally {
      cleanup();
    }
  });

  it('a DELEGATE_HOME below a file says a part of its path is a file, with exit 2', async () => {
    const { home, cleanup } = makeHome();
    try {
      writeFileSync(join(home, 'file'), 'x');
      const result = await runCli(['status'], { home: join(home, 'file', 'delegate') });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/a part of its path is a file, not a folder/);
    } finally {
      cleanup();
    }
  });
});

describe('an outage at Microsoft is not a problem with the profile', () => {
  it('an Entra 503 during `status --probe` is exit 4, "having trouble; nothing changed", and records no sign-in refusal', async () => {
    const metaPath = profilePaths(env.home, 'emu').meta;
    const before = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
    await env.emulator.control('POST', '/faults', { endpoint: 'token', status: 503, count: 5 });
    const result = await runCli(['status', '--probe'], { home: env.home });
    expect(result.code).toBe(4);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Microsoft's sign-in service .* is having trouble \(HTTP 503\); nothing changed/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/check the profile|sign in again|EXPIRED/i);
    const after = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
    // Only the probe's own record changes, and it says "network error", not a refusal.
    const { lastProbe, ...rest } = after;
    const { lastProbe: _earlier, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(lastProbe).toMatchObject({ outcome: 'network-error' });
    expect(after.lastAuthError ?? null).toBeNull();
    await env.emulator.control('DELETE', '/faults');
    const healthy = await runCli(['status', '--probe'], { home: env.home });
    expect(healthy.code).toBe(0);
  });

  it('an Entra 500, 502 and 504 on `delegate token` are exit 4 as well', async () => {
    for (const status of [500, 502, 504]) {
      await env.emulator.control('POST', '/faults', { endpoint: 'token', status, count: 5 });
      const result = await runCli(['token', '--scope', 'Mail.Read'], { home: env.home });
      expect(result.code, `HTTP ${status}`).toBe(4);
      expect(result.stderr).toContain(`having trouble (HTTP ${status}); nothing changed`);
      await env.emulator.control('DELETE', '/faults');
    }
  });
});

describe('bad input is exit 2 before anything is sent', () => {
  it('`token --resource javascript:alert(1)` is exit 2 and the emulator sees no request', async () => {
    await env.emulator.control('DELETE', '/requests');
    for (const resource of ['javascript:alert(1)', 'http://contoso.sharepoint.com', 'https://', 'not a url']) {
      const result = await runCli(['token', '--resource', resource], { home: env.home });
      expect(result.code, resource).toBe(2);
      expect(result.stderr).toMatch(/The resource ".*" (is not|has no|must not)/);
      expect(result.stderr).not.toMatch(/sign in again/i);
    }
    const scopes = await runCli(['token', '--scope', 'Mail.Sendd'], { home: env.home });
    expect(scopes.code).toBe(2);
    const log = await env.emulator.control<unknown[]>('GET', '/requests');
    expect(log.body).toEqual([]);
  });

  it('number options out of range are exit 2 with the allowed range: daemon --grace 99999999999, history --limit, profiles --lifetime-days', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['daemon', '--grace', '99999999999'], /--grace "99999999999" is not a number of seconds from 0 to 86400/],
      [['daemon', '--grace=-1'], /from 0 to 86400/],
      [['daemon', '--grace', '1e3'], /is not a number/],
      [['history', '--limit', '0'], /--limit "0" is not a whole number of runs from 1 to 10000/],
      [['history', '--limit', '2.5'], /from 1 to 10000/],
      [['profiles', 'set', 'emu', '--lifetime-days', '99999'], /--lifetime-days "99999" is not a whole number of days from 1 to 3650/],
      [['profiles', 'set', 'emu', '--warning-days=-3'], /--warning-days "-3" is not a whole number of days from 0 to 365/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { home: env.home, timeoutMs: 20_000 });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('`delegate history` for a job that does not exist', () => {
  it('says there is no such job and lists the known ones, instead of "No runs"', async () => {
    writeJobs(env.home, [saveMeJob('daily-report', 'out/me.json'), saveMeJob('weekly', 'out/week.json')]);
    const result = await runCli(['history', 'nosuchjob'], { home: env.home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no job "nosuchjob"');
    expect(result.stderr).toContain('Known jobs: daily-report, weekly.');
    expect(result.stdout).not.toMatch(/No runs/);
  });

  it('still shows the runs of a job that was deleted from jobs.yaml, and says "no runs yet" for a known job that never ran', async () => {
    const history = new HistoryStore(historyPath(env.home));
    const run = history.startRun({ jobId: 'retired', trigger: 'manual', scheduledFor: null, startedAt: new Date().toISOString(), attempt: 1 });
    history.finishRun(run.id, { status: 'succeeded', endedAt: new Date().toISOString(), summary: 'the old job ran', error: null, outputTail: null });
    history.close();
    writeJobs(env.home, [saveMeJob('daily-report', 'out/me.json')]);
    const retired = await runCli(['history', 'retired'], { home: env.home });
    expect(retired.code).toBe(0);
    expect(retired.stdout).toContain('the old job ran');
    const fresh = await runCli(['history', 'daily-report'], { home: env.home });
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('No runs of daily-report recorded yet.');
  });
});

describe('the words for errors that cannot be made for real here (tests run as root, no read-only mounts)', () => {
  const os = (code: string, syscall: string, path?: string, dest?: string): OsError =>
    Object.assign(new Error(`${code}: test, ${syscall}`), { code, syscall, ...(path ? { path } : {}), ...(dest ? { dest } : {}) }) as OsError;
  const cases: Array<[string, OsError, RegExp, RegExp]> = [
    ['a read-only disk', os('EROFS', 'open', '/mnt/ro/out.json'), /Delegate could not open \/mnt\/ro\/out\.json: it is on a read-only disk/, /writable disk/],
    ['a folder Delegate may not create in', os('EACCES', 'mkdir', '/srv/reports'), /Delegate may not create the folder \/srv\/reports \(permission denied\)/, /Give your user access/],
    ['a file Delegate may not delete', os('EPERM', 'unlink', '/srv/x'), /may not delete \/srv\/x/, /access/],
    ['a full disk', os('ENOSPC', 'write', '/data/big.bin'), /no space left \(the disk is full\) to write \/data\/big\.bin/, /Free some space/],
    ['a used-up disk quota', os('EDQUOT', 'write', '/data/big.bin'), /quota is used up/, /Free some space/],
    ['too many open files in Delegate', os('EMFILE', 'open', '/tmp/a'), /Too many files are open \(in Delegate\)/, /ulimit -n/],
    ['too many open files on the system', os('ENFILE', 'open', '/tmp/a'), /on the whole system/, /open-file limit/],
    ['a loop of symbolic links', os('ELOOP', 'open', '/tmp/loop'), /\/tmp\/loop is a loop of symbolic links/, /Fix or remove/],
    ['a folder in use', os('EBUSY', 'rmdir', '/mnt/usb'), /\/mnt\/usb is in use by another program/, /Close the program/],
    ['a move across disks', os('EXDEV', 'rename', '/tmp/a', '/mnt/b'), /could not move \/tmp\/a to \/mnt\/b: they are on different disks/, /same disk/],
    ['a missing file', os('ENOENT', 'open', '/nope/file.txt'), /\/nope\/file\.txt does not exist/, /create the missing/],
    ['a program that is not installed', os('ENOENT', 'spawn nosuch', 'nosuch'), /The program "nosuch" was not found/, /PATH/],
    ['a program without permission to run', os('EACCES', 'spawn /opt/run.sh', '/opt/run.sh'), /"\/opt\/run\.sh" cannot be run/, /chmod \+x/],
    ['a command line too long for the system', os('E2BIG', 'spawn'), /command line .* is too long/, /Shorten the arguments/],
    ['a program path too long for the system', os('ENAMETOOLONG', 'spawn'), /too long/, /Shorten/],
  ];
  it.each(cases)('%s says what happened, where, and what to do', (_name, error, message, action) => {
    const mapped = describeOsError(error);
    expect(mapped.message).toMatch(message);
    expect(mapped.action).toMatch(action);
    expect(mapped.message).not.toMatch(UNEXPECTED);
    expect(mapped.detail).toContain(error.code);
  });

  it('the CLI prints a raw OS error from anywhere in words, not "Something unexpected"', async () => {
    const { reportError } = await import('../../electron/cli/cli-io.js');
    let printed = '';
    const code = reportError({ out: () => undefined, err: (text) => (printed += text), env: {}, home: '/h' }, os('EROFS', 'open', '/h/config.json'), false);
    expect(code).toBe(1);
    expect(printed).toMatch(/read-only disk/);
    expect(printed).not.toMatch(UNEXPECTED);
  });
});

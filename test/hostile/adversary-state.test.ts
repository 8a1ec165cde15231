/**
 * Hostile machine, as an adversary found it: the machine's state going wrong under Delegate — a Secret Service
 * that hangs, lock files left by a zombie or dated in the future by a clock set back, a full disk, state files that are not
 * damaged but unreadable for another reason (a folder or a named pipe in their place), and damaged files that
 * pile up. Real processes, a real gnome-keyring on its own D-Bus session (private-keyring.ts), real SQLite.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processIdentity } from '../../electron/core/fs/process-identity.js';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { writeJobs } from '../support/jobs.js';
import { secretServicePid, startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring.js';
import { until } from '../support/until.js';

// Its own Secret Service: stopping it must not stop the keyring under the test files running alongside.
let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());
const setup = useEmulatorHome({ signedIn: true });
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts `delegate daemon` and waits (generously: no timing assertion) until it says it runs; false if it exits. */
async function daemonStarts(): Promise<boolean> {
  const daemon = startCli(['daemon', '--grace', '1'], { home: setup.home });
  cleanups.push(async () => {
    if (daemon.child.exitCode === null) {
      daemon.child.kill('SIGTERM');
      await daemon.done;
    }
  });
  return until(`the daemon to start (stdout: ${daemon.stdoutText()})`, () => (/daemon started/.test(daemon.stdoutText()) ? true : daemon.child.exitCode !== null ? false : undefined), 20_000);
}

const damagedIn = (folder: string) => readdirSync(folder).filter((name) => name.includes('.damaged-'));

describe('a Secret Service that stops answering', () => {
  it('`delegate token` with a hung keyring daemon says the keychain is not answering and exits 5, instead of hanging for minutes with "something unexpected"', async () => {
    const pid = secretServicePid();
    process.kill(pid, 'SIGSTOP'); // stuck, as a keyring daemon waiting on a prompt or a wedged session bus
    cleanups.push(() => void process.kill(pid, 'SIGCONT'));
    // Before, each keychain read waited out two 25 s D-Bus timeouts, twice, then said "Something unexpected went wrong".
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home, timeoutMs: 40_000 });
    expect(token.code).toBe(5);
    expect(token.stdout).toBe('');
    expect(token.stderr).toContain('is locked or not running');
    expect(token.stderr).toContain('not answering');
    expect(token.stderr).not.toContain('Something unexpected');
    process.kill(pid, 'SIGCONT');
    // Answering again: the sign-in was never touched.
    const after = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(after.code).toBe(0);
    expect(after.stdout.length).toBeGreaterThan(20);
  });
});

describe('lock files the clock or a zombie left behind', () => {
  it('an empty scheduler.lock dated an hour ahead (the clock was set back since) does not hang `delegate daemon`', async () => {
    writeJobs(setup.home, [{ id: 'nightly', schedule: '0 3 1 1 *', profile: 'emu', action: { kind: 'script', command: 'true', tokens: [] } }]);
    const lock = join(setup.home, 'scheduler.lock');
    writeFileSync(lock, '');
    const anHourAhead = new Date(Date.now() + 3_600_000);
    utimesSync(lock, anHourAhead, anHourAhead);
    // Before, the daemon waited silently for the "young" empty lock until the clock caught up.
    expect(await daemonStarts()).toBe(true);
  });

  it('a scheduler.lock whose holder is a zombie (ended, not yet reaped by its parent) does not keep the daemon out', async () => {
    writeJobs(setup.home, [{ id: 'nightly', schedule: '0 3 1 1 *', profile: 'emu', action: { kind: 'script', command: 'true', tokens: [] } }]);
    // A parent that starts a child, lets it end on "go", and never reaps it.
    const parent: ChildProcess = spawn(
      '/usr/bin/python3',
      ['-c', 'import os,sys,time\nr,w=os.pipe()\npid=os.fork()\nif pid==0:\n  os.read(r,1); os._exit(0)\nprint(pid,flush=True)\nsys.stdin.readline(); os.write(w,b"x"); time.sleep(120)'],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    cleanups.push(() => void parent.kill('SIGKILL'));
    const child = await new Promise<number>((resolve) => parent.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    // The lock the child would have written had it been a scheduler: its PID, its start time, this host.
    const identity = processIdentity(child);
    expect(identity).not.toBeNull();
    writeFileSync(join(setup.home, 'scheduler.lock'), `${child} ${hostname()} ${Date.now()} 0123456789abcdef ${identity} delegate-scheduler`);
    parent.stdin?.write('go\n');
    await until('the child to be a zombie', () => (/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${child}/stat`, 'utf8')) ? true : undefined));
    // Before, the zombie's PID and start time still matched, and the daemon refused: "kill <pid>" — which cannot end a zombie.
    expect(await daemonStarts()).toBe(true);
  });
});

describe('state files that are not damaged, only not what they should be', () => {
  it('a named pipe in place of history.sqlite does not hang `delegate history`: it says it is not a regular file and moves nothing aside', async () => {
    const history = join(setup.home, 'history.sqlite');
    rmSync(history, { force: true });
    execFileSync('mkfifo', [history]);
    const result = await runCli(['history'], { home: setup.home, timeoutMs: 20_000 });
    expect(result.code).not.toBeNull(); // before: opening the pipe for writing waited for a reader forever
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${history} is a named pipe (FIFO), not a regular file`);
    expect(statSync(history).isFIFO()).toBe(true);
    expect(damagedIn(setup.home)).toEqual([]);
  });

  it('a folder where a profile\'s meta.json belongs is not "moved aside as damaged" (which showed the profile signed out): status says what is wrong', async () => {
    const profileDir = join(setup.home, 'profiles', 'emu');
    const meta = join(profileDir, 'meta.json');
    const record = readFileSync(meta, 'utf8');
    rmSync(meta);
    mkdirSync(meta);
    writeFileSync(join(meta, 'mine.txt'), 'the person put this here');
    const status = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain(meta);
    expect(status.stderr).toMatch(/folder/);
    expect(status.stdout).not.toContain('SIGNED-OUT');
    expect(readFileSync(join(meta, 'mine.txt'), 'utf8')).toBe('the person put this here'); // nothing moved
    expect(damagedIn(profileDir)).toEqual([]);
    // Put back, the sign-in is all there.
    rmSync(meta, { recursive: true });
    writeFileSync(meta, record);
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
  });

  it('a named pipe where a profile\'s meta.json belongs does not hang `delegate token` or `status`: both say what is there, nothing is moved', async () => {
    const profileDir = join(setup.home, 'profiles', 'emu');
    const meta = join(profileDir, 'meta.json');
    const record = readFileSync(meta, 'utf8');
    rmSync(meta);
    execFileSync('mkfifo', [meta]);
    // Before: the cached token's read of meta.json waited for a writer forever.
    for (const args of [['token', '--profile', 'emu'], ['status', '--profile', 'emu']]) {
      const result = await runCli(args, { home: setup.home, timeoutMs: 20_000 });
      expect(result.code, args.join(' ')).not.toBeNull();
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toContain(`${meta} is a named pipe (FIFO), not a regular file`);
    }
    expect(statSync(meta).isFIFO()).toBe(true);
    expect(damagedIn(profileDir)).toEqual([]);
    rmSync(meta);
    writeFileSync(meta, record);
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
  });

  it('a folder where the scheduler state belongs is left in place and named in the log; the daemon still starts', async () => {
    writeJobs(setup.home, [{ id: 'nightly', schedule: '0 3 1 1 *', profile: 'emu', action: { kind: 'script', command: 'true', tokens: [] } }]);
    const stateDir = join(setup.home, 'state');
    mkdirSync(join(stateDir, 'scheduler.json'), { recursive: true });
    const daemon = startCli(['daemon', '--grace', '1'], { home: setup.home });
    cleanups.push(async () => {
      if (daemon.child.exitCode === null) {
        daemon.child.kill('SIGTERM');
        await daemon.done;
      }
    });
    await until('the daemon to start', () => (/daemon started/.test(daemon.stdoutText()) ? true : undefined), 20_000);
    expect(statSync(join(stateDir, 'scheduler.json')).isDirectory()).toBe(true);
    expect(damagedIn(stateDir)).toEqual([]);
    expect(daemon.stdoutText()).toContain(`scheduler state ${join(stateDir, 'scheduler.json')} could not be read`);
    expect(daemon.stdoutText()).not.toContain('was damaged');
  });
});

/** A 64 KiB tmpfs (root only: elsewhere the case is skipped) that a test can fill up. */
function smallDisk(): string | null {
  if (process.getuid?.() !== 0) return null;
  const mountPoint = mkdtempSync(join(tmpdir(), 'delegate-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
  } catch {
    rmSync(mountPoint, { recursive: true, force: true });
    return null;
  }
  cleanups.push(() => {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  return mountPoint;
}

describe('a full disk', () => {
  it('with the disk full, a sign-in probe says the disk is full and on which file, and leaves no half-made lock files behind', async (context) => {
    const disk = smallDisk();
    if (!disk) return context.skip();
    const home = join(disk, 'home');
    cpSync(setup.home, home, { recursive: true });
    const profileDir = join(home, 'profiles', 'emu');
    const before = readdirSync(profileDir).sort();
    try {
      writeFileSync(join(disk, 'filler'), Buffer.alloc(128 * 1024));
    } catch {
      // full now
    }
    const probe = await runCli(['status', '--probe', '--profile', 'emu'], { home });
    expect(probe.code).not.toBe(0);
    // Before: "The system refused write (ENOSPC …). Check the files and folders involved", and an empty lock file plus a .new file per try.
    expect(probe.stderr).toContain('There is no space left (the disk is full)');
    expect(probe.stderr).toContain(profileDir);
    expect(readdirSync(profileDir).sort()).toEqual(before);
    expect(JSON.parse(readFileSync(join(profileDir, 'meta.json'), 'utf8')).account).toBeTruthy(); // the sign-in record is intact
  });
});

describe('damaged files piling up', () => {
  it('with 300 damaged copies kept aside, `delegate status` names the newest few and counts the rest; --json still lists them all', async () => {
    const profileDir = join(setup.home, 'profiles', 'emu');
    const start = Date.UTC(2026, 0, 1);
    for (let n = 0; n < 300; n++) {
      const stamp = new Date(start + n * 60_000).toISOString().replace(/[:.]/g, '-');
      writeFileSync(join(profileDir, `meta.json.damaged-${stamp}`), 'not json');
    }
    const status = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(status.code).toBe(0);
    const notes = status.stdout.split('\n').filter((line) => line.startsWith('Note:'));
    expect(notes.length).toBeLessThanOrEqual(6);
    expect(status.stdout).toContain('295 older damaged file(s) kept aside too');
    expect(status.stdout).toContain('meta.json.damaged-2026-01-01T04-59-00-000Z'); // the newest is named
    const json = JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout) as { damagedFiles: unknown[] };
    expect(json.damagedFiles).toHaveLength(300);
    expect(existsSync(join(profileDir, 'meta.json.damaged-2026-01-01T00-00-00-000Z'))).toBe(true); // nothing deleted
  });
});

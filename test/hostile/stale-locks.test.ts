/**
 * Hostile machine: lock files left behind by a power cut, a crash or an older Delegate never block Delegate
 * for good, while a lock that is really held still keeps a second scheduler out.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../electron/core/fs/file-lock.js';
import { processIdentity } from '../../electron/core/fs/process-identity.js';
import { runCli, startCli } from '../support/cli.js';
import { writeJobs } from '../support/jobs.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { until } from '../support/until.js';

const setup = useEmulatorHome({ signedIn: true });
let home: string;
const daemons: Array<ReturnType<typeof startCli>> = [];

beforeEach(() => {
  home = setup.home;
  // A plain script job that never comes due during the test: the jobs file is part of what must survive.
  writeJobs(home, [{ id: 'nightly', schedule: '0 3 1 1 *', profile: 'emu', action: { kind: 'script', command: 'true', tokens: [] } }]);
});
afterEach(async () => {
  for (const daemon of daemons.splice(0)) {
    if (daemon.child.exitCode === null) {
      daemon.child.kill('SIGTERM');
      await daemon.done;
    }
  }
});

function startDaemon() {
  const daemon = startCli(['daemon', '--grace', '1'], { home });
  daemons.push(daemon);
  return daemon;
}

/** Starts `delegate daemon` and waits (generously: no timing assertion) until it says it runs. */
async function daemonStarts(): Promise<ReturnType<typeof startCli>> {
  const daemon = startDaemon();
  await until(`the daemon to start (stdout: ${daemon.stdoutText()})`, () => (/daemon started/.test(daemon.stdoutText()) ? true : daemon.child.exitCode !== null ? false : undefined), 30_000).then((started) => {
    if (!started) throw new Error(`the daemon exited instead of starting: ${daemon.stdoutText()}`);
  });
  return daemon;
}

const lockFile = () => join(home, 'scheduler.lock');
const jobsBefore = () => readFileSync(join(home, 'jobs.yaml'), 'utf8');

describe('stale lock files after a power cut', () => {
  it('a scheduler.lock full of garbage does not stop `delegate daemon` from starting', async () => {
    writeFileSync(lockFile(), randomBytes(300));
    const jobs = jobsBefore();
    const daemon = await daemonStarts();
    expect(readFileSync(lockFile(), 'utf8')).toMatch(new RegExp(`^${daemon.child.pid} `));
    expect(daemon.stdoutText()).toContain('1 job(s)');
    expect(readFileSync(join(home, 'jobs.yaml'), 'utf8')).toBe(jobs);
  });

  it('an empty scheduler.lock does not stop `delegate daemon` from starting', async () => {
    writeFileSync(lockFile(), '');
    const daemon = await daemonStarts();
    expect(readFileSync(lockFile(), 'utf8')).toMatch(new RegExp(`^${daemon.child.pid} `));
  });

  it('a scheduler.lock naming PID 1 (a reused PID, not a Delegate scheduler) does not stop `delegate daemon`', async () => {
    // The format older Delegate versions wrote: pid, host, time, nonce — PID 1 is alive, but it is init.
    writeFileSync(lockFile(), `1 ${hostname()} ${Date.now()} 0123456789abcdef`);
    const daemon = await daemonStarts();
    expect(readFileSync(lockFile(), 'utf8')).toMatch(new RegExp(`^${daemon.child.pid} `));
  });

  it('a scheduler.lock naming a live Delegate-looking process that started after the lock was written is PID reuse', async () => {
    // Our own test process is alive and runs Node, but its start time is not the one the lock recorded.
    const identity = processIdentity(process.pid);
    expect(identity).not.toBeNull();
    writeFileSync(lockFile(), `${process.pid} ${hostname()} ${Date.now()} 0123456789abcdef ${identity}0 delegate-scheduler`);
    await daemonStarts();
  });

  it('a scheduler.lock written on another host (the machine was renamed) does not stop `delegate daemon`', async () => {
    writeFileSync(lockFile(), `${process.pid} old-laptop-name.local ${Date.now()} 0123456789abcdef`);
    await daemonStarts();
  });

  it('a scheduler lock whose holder stopped its heartbeat long ago is stale where the start time cannot be read (macOS, Windows)', async () => {
    // The format this version writes, without a start time (as on macOS and Windows), naming a live Node process.
    writeFileSync(lockFile(), `${process.ppid} ${hostname()} ${Date.now() - 3_600_000} 0123456789abcdef - delegate-scheduler`);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lockFile(), hourAgo, hourAgo);
    await daemonStarts();
  });

  it('a scheduler lock without a start time but with a recent heartbeat still keeps a daemon out', async () => {
    const takenAt = Date.now() - 3_600_000;
    writeFileSync(lockFile(), `${process.ppid} ${hostname()} ${takenAt} 0123456789abcdef - delegate-scheduler`);
    const refused = await runCli(['daemon'], { home });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`(process ${process.ppid}, running since ${new Date(takenAt).toISOString()}`);
  });

  it('a running daemon still keeps a second one out, and the refusal names the lock file and the holder', async () => {
    const first = await daemonStarts();
    const second = await runCli(['daemon'], { home });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Another Delegate scheduler is already running for ${home} (process ${first.child.pid}`);
    expect(second.stderr).toContain(lockFile());
    expect(first.child.exitCode).toBeNull();
    expect(readFileSync(lockFile(), 'utf8')).toMatch(new RegExp(`^${first.child.pid} `));
  });

  it('two daemons started at once on a stale lock: exactly one runs the schedule, the other refuses', async () => {
    writeFileSync(lockFile(), `1 ${hostname()} ${Date.now()} 0123456789abcdef`);
    const a = startDaemon();
    const b = startDaemon();
    const settled = (daemon: ReturnType<typeof startCli>) => (/daemon started/.test(daemon.stdoutText()) ? 'running' : daemon.child.exitCode !== null ? 'refused' : undefined);
    await until('both daemons to settle', () => (settled(a) && settled(b) ? true : undefined), 30_000);
    const outcomes = [settled(a), settled(b)].sort();
    expect(outcomes).toEqual(['refused', 'running']);
    const loser = settled(a) === 'refused' ? a : b;
    const winner = loser === a ? b : a;
    expect((await loser.done).stderr).toContain('Another Delegate scheduler is already running');
    expect(readFileSync(lockFile(), 'utf8')).toMatch(new RegExp(`^${winner.child.pid} `));
  });

  it('a job run lock left by a crash (naming PID 1) does not make `delegate run` skip the job as already running', async () => {
    mkdirSync(join(home, 'runs'), { recursive: true });
    writeFileSync(join(home, 'runs', 'nightly.lock'), `1 ${hostname()} ${Date.now()} 0123456789abcdef`);
    const result = await runCli(['run', 'nightly', '--json'], { home, timeoutMs: 60_000 });
    expect(JSON.parse(result.stdout)).toMatchObject({ jobId: 'nightly', status: 'succeeded' });
    expect(existsSync(join(home, 'runs', 'nightly.lock'))).toBe(false);
  });
});

describe('the token cache lock and other short locks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'delegate-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a garbage cache lock is broken at once instead of making every `delegate token` wait 30 seconds', async () => {
    const lock = join(dir, 'msal-cache.json.lockfile');
    writeFileSync(lock, '\u0000\u0000garbage after a power cut');
    const release = await acquireLock(lock, { timeoutMs: 0 });
    expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    release();
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock naming a live process with a different start time is PID reuse and is taken over', async () => {
    const lock = join(dir, 'cache.lockfile');
    // Our parent (vitest's runner) is alive and is Node, but it is not the writer recorded here.
    writeFileSync(lock, `${process.ppid} ${hostname()} ${Date.now()} cafe ${processIdentity(process.ppid)}9 -`);
    const release = await acquireLock(lock, { timeoutMs: 0 });
    release();
  });

  it('a lock really held by a live process is waited for, and the error names the file and the holder', async () => {
    const lock = join(dir, 'cache.lockfile');
    writeFileSync(lock, `${process.ppid} ${hostname()} ${Date.now()} cafe ${processIdentity(process.ppid)} -`);
    await expect(acquireLock(lock, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'cache-locked',
      message: expect.stringMatching(new RegExp(`process ${process.ppid} on ${hostname()}.*held the lock ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
    });
    expect(readFileSync(lock, 'utf8')).toContain('cafe');
  });
});

/**
 * Hostile scripts: a script that leaves background processes behind is recorded by its own exit, promptly, and
 * what it left in its process group is ended and counted; what it deliberately detached (`setsid`) survives;
 * a timed-out script's whole tree is ended. Real processes, checked through /proc.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';

const setup = useEmulatorHome({ signedIn: true });
/** Processes a test started and must not outlive it, whatever the assertions said. */
const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function shellJob(id: string, script: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, schedule: '0 7 * * *', profile: 'emu', ...extra, action: { kind: 'script', command: 'sh', args: ['-c', script], cwd: '.', tokens: [] } };
}

/** Running means alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

async function pidFrom(name: string): Promise<number> {
  const path = join(setup.home, name);
  for (let round = 0; round < 50 && !existsSync(path); round++) await sleep(100);
  const pid = Number(readFileSync(path, 'utf8').trim());
  started.push(pid);
  return pid;
}

/** SIGTERM is sent; the process may take a moment to be gone from /proc. */
async function endsSoon(pid: number): Promise<boolean> {
  for (let round = 0; round < 50; round++) {
    if (!isRunning(pid)) return true;
    await sleep(100);
  }
  return false;
}

describe('a script is over when its main process exits', () => {
  it('a script that starts `sleep 600 &` and exits 0 succeeds at once, the sleep is ended and the summary counts it', async () => {
    writeJobs(setup.home, [shellJob('leaves-one', 'sleep 600 & echo $! > background.pid; echo "main part done"; exit 0')]);
    const { run } = await runJob(setup.home, 'leaves-one');
    const background = await pidFrom('background.pid');
    expect(run.status).toBe('succeeded');
    expect(run.summary).toBe('sh exited with 0; ended 1 background process it left running: main part done');
    expect(run.outputTail).toContain('main part done');
    expect(await endsSoon(background)).toBe(true);
  }, 120_000);

  it('a failing script that leaves children behind fails with its own exit code and says it ended them', async () => {
    writeJobs(setup.home, [shellJob('fails-leaving-two', 'sleep 600 & sleep 600 & echo "giving up" >&2; exit 3')]);
    const { run } = await runJob(setup.home, 'fails-leaving-two');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'script-failed', message: 'The script exited with code 3. Delegate ended 2 background processes it left running.' } });
    expect(run.outputTail).toContain('giving up');
  }, 120_000);

  it('a process the script detached with setsid is left running, and its open output pipe does not hold the run', async () => {
    writeJobs(setup.home, [shellJob('detaches', `setsid sh -c 'echo $$ > detached.pid; exec sleep 600' & echo "handed off"`)]);
    const { run } = await runJob(setup.home, 'detaches');
    const detached = await pidFrom('detached.pid');
    expect(run.status).toBe('succeeded');
    expect(run.summary).toBe('sh exited with 0: handed off');
    expect(isRunning(detached)).toBe(true);
  }, 120_000);

  it('a script that runs past timeoutMinutes is stopped with its whole tree, background children included', async () => {
    writeJobs(setup.home, [shellJob('too-slow', 'sleep 600 & echo $! > child.pid; echo $$ > main.pid; echo "started"; sleep 600', { timeoutMinutes: 0.05 })]);
    const { run } = await runJob(setup.home, 'too-slow');
    const child = await pidFrom('child.pid');
    const main = await pidFrom('main.pid');
    expect(run.status).toBe('timed-out');
    expect(run.outputTail).toContain('started');
    expect(await endsSoon(child)).toBe(true);
    expect(await endsSoon(main)).toBe(true);
  }, 120_000);
});

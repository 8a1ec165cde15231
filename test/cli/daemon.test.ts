import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import type { JobRun } from '../../shared/models/job-run.js';

const setup = useEmulatorHome({ signedIn: true });
const leftovers: number[] = [];
afterEach(() => {
  for (const group of leftovers.splice(0)) {
    // Only a real process group of a script this test started (never 0 or 1: that would be us or init).
    if (Number.isInteger(group) && group > 1 && group !== process.pid) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
});

/** A script job that records its process group and sleeps; every second by the schedule. */
function sleeperJob(id: string, seconds: number) {
  writeFileSync(join(setup.home, `${id}.py`), `import os, time\nopen("${id}.pgid", "w").write(str(os.getpgid(0)))\nprint("working", flush=True)\ntime.sleep(${seconds})\nprint("done")\n`);
  return { id, schedule: '* * * * * *', catchUp: 'none', profile: 'emu', action: { kind: 'script', command: 'python3', args: [`${id}.py`], tokens: [] } };
}

async function history(): Promise<JobRun[]> {
  return JSON.parse((await runCli(['history', '--json', '--limit', '100'], { home: setup.home })).stdout) as JobRun[];
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('delegate daemon', () => {
  it('refuses clearly when a scheduler already runs for the same home', async () => {
    writeJobs(setup.home, []);
    const first = startCli(['daemon'], { home: setup.home });
    await until('the first daemon', () => (/daemon started/.test(first.stdoutText()) ? true : undefined));
    const second = await runCli(['daemon'], { home: setup.home });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Another Delegate scheduler is already running for ${setup.home} (process ${first.child.pid}`);
    first.child.kill('SIGTERM');
    expect((await first.done).code).toBe(0);
  });

  it('after kill -9 mid-run, the next start marks that run interrupted and loses nothing else', async () => {
    writeJobs(setup.home, [{ id: 'quick', schedule: '0 7 * * *', profile: 'emu', action: { kind: 'graph.request', path: '/me' } }, sleeperJob('slow', 60)]);
    expect((await runJob(setup.home, 'quick')).run.status).toBe('succeeded');
    const daemon = startCli(['daemon'], { home: setup.home });
    const running = await until('a running run', async () => (await history()).find((run) => run.jobId === 'slow' && run.status === 'running'));
    leftovers.push(Number(await until('the script', () => readIfExists(join(setup.home, 'slow.pgid')))));
    daemon.child.kill('SIGKILL');
    await daemon.done;

    writeJobs(setup.home, [{ id: 'quick', schedule: '0 7 * * *', profile: 'emu', action: { kind: 'graph.request', path: '/me' } }]);
    const restarted = startCli(['daemon'], { home: setup.home });
    await until('the restart', () => (/daemon started/.test(restarted.stdoutText()) ? true : undefined));
    restarted.child.kill('SIGTERM');
    const log = (await restarted.done).stdout;
    expect(log).toContain('1 run(s) cut off by the last stop are now marked interrupted');
    const runs = await history();
    expect(runs.find((run) => run.id === running.id)).toMatchObject({ status: 'interrupted', error: { code: 'interrupted' } });
    expect(runs.find((run) => run.jobId === 'quick')).toMatchObject({ status: 'succeeded' });
  });

  it('on SIGTERM lets a running run finish within the grace period, with readable log lines', async () => {
    writeJobs(setup.home, [sleeperJob('short', 2)]);
    const daemon = startCli(['daemon', '--grace', '20'], { home: setup.home });
    await until('a running run', async () => (await history()).find((run) => run.status === 'running'));
    daemon.child.kill('SIGTERM');
    const result = await daemon.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/run #\d+ short started \(schedule\)/);
    expect(result.stdout).toContain('SIGTERM: stopping; running runs get up to 20 s to finish');
    expect(result.stdout).toMatch(/#\d+ short SUCCEEDED \(schedule\)/);
    expect(result.stdout).toContain('daemon stopped');
    expect((await history()).filter((run) => run.status === 'running')).toEqual([]);
  });

  it('on SIGTERM ends a run that outlasts the grace period and records it interrupted', async () => {
    writeJobs(setup.home, [sleeperJob('long', 120)]);
    const daemon = startCli(['daemon', '--grace', '1'], { home: setup.home });
    const started = await until('a running run', async () => (await history()).find((run) => run.status === 'running'));
    const pgid = Number(await until('the script', () => readIfExists(join(setup.home, 'long.pgid'))));
    leftovers.push(pgid);
    daemon.child.kill('SIGTERM');
    expect((await daemon.done).code).toBe(0);
    // The run that was running (a later occurrence meeting it may have been recorded `skipped`, already running).
    const run = (await history()).find((candidate) => candidate.id === started.id);
    expect(run).toMatchObject({ status: 'interrupted', error: { code: 'interrupted' } });
    expect(running(pgid), 'the script outlived its run').toBe(false);
  });
});

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8') || undefined;
  } catch {
    return undefined;
  }
}


/** Running, as opposed to gone or a zombie waiting for a parent to reap it. */
function running(pid: number): boolean {
  const state = readIfExists(`/proc/${pid}/stat`)?.split(') ')[1]?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

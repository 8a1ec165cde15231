/**
 * Hostile machine, scheduler state: a job switched off over a holiday, a schedule edited, a restart while paused,
 * a damaged state file and schedules that can never fire. The real engine (real history, real jobs file, real
 * script runs) on an injected clock and hand-fired timers, so days pass in milliseconds.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, historyPath } from '../../electron/core/history/history-store.js';
import { JobEngine } from '../../electron/core/jobs/job-engine.js';
import { schedulerStatePath } from '../../electron/core/jobs/scheduler-state.js';
import { addProfile } from '../../electron/core/profiles/profile-service.js';
import { runCli } from '../support/cli.js';
import { writeJobs } from '../support/jobs.js';
import { makeHome } from '../support/test-home.js';
import type { SchedulerTimers } from '../../electron/core/jobs/scheduler.js';
import type { GraphApi } from '../../electron/core/jobs/kinds/kind-context.js';
import type { JobRun } from '../../shared/models/job-run.js';

let home: string;
let cleanup: () => void;
let now: Date;
let engine: JobEngine | undefined;
const logs: string[] = [];
const noGraph = (): GraphApi => {
  throw new Error('no Graph in this test');
};

/** Timers that fire only when the test says so: each firing is one scheduler pass at the clock's time. */
function handTimers() {
  let pending: (() => void) | null = null;
  const timers: SchedulerTimers = {
    setTimeout: (callback) => {
      pending = callback;
      return callback;
    },
    clearTimeout: (handle) => {
      if (pending === handle) pending = null;
    },
  };
  return {
    timers,
    fire() {
      const callback = pending;
      pending = null;
      callback?.();
    },
  };
}

let hand = handTimers();

async function startEngine(): Promise<JobEngine> {
  hand = handTimers();
  engine = await JobEngine.start({ home, createGraph: noGraph, clock: { now: () => now }, timers: hand.timers, log: (line) => logs.push(line) });
  hand.fire();
  return engine;
}

/** The machine is on and Delegate runs: the clock moves to `iso` with a scheduler pass every minute on the way. */
function liveUntil(iso: string): void {
  const end = new Date(iso).getTime();
  while (now.getTime() < end) {
    now = new Date(Math.min(end, now.getTime() + 60_000));
    hand.fire();
  }
}

async function stopEngine(): Promise<void> {
  await engine?.stop(10_000);
  engine = undefined;
}

/** Every run of the home, oldest first, read after the engine stopped (so every run started has finished). */
async function allRuns(): Promise<JobRun[]> {
  await stopEngine();
  const history = new HistoryStore(historyPath(home));
  try {
    return history.recentRuns({ limit: 1000 }).runs.reverse();
  } finally {
    history.close();
  }
}

async function startEngineAt(iso: string): Promise<JobEngine> {
  now = new Date(iso);
  return startEngine();
}

function mailJob(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'holiday-mail', schedule: '0 9 * * *', timezone: 'UTC', profile: 'work', action: { kind: 'script', command: 'true', tokens: [] }, ...overrides };
}

const summary = (runs: JobRun[]) => runs.map((run) => `${run.trigger} ${run.scheduledFor ?? '-'}`);

beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  logs.length = 0;
  await addProfile(home, 'work', { scopes: ['User.Read'] });
});
afterEach(async () => {
  await stopEngine();
  cleanup();
});

describe('a job switched off does not catch up when it is switched back on', () => {
  it('a mail job disabled over the holidays does not send the moment it is enabled again, only at its next time', async () => {
    writeJobs(home, [mailJob()]);
    await startEngineAt('2026-12-20T08:00:00Z');
    liveUntil('2026-12-20T10:00:00Z'); // sent on the 20th at 09:00 as usual
    writeJobs(home, [mailJob({ enabled: false })]);
    engine?.reload();
    liveUntil('2027-01-04T08:00:00Z'); // the holidays: the computer is on, the job is off
    writeJobs(home, [mailJob({ enabled: true })]);
    engine?.reload();
    liveUntil('2027-01-05T08:00:00Z');
    expect(summary(await allRuns())).toEqual(['schedule 2026-12-20T09:00:00.000Z', 'schedule 2027-01-04T09:00:00.000Z']);
    expect(logs.join('\n')).toContain('holiday-mail: switched on; runs it would have had before now are not caught up');
  });

  it('a job disabled, then enabled while Delegate was not running, does not catch up when Delegate starts', async () => {
    writeJobs(home, [mailJob()]);
    await startEngineAt('2026-12-20T08:00:00Z');
    liveUntil('2026-12-20T10:00:00Z');
    writeJobs(home, [mailJob({ enabled: false })]);
    engine?.reload();
    await stopEngine();
    writeJobs(home, [mailJob({ enabled: true })]); // edited while Delegate was off
    await startEngineAt('2027-01-03T12:00:00Z');
    liveUntil('2027-01-04T10:00:00Z');
    expect(summary(await allRuns())).toEqual(['schedule 2026-12-20T09:00:00.000Z', 'schedule 2027-01-04T09:00:00.000Z']);
  });

  it('a job removed from the jobs file and put back later does not catch up the days it was gone', async () => {
    writeJobs(home, [mailJob()]);
    await startEngineAt('2026-12-20T08:00:00Z');
    liveUntil('2026-12-20T10:00:00Z');
    writeJobs(home, []);
    engine?.reload();
    liveUntil('2026-12-23T12:00:00Z');
    writeJobs(home, [mailJob()]);
    engine?.reload();
    liveUntil('2026-12-24T10:00:00Z');
    expect(summary(await allRuns())).toEqual(['schedule 2026-12-20T09:00:00.000Z', 'schedule 2026-12-24T09:00:00.000Z']);
  });

  it('changing a job\'s schedule does not run it at once for the new time that already passed today', async () => {
    writeJobs(home, [mailJob()]);
    await startEngineAt('2026-06-01T08:00:00Z');
    liveUntil('2026-06-01T12:00:00Z'); // ran at 09:00
    writeJobs(home, [mailJob({ schedule: '0 10 * * *' })]); // 10:00 has passed today
    engine?.reload();
    liveUntil('2026-06-02T11:00:00Z');
    expect(summary(await allRuns())).toEqual(['schedule 2026-06-01T09:00:00.000Z', 'schedule 2026-06-02T10:00:00.000Z']);
    expect(logs.join('\n')).toContain('holiday-mail: schedule changed');
  });
});

describe('catch-up is still there for time the computer was asleep or Delegate was off', () => {
  it('a computer asleep over three scheduled times catches up exactly once when it wakes', async () => {
    writeJobs(home, [mailJob()]);
    await startEngineAt('2026-06-01T08:00:00Z');
    now = new Date('2026-06-04T12:00:00Z'); // asleep: no scheduler pass until waking
    engine?.wake();
    hand.fire();
    expect(summary(await allRuns())).toEqual(['catch-up 2026-06-04T09:00:00.000Z']);
    expect(logs.join('\n')).toContain('holiday-mail: 4 run(s) missed while asleep or off; catching up once');
  });

  it('Delegate not running over a scheduled time catches up once when it starts again', async () => {
    writeJobs(home, [mailJob()]);
    await startEngineAt('2026-06-01T08:00:00Z');
    await stopEngine();
    await startEngineAt('2026-06-02T12:00:00Z');
    expect(summary(await allRuns())).toEqual(['catch-up 2026-06-02T09:00:00.000Z']);
  });
});

describe('pause survives a restart', () => {
  it('scheduled runs paused in one session are still paused after a restart, and nothing runs until resumed', async () => {
    writeJobs(home, [mailJob()]);
    await startEngineAt('2026-06-01T08:00:00Z');
    engine?.pause();
    await stopEngine();
    const restarted = await startEngineAt('2026-06-01T08:30:00Z');
    expect(restarted.isPaused()).toBe(true);
    expect(logs.join('\n')).toMatch(/scheduled runs are paused \(since 2026-06-01T08:00:00.000Z\)/);
    liveUntil('2026-06-03T08:00:00Z'); // two scheduled times pass while paused
    restarted.resume();
    liveUntil('2026-06-03T10:00:00Z');
    await stopEngine();
    const again = await startEngineAt('2026-06-03T10:30:00Z');
    expect(again.isPaused()).toBe(false);
    expect(summary(await allRuns())).toEqual(['schedule 2026-06-03T09:00:00.000Z']);
  });

  it('a damaged scheduler state file does not stop the scheduler: it is kept aside and the log says so', async () => {
    writeJobs(home, [mailJob()]);
    mkdirSync(join(home, 'state'), { recursive: true });
    writeFileSync(schedulerStatePath(home), '{"paused": tru');
    await startEngineAt('2026-06-01T08:00:00Z');
    liveUntil('2026-06-01T10:00:00Z');
    const aside = readdirSync(join(home, 'state')).filter((name) => name.startsWith('scheduler.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(home, 'state', aside[0] as string), 'utf8')).toBe('{"paused": tru');
    expect(logs.join('\n')).toMatch(/scheduler state .*scheduler\.json was damaged .*kept it as .*scheduler\.json\.damaged-/);
    expect(existsSync(schedulerStatePath(home))).toBe(true);
    expect(summary(await allRuns())).toEqual(['schedule 2026-06-01T09:00:00.000Z']);
  });
});

describe('schedules that never fire, or fire too often, are reported by `delegate jobs`', () => {
  it('a job scheduled on 30 February is an error with its path and reason, and `delegate jobs` exits 2', async () => {
    writeJobs(home, [mailJob({ id: 'leap', schedule: '0 0 30 2 *' }), mailJob({ id: 'april', schedule: '0 0 31 4 *' }), mailJob({ id: 'fine', schedule: '0 0 29 2 *' })]);
    const result = await runCli(['jobs', '--json'], { home });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { jobs: Array<{ id: string }>; problems: Array<{ severity: string; path: string; message: string }> };
    expect(report.jobs.map((job) => job.id)).toEqual(['fine']);
    expect(report.problems).toEqual([
      expect.objectContaining({ severity: 'error', path: 'jobs[0].schedule', message: expect.stringMatching(/"0 0 30 2 \*" never fires: no date matches it/) }),
      expect.objectContaining({ severity: 'error', path: 'jobs[1].schedule', message: expect.stringMatching(/"0 0 31 4 \*" never fires/) }),
    ]);
  });

  it('a job that runs every second is a warning, not an error, and `delegate jobs` exits 0', async () => {
    writeJobs(home, [mailJob({ id: 'every-second', schedule: '* * * * * *' }), mailJob({ id: 'every-minute', schedule: '0 * * * * *' })]);
    const result = await runCli(['jobs'], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/warning line \d+ jobs\[0\]\.schedule: "\* \* \* \* \* \*" runs more than once a minute/);
    expect(result.stdout).not.toMatch(/jobs\[1\]/);
  });
});

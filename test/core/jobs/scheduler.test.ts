import { describe, expect, it } from 'vitest';
import { Scheduler, type ScheduleBook } from '../../../electron/core/jobs/scheduler.js';
import { describeSchedule, dueSince, nextRunAfter } from '../../../shared/jobs/job-schedule.js';
import { jobSchema, type Job } from '../../../shared/jobs/job-schema.js';
import type { RunTrigger } from '../../../shared/models/job-run.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function job(overrides: Record<string, unknown> = {}): Job {
  return jobSchema.parse({ id: 'nightly', schedule: '0 2 * * *', timezone: 'Europe/Berlin', action: { kind: 'graph.request', path: '/me' }, ...overrides });
}

function harness(jobs: Job[], start: string, options: { maxConcurrent?: number; hold?: boolean } = {}) {
  let now = new Date(start);
  const book = new Map<string, string>();
  const runs: Array<{ id: string; trigger: RunTrigger; scheduledFor: string | null }> = [];
  const releases: Array<() => void> = [];
  const bookApi: ScheduleBook = { lastScheduled: (id) => book.get(id) ?? null, setLastScheduled: (id, iso) => void book.set(id, iso) };
  const scheduler = new Scheduler({
    clock: { now: () => now },
    book: bookApi,
    maxConcurrent: options.maxConcurrent ?? 2,
    dispatch: (dispatched, trigger, scheduledFor) => {
      runs.push({ id: dispatched.id, trigger, scheduledFor: scheduledFor?.toISOString() ?? null });
      return options.hold ? new Promise<void>((resolve) => releases.push(resolve)) : Promise.resolve();
    },
  });
  scheduler.setJobs(jobs);
  return {
    scheduler,
    runs,
    releases,
    /** Moves the clock in steps, ticking at each and letting finished runs free their slots. */
    async advance(ms: number, stepMs = MINUTE) {
      const end = now.getTime() + ms;
      while (now.getTime() < end) {
        now = new Date(Math.min(end, now.getTime() + stepMs));
        scheduler.tick();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    /** The machine sleeps through `ms` and wakes: one tick at the end. */
    async jump(ms: number) {
      now = new Date(now.getTime() + ms);
      scheduler.tick();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('schedule arithmetic', () => {
  it('fires a 02:00 Europe/Berlin job at 03:00 CEST on the spring-forward night, once', () => {
    const spring = [];
    let cursor = new Date('2026-03-27T12:00:00Z');
    for (let i = 0; i < 4; i++) spring.push((cursor = nextRunAfter(job(), cursor) as Date).toISOString());
    expect(spring).toEqual(['2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z', '2026-03-31T00:00:00.000Z']);
  });

  it('fires a 02:00 Europe/Berlin job once, not twice, on the fall-back night', () => {
    const autumn = [];
    let cursor = new Date('2026-10-24T12:00:00Z');
    for (let i = 0; i < 3; i++) autumn.push((cursor = nextRunAfter(job(), cursor) as Date).toISOString());
    expect(autumn).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z', '2026-10-27T01:00:00.000Z']);
  });

  it('counts the runs missed during three days of sleep', () => {
    const missed = dueSince(job(), new Date('2026-06-01T12:00:00Z'), new Date('2026-06-04T12:00:00Z'));
    expect(missed).toEqual({ latest: new Date('2026-06-04T00:00:00Z'), count: 3 });
  });

  it('describes the schedule in words with its time zone', () => {
    expect(describeSchedule(job({ schedule: '0 7 * * 1-5' }))).toBe('At 07:00, Monday through Friday (Europe/Berlin)');
    expect(describeSchedule(job({ schedule: '*/15 * * * *', timezone: undefined }))).toBe('Every 15 minutes (local time)');
  });
});

describe('the scheduler on an injected clock', () => {
  it('runs a 02:00 Berlin job at the right instants through both DST changes', async () => {
    const spring = harness([job()], '2026-03-26T12:00:00Z');
    await spring.advance(5 * DAY);
    expect(spring.runs.map((run) => run.scheduledFor)).toEqual([
      '2026-03-27T01:00:00.000Z',
      '2026-03-28T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
    expect(new Set(spring.runs.map((run) => run.trigger))).toEqual(new Set(['schedule']));

    const autumn = harness([job()], '2026-10-23T12:00:00Z');
    await autumn.advance(4 * DAY);
    expect(autumn.runs.map((run) => run.scheduledFor)).toEqual(['2026-10-24T00:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z', '2026-10-27T01:00:00.000Z']);
  });

  it('after a simulated 3-day sleep, catchUp: once runs exactly once with trigger catch-up', async () => {
    const world = harness([job({ catchUp: 'once' })], '2026-06-01T12:00:00Z');
    await world.jump(3 * DAY);
    await world.advance(10 * MINUTE);
    expect(world.runs).toEqual([{ id: 'nightly', trigger: 'catch-up', scheduledFor: '2026-06-04T00:00:00.000Z' }]);
  });

  it('after a simulated 3-day sleep, catchUp: none runs zero times, then resumes the schedule', async () => {
    const world = harness([job({ catchUp: 'none' })], '2026-06-01T12:00:00Z');
    await world.jump(3 * DAY);
    expect(world.runs).toEqual([]);
    await world.advance(DAY);
    expect(world.runs).toEqual([{ id: 'nightly', trigger: 'schedule', scheduledFor: '2026-06-05T00:00:00.000Z' }]);
  });

  it('does not catch up a job it has never seen before', async () => {
    const world = harness([], '2026-06-01T12:00:00Z');
    await world.jump(DAY);
    world.scheduler.setJobs([job()]);
    await world.jump(MINUTE);
    expect(world.runs).toEqual([]);
  });

  it('skips scheduled runs while paused without catching them up on resume', async () => {
    const world = harness([job({ schedule: '*/10 * * * *' })], '2026-06-01T12:00:00Z');
    world.scheduler.pause();
    await world.advance(60 * MINUTE);
    world.scheduler.resume();
    await world.advance(10 * MINUTE);
    expect(world.runs).toEqual([{ id: 'nightly', trigger: 'schedule', scheduledFor: '2026-06-01T13:10:00.000Z' }]);
  });

  it('keeps to the global concurrency limit and starts queued runs as slots free up', async () => {
    const jobs = ['a', 'b', 'c'].map((id) => job({ id, schedule: '0 * * * *' }));
    const world = harness(jobs, '2026-06-01T12:30:00Z', { maxConcurrent: 2, hold: true });
    await world.advance(31 * MINUTE);
    expect(world.runs.map((run) => run.id)).toEqual(['a', 'b']);
    expect(world.scheduler.activeCount()).toBe(2);
    world.releases[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(world.runs.map((run) => run.id)).toEqual(['a', 'b', 'c']);
  });

  it('ignores disabled jobs', async () => {
    const world = harness([job({ enabled: false, schedule: '* * * * *' })], '2026-06-01T12:00:00Z');
    await world.advance(10 * MINUTE);
    expect(world.runs).toEqual([]);
  });

  it('caps its timer at 30 seconds so a wake from sleep is noticed', () => {
    const waits: number[] = [];
    const scheduler = new Scheduler({
      clock: { now: () => new Date('2026-06-01T12:00:00Z') },
      book: { lastScheduled: () => null, setLastScheduled: () => undefined },
      dispatch: async () => undefined,
      timers: { setTimeout: (_callback, ms) => waits.push(ms), clearTimeout: () => undefined },
    });
    scheduler.setJobs([job()]);
    scheduler.start();
    expect(waits).toEqual([0]);
    scheduler.stop();
  });
});

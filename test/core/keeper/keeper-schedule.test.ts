import { describe, expect, it } from 'vitest';
import { KeeperSchedule, type CheckReason, type KeeperTimers } from '../../../electron/core/keeper/keeper-schedule.js';
import { WallClockJumps } from '../../../electron/core/keeper/wall-clock-jumps.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Fake timers and a wall clock that can jump on its own, as it does across a suspend. */
function fakeTime(start = Date.parse('2026-11-20T08:00:00Z')) {
  let wall = start;
  let monotonic = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; every?: number; callback: () => void }>();
  const api: KeeperTimers = {
    setInterval: (callback, ms) => (timers.set(nextId, { at: monotonic + ms, every: ms, callback }), nextId++),
    clearInterval: (handle) => void timers.delete(handle as number),
    setTimeout: (callback, ms) => (timers.set(nextId, { at: monotonic + ms, callback }), nextId++),
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  return {
    timers: api,
    clock: { now: () => new Date(wall) },
    /** Time passes awake: timers fire in order. */
    async advance(ms: number) {
      const end = monotonic + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        wall += timer.at - monotonic;
        monotonic = timer.at;
        if (timer.every) timer.at += timer.every;
        else timers.delete(id);
        timer.callback();
        await new Promise((resolve) => setImmediate(resolve));
      }
      wall += end - monotonic;
      monotonic = end;
    },
    /** The machine sleeps: the wall clock moves, the timers do not. */
    sleep(ms: number) {
      wall += ms;
    },
  };
}

function schedule(time: ReturnType<typeof fakeTime>) {
  const checks: CheckReason[] = [];
  const keeper = new KeeperSchedule({ clock: time.clock, timers: time.timers, check: async (reason) => void checks.push(reason) });
  return { keeper, checks };
}

describe('wake detection from the wall clock', () => {
  it('takes a wall clock far ahead of the minute tick for a sleep, and an ordinary late tick for nothing', () => {
    const jumps = new WallClockJumps({ tickMs: MINUTE });
    expect(jumps.observe(0)).toBe(false);
    expect(jumps.observe(MINUTE + 5_000)).toBe(false);
    expect(jumps.observe(MINUTE + 5_000 + 3 * HOUR)).toBe(true);
  });

  it('does not take a clock set back for a wake', () => {
    const jumps = new WallClockJumps({ tickMs: MINUTE });
    jumps.observe(10 * HOUR);
    expect(jumps.observe(9 * HOUR)).toBe(false);
  });
});

describe('when the keeper checks', () => {
  it('checks two seconds after start, then once a day', async () => {
    const time = fakeTime();
    const { keeper, checks } = schedule(time);
    keeper.start();
    await time.advance(1_000);
    expect(checks).toEqual([]);
    await time.advance(1_000);
    expect(checks).toEqual(['start']);
    await time.advance(23 * HOUR);
    expect(checks).toEqual(['start']);
    await time.advance(HOUR + MINUTE);
    expect(checks).toEqual(['start', 'daily']);
    await time.advance(24 * HOUR);
    expect(checks).toEqual(['start', 'daily', 'daily']);
    await keeper.stop();
  });

  it('checks ten seconds after the machine wakes from a night asleep, and the next daily check counts from there', async () => {
    const time = fakeTime();
    const { keeper, checks } = schedule(time);
    keeper.start();
    await time.advance(5 * MINUTE);
    time.sleep(10 * HOUR);
    await time.advance(MINUTE); // the first tick after the wake sees the jump
    expect(checks).toEqual(['start']);
    await time.advance(10_000);
    expect(checks).toEqual(['start', 'wake']);
    await time.advance(23 * HOUR);
    expect(checks).toEqual(['start', 'wake']);
    await time.advance(HOUR + MINUTE);
    expect(checks).toEqual(['start', 'wake', 'daily']);
    await keeper.stop();
  });

  it('a wake during a sleep longer than a day checks once, not a daily check as well', async () => {
    const time = fakeTime();
    const { keeper, checks } = schedule(time);
    keeper.start();
    await time.advance(MINUTE);
    time.sleep(3 * 24 * HOUR);
    await time.advance(2 * MINUTE);
    expect(checks).toEqual(['start', 'wake']);
    await keeper.stop();
  });

  it('the app’s powerMonitor wake and a wall-clock wake together give one check', async () => {
    const time = fakeTime();
    const { keeper, checks } = schedule(time);
    keeper.start();
    await time.advance(MINUTE);
    time.sleep(2 * HOUR);
    keeper.wake();
    await time.advance(MINUTE);
    await time.advance(10_000);
    expect(checks).toEqual(['start', 'wake']);
    await keeper.stop();
  });

  it('never runs two checks at once: a request during a check runs once after it', async () => {
    const time = fakeTime();
    let release: () => void = () => undefined;
    const checks: CheckReason[] = [];
    let running = 0;
    let most = 0;
    const keeper = new KeeperSchedule({
      clock: time.clock,
      timers: time.timers,
      check: async (reason) => {
        checks.push(reason);
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
    });
    const first = keeper.checkNow('start');
    const second = keeper.checkNow('wake');
    const third = keeper.checkNow('wake');
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([second, third]);
    expect(checks).toEqual(['start', 'wake']);
    expect(most).toBe(1);
  });

  it('a check that throws is reported and the schedule goes on', async () => {
    const time = fakeTime();
    const errors: unknown[] = [];
    let calls = 0;
    const keeper = new KeeperSchedule({ clock: time.clock, timers: time.timers, onError: (error) => errors.push(error), check: () => (calls++ === 0 ? Promise.reject(new Error('keychain locked')) : Promise.resolve()) });
    keeper.start();
    await time.advance(25 * HOUR);
    expect(errors).toEqual([new Error('keychain locked')]);
    expect(calls).toBe(2);
    await keeper.stop();
  });

  it('after stop, nothing is checked any more', async () => {
    const time = fakeTime();
    const { keeper, checks } = schedule(time);
    keeper.start();
    await keeper.stop();
    await time.advance(48 * HOUR);
    expect(checks).toEqual([]);
  });
});

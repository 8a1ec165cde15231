/**
 * When the sign-in keeper checks: soon after start, once a day, and shortly after the machine wakes.
 *
 * One interval timer drives all three: each tick reads the wall clock, so "a day since the last check" is a day
 * of the calendar (a laptop asleep overnight checks when it wakes, not 24 running hours later), and a jump of the
 * wall clock past the tick is a wake (wall-clock-jumps.ts). The app also calls `wake()` from Electron's
 * powerMonitor. Checks never overlap: a request during a check runs once after it. Time and timers are injected
 * so tests run a month in a millisecond.
 */
import { systemClock, type Clock } from '../clock.js';
import { WallClockJumps } from './wall-clock-jumps.js';

export type CheckReason = 'start' | 'daily' | 'wake';

export interface KeeperTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface KeeperScheduleOptions {
  check(reason: CheckReason): Promise<void>;
  clock?: Clock;
  timers?: KeeperTimers;
  /** After start, before the first check (default 2 s: let the daemon finish starting). */
  startDelayMs?: number;
  /** Between checks (default a day). */
  everyMs?: number;
  /** The tick (default a minute). */
  tickMs?: number;
  /** After a wake, for the network to come back before the probe (default 10 s, as the app). */
  wakeDelayMs?: number;
  /** A failed check is told here; the schedule goes on. */
  onError?(error: unknown): void;
}

export const CHECK_EVERY_MS = 24 * 60 * 60_000;
export const TICK_MS = 60_000;
export const WAKE_DELAY_MS = 10_000;
export const START_DELAY_MS = 2_000;

/** Node's timers, unref'd: the keeper never keeps a process alive on its own. */
export const nodeTimers: KeeperTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class KeeperSchedule {
  private readonly clock: Clock;
  private readonly timers: KeeperTimers;
  private readonly jumps: WallClockJumps;
  private ticker: unknown = null;
  private soon: unknown = null;
  private running: Promise<void> | null = null;
  private queued: CheckReason | null = null;
  private lastCheckAt: number | null = null;
  private stopped = false;

  constructor(private readonly options: KeeperScheduleOptions) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? nodeTimers;
    this.jumps = new WallClockJumps({ tickMs: this.tickMs });
  }

  private get tickMs(): number {
    return this.options.tickMs ?? TICK_MS;
  }

  start(): void {
    this.stopped = false;
    this.jumps.observe(this.clock.now().getTime());
    this.ticker = this.timers.setInterval(() => this.tick(), this.tickMs);
    this.checkAfter('start', this.options.startDelayMs ?? START_DELAY_MS);
  }

  /** The machine woke (or the screen was unlocked): check once the network is back. */
  wake(): void {
    this.checkAfter('wake', this.options.wakeDelayMs ?? WAKE_DELAY_MS);
  }

  /** Stops the timers; resolves when a running check has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker !== null) this.timers.clearInterval(this.ticker);
    if (this.soon !== null) this.timers.clearTimeout(this.soon);
    this.ticker = null;
    this.soon = null;
    this.queued = null;
    await this.running;
  }

  /** Runs a check now (or right after the one running); resolves when it has run. */
  async checkNow(reason: CheckReason): Promise<void> {
    if (this.running) {
      this.queued = reason;
      await this.running;
      if (this.running) await this.running;
      return;
    }
    this.lastCheckAt = this.clock.now().getTime();
    this.running = this.options
      .check(reason)
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.running = null;
        const next = this.queued;
        this.queued = null;
        if (next && !this.stopped) void this.checkNow(next);
      });
    await this.running;
  }

  private tick(): void {
    const now = this.clock.now().getTime();
    if (this.jumps.observe(now)) {
      // The app's powerMonitor may have told of this wake already: a check since (or one on its way) is enough.
      const recent = this.lastCheckAt !== null && now - this.lastCheckAt <= this.tickMs + (this.options.wakeDelayMs ?? WAKE_DELAY_MS);
      if (!recent && this.soon === null) this.wake();
      return;
    }
    // A clock set back behind the last check must not hold the next one off for the difference.
    if (this.lastCheckAt !== null && now < this.lastCheckAt) this.lastCheckAt = now;
    if (this.lastCheckAt !== null && this.soon === null && now - this.lastCheckAt >= (this.options.everyMs ?? CHECK_EVERY_MS)) void this.checkNow('daily');
  }

  private checkAfter(reason: CheckReason, delayMs: number): void {
    if (this.stopped) return;
    if (this.soon !== null) this.timers.clearTimeout(this.soon);
    this.soon = this.timers.setTimeout(() => {
      this.soon = null;
      void this.checkNow(reason);
    }, delayMs);
  }
}

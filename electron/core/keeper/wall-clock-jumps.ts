/**
 * Wake detection without an OS power event: a wall clock that jumped ahead of the timer that reads it.
 *
 * A process whose machine sleeps is frozen with it; Node's timers run on the monotonic clock, which on Linux
 * does not advance during suspend, while the wall clock does. So an interval timer that fires once a minute and
 * finds the wall clock 3 hours further on has slept through them (the app gets Electron's powerMonitor instead;
 * a `delegate daemon` on a laptop or a suspended VM has only this). A clock set forward by hand or by NTP looks
 * the same and costs one extra probe, which is harmless; a clock set back is not a wake.
 */
export interface WallClockJumpsOptions {
  /** How often `observe` is called (the interval timer's period). */
  tickMs: number;
  /** Lateness that is still an ordinary busy event loop, not a sleep (default: a minute). */
  toleranceMs?: number;
}

export const DEFAULT_JUMP_TOLERANCE_MS = 60_000;

export class WallClockJumps {
  private last: number | null = null;

  constructor(private readonly options: WallClockJumpsOptions) {}

  /** Called on each tick with the wall clock; true when the time since the last tick says the machine slept. */
  observe(nowMs: number): boolean {
    const previous = this.last;
    this.last = nowMs;
    if (previous === null) return false;
    return nowMs - previous > this.options.tickMs + (this.options.toleranceMs ?? DEFAULT_JUMP_TOLERANCE_MS);
  }

  /** Forget the last reading (after a pause in ticking, so the gap is not taken for a sleep). */
  reset(): void {
    this.last = null;
  }
}

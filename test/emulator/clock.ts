/**
 * The emulator's clock: real time plus an offset that tests move.
 *
 * Token lifetimes, refresh-token inactivity and device-code expiry are all judged by this clock, so
 * 90 days can pass in a millisecond while the clock still ticks at real speed in between.
 */
export interface EmulatorClock {
  now(): Date;
  advance(milliseconds: number): void;
  set(date: Date): void;
}

export function createEmulatorClock(initial?: Date): EmulatorClock {
  let offsetMs = initial ? initial.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (milliseconds) => {
      if (!Number.isFinite(milliseconds)) throw new Error(`emulator clock: cannot advance by ${milliseconds}`);
      offsetMs += milliseconds;
    },
    set: (date) => {
      if (Number.isNaN(date.getTime())) throw new Error('emulator clock: cannot set an invalid date');
      offsetMs = date.getTime() - Date.now();
    },
  };
}

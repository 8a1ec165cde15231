/**
 * The time source. Injected everywhere time matters so that 90 days can pass in a test in a millisecond.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const DAY_MS = 24 * 60 * 60 * 1000;

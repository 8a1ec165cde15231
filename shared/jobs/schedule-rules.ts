/**
 * Schedule rules that need no outside world: a pattern that never fires, a pattern that fires more than once a
 * minute. Shared by the jobs file's schema, `delegate jobs` and the window's schedule builder.
 */
import { Cron } from 'croner';

/** Why the pattern never fires (from `from` on, up to the year 9999, croner's horizon), or null when it does. */
export function neverFiresReason(pattern: string, from: Date = new Date()): string | null {
  let cron: Cron;
  try {
    cron = new Cron(pattern, { paused: true });
  } catch {
    return null; // the syntax check reports it
  }
  if (cron.nextRun(from) !== null) return null;
  return 'never fires: no date matches it (such as 30 February or 31 April), or every date it names has passed; fix the day and month';
}

/** True when some minute of the pattern has more than one run (a seconds field such as `*` or `0,30`). */
export function firesMoreThanOncePerMinute(pattern: string): boolean {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length < 6) return false; // five fields: seconds are always 0
  let secondsOnly: Cron;
  try {
    secondsOnly = new Cron(`${fields[0]} * * * * *`, { paused: true, timezone: 'UTC' });
  } catch {
    return false;
  }
  const minuteStart = new Date('2000-01-01T00:00:00Z');
  const first = secondsOnly.nextRun(new Date(minuteStart.getTime() - 1));
  const second = first ? secondsOnly.nextRun(first) : null;
  return second !== null && second.getTime() < minuteStart.getTime() + 60_000;
}

/** The warning for a pattern that fires more than once a minute (a jobs-file check and the builder), or null. */
export function oftenerThanMinuteWarning(pattern: string): string | null {
  if (!firesMoreThanOncePerMinute(pattern)) return null;
  return `"${pattern}" runs more than once a minute (its first field is seconds); for once a minute use five fields such as "* * * * *"`;
}

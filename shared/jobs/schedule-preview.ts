/**
 * The schedule preview: the next runs of a cron pattern in the job's time zone, the pattern in words, and what is
 * wrong with it — in the very words the jobs file's schema uses, so the builder and `delegate jobs` never disagree.
 *
 * Clock changes follow croner (the engine's scheduler): a time that does not exist on the spring-forward day
 * (02:30 in Berlin on the last Sunday of March) runs at the first instant after the gap (03:00), once; a time that
 * happens twice in autumn runs once, at its first occurrence (summer time). `movedByClockChange` finds the first
 * case so the preview can say why a run is not at the time the pattern names.
 */
import { Cron } from 'croner';
import { cronInWords } from './job-schedule.js';
import { jobSchema } from './job-schema.js';
import { oftenerThanMinuteWarning } from './schedule-rules.js';

function cronIn(pattern: string, timeZone: string | undefined): Cron | null {
  try {
    return new Cron(pattern.trim(), { paused: true, ...(timeZone ? { timezone: timeZone } : {}) });
  } catch {
    return null;
  }
}

/** The next `count` runs strictly after `from`; empty when the pattern or the zone is invalid, or it never fires. */
export function nextRuns(pattern: string, timeZone: string | undefined, from: Date, count = 5): Date[] {
  const cron = cronIn(pattern, timeZone);
  if (!cron) return [];
  try {
    return cron.nextRuns(count, from);
  } catch {
    return []; // an unknown time zone surfaces here, on first use
  }
}

/** The pattern in words, without the zone: "At 07:00, Monday through Friday". */
export function describeInWords(pattern: string): string {
  return cronInWords(pattern.trim());
}

/** The schema's message for this schedule ("is not a valid cron pattern: …", "… never fires: …"), or null. */
export function scheduleProblem(pattern: string): string | null {
  const result = jobSchema.shape.schedule.safeParse(pattern);
  return result.success ? null : (result.error.issues[0]?.message ?? 'is not a valid schedule');
}

/** The jobs file's warning for a schedule that runs more than once a minute, or null. */
export function scheduleWarning(pattern: string): string | null {
  return scheduleProblem(pattern) ? null : oftenerThanMinuteWarning(pattern.trim());
}

/** True when the IANA zone is one this computer knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The date and time a clock in `timeZone` shows at `instant`. */
export function wallClock(instant: Date, timeZone: string | undefined): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/**
 * True when croner moved this run off the time the pattern names because the clocks went forward (the wall time
 * it runs at is not one the pattern matches). Checked by asking the pattern about that wall time in UTC, which has
 * no clock changes.
 */
export function movedByClockChange(pattern: string, timeZone: string | undefined, run: Date): boolean {
  const utc = cronIn(pattern, 'UTC');
  if (!utc) return false;
  const wall = wallClock(run, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const match = utc.nextRun(new Date(asUtc - 1000));
  return match === null || match.getTime() !== asUtc;
}

export interface RunTimeText {
  /** In the job's zone: "Mon 30 Mar, 07:00", with the offset ("GMT+2") when that zone is not the computer's. */
  inJobZone: string;
  /** The same instant on this computer's clock, when the zones differ: "Mon 30 Mar, 06:00"; else null. */
  onThisComputer: string | null;
}

export interface RunTimeFormat {
  /** The job's zone; undefined = the computer's. */
  timeZone: string | undefined;
  /** The computer's zone (injected so tests do not depend on the machine). */
  localTimeZone: string;
  /** Show the year (the run is not in the current year). */
  withYear?: boolean;
  /** Show seconds (the pattern has a seconds field that is not 0). */
  withSeconds?: boolean;
  locale?: string;
}

function formatter(timeZone: string, options: RunTimeFormat, zoneName: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(options.locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(options.withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    ...(options.withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    ...(zoneName ? { timeZoneName: 'shortOffset' } : {}),
  });
}

/** A run time as the preview lists it, in the job's zone and (when different) on this computer. */
export function formatRunTime(run: Date, options: RunTimeFormat): RunTimeText {
  const jobZone = options.timeZone ?? options.localTimeZone;
  const differs = jobZone !== options.localTimeZone;
  return {
    inJobZone: formatter(jobZone, options, differs).format(run),
    onThisComputer: differs ? formatter(options.localTimeZone, options, false).format(run) : null,
  };
}

/** True when the pattern's runs can fall on a second other than :00 (a seconds field such as `30`). */
export function hasSeconds(pattern: string): boolean {
  const fields = pattern.trim().split(/\s+/);
  return fields.length >= 6 && !/^0+$/.test(fields[0] ?? '');
}

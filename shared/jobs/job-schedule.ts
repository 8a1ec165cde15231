/**
 * Schedule arithmetic as pure functions: when a job runs next, which runs were missed, and the schedule in
 * words. Kept apart from the timer (scheduler.ts) so tests check dates without waiting, as croner does.
 */
import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import type { Job } from './job-schema.js';

type Scheduled = Pick<Job, 'schedule' | 'timezone'>;

/** Safety cap when counting missed runs (a per-minute job asleep for a year is 525,600). */
const MAX_COUNTED = 1_000_000;

const patterns = new Map<string, Cron>();

function cronFor(job: Scheduled): Cron {
  const key = `${job.schedule}\u0000${job.timezone ?? ''}`;
  let cron = patterns.get(key);
  if (!cron) {
    cron = new Cron(job.schedule, { paused: true, ...(job.timezone ? { timezone: job.timezone } : {}) });
    patterns.set(key, cron);
  }
  return cron;
}

/** The first scheduled instant strictly after `after`, or null if the pattern never fires again. */
export function nextRunAfter(job: Scheduled, after: Date): Date | null {
  return cronFor(job).nextRun(after);
}

export interface MissedRuns {
  /** The most recent scheduled instant in (since, now], or null when none fell due. */
  latest: Date | null;
  count: number;
}

/** The scheduled instants that fell due after `since` up to and including `now`. */
export function dueSince(job: Scheduled, since: Date, now: Date): MissedRuns {
  let latest: Date | null = null;
  let count = 0;
  let cursor = nextRunAfter(job, since);
  while (cursor && cursor.getTime() <= now.getTime() && count < MAX_COUNTED) {
    latest = cursor;
    count++;
    cursor = nextRunAfter(job, cursor);
  }
  return { latest, count };
}

/** "At 07:00, Monday through Friday (Europe/Berlin)". */
export function describeSchedule(job: Scheduled): string {
  const words = cronInWords(job.schedule);
  return job.timezone ? `${words} (${job.timezone})` : `${words} (local time)`;
}

/**
 * The pattern alone in words: "At 07:00, Monday through Friday"; the pattern itself when it cannot be read.
 * cronstrue says "Every 7 minutes" for `*\/7`, but cron restarts the count at each full hour (:56, then :00), so
 * such steps get their real shape added (unevenStepNote).
 */
export function cronInWords(pattern: string): string {
  let words = patternWords.get(pattern);
  if (words === undefined) {
    // A jobs list repeats a few schedules; cronstrue takes ~0.1 ms a pattern. Bounded for the long-running app.
    if (patternWords.size >= 1_000) patternWords.clear();
    words = describePattern(pattern);
    patternWords.set(pattern, words);
  }
  return words;
}

const patternWords = new Map<string, string>();

function describePattern(pattern: string): string {
  let words: string;
  try {
    words = cronstrue.toString(pattern, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return pattern;
  }
  const note = unevenStepNote(pattern);
  return note ? `${words} (${note})` : words;
}

/** "restarting at :00 each hour, so the last gap is 4 minutes" for a `*\/N` step that does not divide its range. */
function unevenStepNote(pattern: string): string | null {
  const fields = pattern.trim().split(/\s+/);
  const units = fields.length >= 6
    ? [{ field: fields[0], size: 60, unit: 'second', whole: 'minute', mark: ':00' }, { field: fields[1], size: 60, unit: 'minute', whole: 'hour', mark: ':00' }, { field: fields[2], size: 24, unit: 'hour', whole: 'day', mark: '00:00' }]
    : [{ field: fields[0], size: 60, unit: 'minute', whole: 'hour', mark: ':00' }, { field: fields[1], size: 24, unit: 'hour', whole: 'day', mark: '00:00' }];
  for (const { field, size, unit, whole, mark } of units) {
    const step = /^\*\/(\d+)$/.exec(field ?? '');
    if (!step) continue;
    const every = Number(step[1]);
    if (every <= 1 || every >= size || size % every === 0) continue;
    const gap = size - Math.floor((size - 1) / every) * every;
    return `restarting at ${mark} each ${whole}, so the last gap is ${gap} ${unit}${gap === 1 ? '' : 's'}`;
  }
  return null;
}

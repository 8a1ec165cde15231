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
  let words: string;
  try {
    words = cronstrue.toString(job.schedule, { use24HourTimeFormat: true, verbose: false });
  } catch {
    words = job.schedule;
  }
  return job.timezone ? `${words} (${job.timezone})` : `${words} (local time)`;
}

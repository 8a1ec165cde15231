/**
 * Checks of a cron pattern beyond its syntax: does it ever fire, and does it fire more than once a minute.
 *
 * A pattern such as `0 0 30 2 *` (30 February) parses but never fires; accepted silently, the job would simply
 * never run, so it is an error. A seconds field that matches more than one second fires several times a minute,
 * which is almost always a mistake for a job that sends mail or calls Graph, so it is a warning.
 */
import { oftenerThanMinuteWarning } from '../../../shared/jobs/schedule-rules.js';
import type { Job } from '../../../shared/jobs/job-schema.js';
import type { WorldProblem } from './job-checks.js';

/** The schedule's problems that are not errors of syntax, in the shape of the world checks. */
export function checkSchedule(job: Pick<Job, 'schedule'>): WorldProblem[] {
  const message = oftenerThanMinuteWarning(job.schedule);
  return message ? [{ severity: 'warning', segments: ['schedule'], message }] : [];
}

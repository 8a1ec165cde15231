/**
 * When the runner may try a job again, and the key that ties the tries of one occurrence together.
 *
 * Sending a Teams message or a non-GET Graph request twice does the work twice, so after a failure that may
 * have taken effect (code `outcome-unknown`, or a timeout mid-request) those are not retried. mail.send is
 * exactly-once by its occurrence key (each try looks in Sent Items first), so its retries are safe — except
 * with `saveToSentItems: false`, where there is nothing to look in.
 */
import { randomUUID } from 'node:crypto';
import type { Job } from '../../../shared/jobs/job-schema.js';
import type { JobRun } from '../../../shared/models/job-run.js';

/** Actions Delegate cannot check afterwards: one try after an ambiguous failure, never two. */
export function isAtMostOnce(job: Job): boolean {
  const action = job.action;
  if (action.kind === 'teams.message') return true;
  if (action.kind === 'graph.request') return action.method !== 'GET';
  if (action.kind === 'mail.send') return !action.saveToSentItems;
  return false;
}

export function mayRetry(job: Job, run: JobRun): boolean {
  if (run.status !== 'failed' && run.status !== 'timed-out') return false;
  if (run.error?.code === 'outcome-unknown' || run.error?.code === 'action-done') return false;
  return !(run.status === 'timed-out' && isAtMostOnce(job));
}

/** Added to a timeout of such a job: the request may have gone out before it was stopped. */
export function timedOutNote(job: Job): string {
  if (!isAtMostOnce(job)) return '';
  const what = job.action.kind === 'teams.message' ? 'The message may have been posted' : job.action.kind === 'mail.send' ? 'The mail may have been sent' : 'The request may have been carried out';
  return ` ${what}, so Delegate did not try again: check before running the job again.`;
}

/**
 * One key per occurrence: the scheduled instant for a scheduled run (a catch-up of the same instant shares it),
 * a fresh one for each manual run. Job-level retries of that run reuse it.
 */
export function occurrenceKey(job: Job, scheduledFor: Date | null): string {
  return scheduledFor ? `${job.id}@${scheduledFor.toISOString()}` : `${job.id}@manual-${randomUUID()}`;
}

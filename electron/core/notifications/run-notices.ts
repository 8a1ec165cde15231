/**
 * Which finished runs deserve a notification, and how a batch of them reads.
 *
 * A job's `notify` decides: `never`, `failure` (the default: failed or timed out), or `always` (every run that
 * ends). A failed try that will be retried is not announced: only the last try says whether the run failed.
 * Several failures close together (a network outage at 02:00 fails every job) become one notification.
 * A run is named by the time it was due ("the 02:00 run failed"), or started when it was not scheduled.
 */
import { clip, type DesktopNotification } from './desktop-notification.js';
import { formatRunTime, type TimeFormat } from './format-time.js';
import type { JobRun } from '../../../shared/models/job-run.js';

export type JobNotify = 'always' | 'failure' | 'never';

/** What the policy needs to know about a job (from the jobs file). */
export interface JobNotifySetting {
  name: string;
  notify: JobNotify;
  /** Total tries: 1 + `retries.attempts`. */
  tries: number;
}

export type RunNoticeKind = 'failure' | 'finished';

export interface PendingRunNotice {
  kind: RunNoticeKind;
  run: JobRun;
  jobName: string;
}

const FAILED = new Set(['failed', 'timed-out']);
const FINISHED = new Set(['succeeded', 'skipped']);

/** Whether this run, now over, should be announced, and as what. Null when not. */
export function runNoticeKind(run: JobRun, job: JobNotifySetting | undefined): RunNoticeKind | null {
  // A run of a job that is no longer in the jobs file still follows the default (`failure`).
  const notify = job?.notify ?? 'failure';
  if (notify === 'never') return null;
  if (FAILED.has(run.status)) {
    const retryFollows = run.attempt < (job?.tries ?? 1);
    return retryFollows ? null : 'failure';
  }
  if (notify === 'always' && FINISHED.has(run.status)) return 'finished';
  return null;
}

/** One notification per kind for a batch: "nightly-etl failed at 02:00", or "3 jobs failed: a, b, c". */
export function batchNotifications(batch: readonly PendingRunNotice[], now: Date, format: TimeFormat = {}): DesktopNotification[] {
  const notifications: DesktopNotification[] = [];
  const failures = batch.filter((notice) => notice.kind === 'failure');
  const finished = batch.filter((notice) => notice.kind === 'finished');
  if (failures.length > 0) notifications.push(failureNotification(failures, now, format));
  if (finished.length > 0) notifications.push(finishedNotification(finished, now, format));
  return notifications;
}

function failureNotification(failures: readonly PendingRunNotice[], now: Date, format: TimeFormat): DesktopNotification {
  const latest = latestPerJob(failures);
  const newestId = Math.max(...failures.map((notice) => notice.run.id));
  if (latest.length === 1) {
    const [{ run, jobName }] = latest as [PendingRunNotice];
    const verb = run.status === 'timed-out' ? 'timed out' : 'failed';
    const reason = run.error ? `${run.error.message}${run.error.action ? ` ${run.error.action}` : ''}` : 'See History for what happened.';
    return {
      id: `runs-failed:${newestId}`,
      kind: 'runs-failed',
      title: `${jobName} ${verb} at ${formatRunTime(run.scheduledFor ?? run.startedAt, now, format)}`,
      body: clip(reason),
      target: { view: 'history', runId: run.id, jobId: run.jobId },
    };
  }
  const names = latest.map((notice) => notice.jobName);
  return {
    id: `runs-failed:${newestId}`,
    kind: 'runs-failed',
    title: clip(`${names.length} jobs failed: ${names.join(', ')}`, 100),
    body: clip(latest.map((notice) => `${notice.jobName}: ${notice.run.error?.message ?? notice.run.status}`).join(' · ')),
    target: { view: 'history', status: ['failed', 'timed-out'] },
  };
}

function finishedNotification(finished: readonly PendingRunNotice[], now: Date, format: TimeFormat): DesktopNotification {
  const latest = latestPerJob(finished);
  const newestId = Math.max(...finished.map((notice) => notice.run.id));
  if (latest.length === 1) {
    const [{ run, jobName }] = latest as [PendingRunNotice];
    return {
      id: `runs-finished:${newestId}`,
      kind: 'runs-finished',
      title: `${jobName} ${run.status} at ${formatRunTime(run.scheduledFor ?? run.startedAt, now, format)}`,
      body: clip(run.summary ?? run.error?.message ?? 'See History for details.'),
      target: { view: 'history', runId: run.id, jobId: run.jobId },
    };
  }
  const names = latest.map((notice) => notice.jobName);
  return {
    id: `runs-finished:${newestId}`,
    kind: 'runs-finished',
    title: clip(`${names.length} jobs finished: ${names.join(', ')}`, 100),
    body: clip(latest.map((notice) => `${notice.jobName}: ${notice.run.summary ?? notice.run.status}`).join(' · ')),
    target: { view: 'history' },
  };
}

/** The newest notice of each job, in the order the jobs first appeared. */
function latestPerJob(notices: readonly PendingRunNotice[]): PendingRunNotice[] {
  const byJob = new Map<string, PendingRunNotice>();
  for (const notice of notices) {
    const known = byJob.get(notice.run.jobId);
    if (!known || notice.run.id > known.run.id) byJob.set(notice.run.jobId, notice);
  }
  return [...byJob.values()];
}

/**
 * The notification policy: what Delegate tells the person, once, and when.
 *
 * - Before a sign-in expires: at 14, 7, 3 and 1 days (each once per sign-in), and once when it has expired or
 *   policy blocks it (expiry-notices.ts). Fed with every profile's health whenever it may have changed.
 * - When runs end: by each job's `notify`, failures within `coalesceMs` of the first one as one notification
 *   (run-notices.ts). Fed with every finished run.
 *
 * Pure apart from the store it is given (`notifications.json` in the app) and the injected clock and timers;
 * showing a notification is the caller's `deliver`.
 */
import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_EXPIRY_THRESHOLDS, expiryNotice } from './expiry-notices.js';
import { batchNotifications, runNoticeKind, type JobNotifySetting, type PendingRunNotice } from './run-notices.js';
import type { DesktopNotification } from './desktop-notification.js';
import type { TimeFormat } from './format-time.js';
import type { NotificationState, NotificationStore } from './notification-state.js';
import type { JobRun } from '../../../shared/models/job-run.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export interface NotificationTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface NotificationPolicyOptions {
  store: NotificationStore;
  deliver(notification: DesktopNotification): void;
  clock?: Clock;
  timers?: NotificationTimers;
  thresholds?: readonly number[];
  coalesceMs?: number;
  maxRunAgeMs?: number;
  format?: TimeFormat;
}

/** Failures this close together are one notification: long enough for a whole 02:00 batch to fail. */
export const DEFAULT_COALESCE_MS = 30_000;
/** A run that ended longer ago than this is history, not news (e.g. found when the app starts). */
export const DEFAULT_MAX_RUN_AGE_MS = 60 * 60_000;

const realTimers: NotificationTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class NotificationPolicy {
  private state: NotificationState;
  private pending: PendingRunNotice[] = [];
  private timer: unknown = null;
  private readonly clock: Clock;
  private readonly timers: NotificationTimers;

  constructor(private readonly options: NotificationPolicyOptions) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? realTimers;
    this.state = options.store.load();
  }

  /** Every profile's health (all of them: profiles not listed are forgotten). Delivers what is due now. */
  checkHealth(healths: readonly ProfileHealth[]): DesktopNotification[] {
    const before = JSON.stringify(this.state);
    const due: DesktopNotification[] = [];
    const profiles: NotificationState['profiles'] = {};
    for (const health of healths) {
      const result = expiryNotice(health, this.state.profiles[health.profile], this.options.thresholds ?? DEFAULT_EXPIRY_THRESHOLDS, this.options.format);
      profiles[health.profile] = result.state;
      if (result.notification) due.push(result.notification);
    }
    this.state = { ...this.state, profiles };
    // Saved before showing anything: a crash between the two loses a notification rather than repeating it forever.
    // Re-read first: the sign-in keeper (this app's or a daemon's) writes its channels to the same file.
    if (JSON.stringify(this.state) !== before) this.options.store.save({ ...this.options.store.load(), profiles });
    for (const notification of due) this.deliver(notification);
    return due;
  }

  /** A run that ended, with its job's settings (undefined when the job has left the jobs file). */
  runFinished(run: JobRun, job: JobNotifySetting | undefined): void {
    if (run.status === 'running' || run.id <= this.state.lastRunId) return;
    if (this.pending.some((notice) => notice.run.id === run.id)) return;
    const endedAt = Date.parse(run.endedAt ?? run.startedAt);
    if (this.clock.now().getTime() - endedAt > (this.options.maxRunAgeMs ?? DEFAULT_MAX_RUN_AGE_MS)) return;
    const kind = runNoticeKind(run, job);
    if (!kind) return;
    this.pending.push({ kind, run, jobName: job?.name ?? run.jobId });
    this.timer ??= this.timers.setTimeout(() => this.flush(), this.options.coalesceMs ?? DEFAULT_COALESCE_MS);
  }

  /** Delivers the runs waiting to be announced now (the coalescing window ended, or the app is quitting). */
  flush(): DesktopNotification[] {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return [];
    const due = batchNotifications(batch, this.clock.now(), this.options.format);
    this.state = { ...this.state, lastRunId: Math.max(this.state.lastRunId, ...batch.map((notice) => notice.run.id)) };
    this.options.store.save({ ...this.options.store.load(), lastRunId: this.state.lastRunId });
    for (const notification of due) this.deliver(notification);
    return due;
  }

  /** Announces what is pending and stops the timer. */
  dispose(): void {
    this.flush();
  }

  private deliver(notification: DesktopNotification): void {
    try {
      this.options.deliver(notification);
    } catch {
      // A notification the OS refused must never break the run or the health check that caused it.
    }
  }
}

/**
 * The scheduler: decides when each job runs, on an injected clock.
 *
 * - Waits are capped at 30 s (as croner does) so a laptop waking from sleep or a clock jump is noticed within
 *   30 s instead of whenever a long timer happens to fire.
 * - Catch-up: the last instant each job was scheduled for is persisted; runs that fell due while the machine
 *   slept or Delegate was off are run once (`catchUp: once`, trigger `catch-up`) or skipped (`none`).
 * - A global concurrency limit queues runs; the runner refuses overlapping runs of one job.
 * - Pause stops scheduled runs (instants passed while paused are skipped, not caught up); run-now still works.
 * - Catch-up is only for time the computer or Delegate was off: a job that comes back from being disabled or
 *   removed, or gets a new schedule, counts from that moment (its plan is remembered in a `PlanBook`).
 */
import { dueSince, nextRunAfter } from '../../../shared/jobs/job-schedule.js';
import type { Clock } from '../clock.js';
import type { PlanBook } from './scheduler-state.js';
import type { Job } from '../../../shared/jobs/job-schema.js';
import type { RunTrigger } from '../../../shared/models/job-run.js';

/** Long timers misbehave across sleep; a capped wait re-checks the clock at least this often. */
export const MAX_WAIT_MS = 30_000;
/** A run this late is still an ordinary scheduled run (timer jitter, a busy machine); later is a missed run. */
export const LATE_GRACE_MS = 2 * 60_000;

export interface ScheduleBook {
  lastScheduled(jobId: string): string | null;
  setLastScheduled(jobId: string, iso: string): void;
}

/** The plan of a job that does not run on a schedule (disabled, removed or invalid). */
const OFF_PLAN = 'off';

/** What decides when a job runs; a change means the runs missed before it are not the job's to catch up. */
function planOf(job: Job): string {
  return job.enabled ? `on ${job.schedule} ${job.timezone ?? 'local'}` : OFF_PLAN;
}

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  clock: Clock;
  book: ScheduleBook;
  /** Remembers each job's plan between restarts; without it, only changes seen by this instance count. */
  plans?: PlanBook;
  /** Starts one run (the runner records it and handles retries); resolves when it is over. */
  dispatch(job: Job, trigger: RunTrigger, scheduledFor: Date | null): Promise<unknown>;
  maxConcurrent?: number;
  timers?: SchedulerTimers;
  log?: (line: string) => void;
}

const realTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface QueuedRun {
  job: Job;
  trigger: RunTrigger;
  scheduledFor: Date | null;
  done: (outcome: Promise<unknown>) => void;
}

export class Scheduler {
  private jobs = new Map<string, Job>();
  /** Each job's next due instant (ms), so a tick compares numbers instead of asking croner 10,000 times. */
  private readonly nextAt = new Map<string, number>();
  private readonly queue: QueuedRun[] = [];
  private readonly active = new Set<Promise<unknown>>();
  private timer: unknown = null;
  private started = false;
  private stopping = false;
  private paused = false;
  /** The plans seen last, when no PlanBook keeps them. */
  private seenPlans: ReadonlyMap<string, string> = new Map();
  private readonly timers: SchedulerTimers;
  private readonly maxConcurrent: number;

  constructor(private readonly options: SchedulerOptions) {
    this.timers = options.timers ?? realTimers;
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 2);
  }

  /** Replaces the job set (on start and whenever the jobs file changes). */
  setJobs(jobs: readonly Job[]): void {
    const now = this.options.clock.now().toISOString();
    this.jobs = new Map(jobs.map((job) => [job.id, job]));
    this.nextAt.clear();
    this.notePlans(jobs, now);
    for (const job of jobs) {
      // A job seen for the first time counts from now: it has missed nothing yet.
      if (this.options.book.lastScheduled(job.id) === null) this.options.book.setLastScheduled(job.id, now);
      this.planNext(job, new Date(this.options.book.lastScheduled(job.id) ?? now));
    }
    if (this.started) this.reschedule(0);
  }

  start(): void {
    this.started = true;
    this.stopping = false;
    this.reschedule(0);
  }

  /** Stops starting runs. Runs already going are the caller's to wait for (see `whenIdle`). */
  stop(): void {
    this.stopping = true;
    this.started = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    for (const queued of this.queue.splice(0)) queued.done(Promise.resolve(null));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.reschedule(0);
  }

  isPaused(): boolean {
    return this.paused;
  }

  /** Call after the machine wakes: checks at once instead of at the next capped wait. */
  wake(): void {
    if (this.started) this.reschedule(0);
  }

  /** Runs a job now (trigger `manual`), through the same concurrency limit. */
  runNow(jobId: string): Promise<unknown> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`scheduler: no job "${jobId}"`));
    return this.enqueue(job, 'manual', null);
  }

  /** Resolves when no run is going or queued. */
  async whenIdle(): Promise<void> {
    while (this.active.size > 0 || this.queue.length > 0) await Promise.allSettled([...this.active]);
  }

  activeCount(): number {
    return this.active.size;
  }

  /** One pass: start whatever fell due. Public so tests can drive the clock without timers. */
  tick(): void {
    if (this.stopping) return;
    const now = this.options.clock.now();
    for (const job of this.jobs.values()) {
      if (!job.enabled || (this.nextAt.get(job.id) ?? Number.POSITIVE_INFINITY) > now.getTime()) continue;
      const since = new Date(this.options.book.lastScheduled(job.id) ?? now.toISOString());
      const due = dueSince(job, since, now);
      if (!due.latest) {
        this.planNext(job, now);
        continue;
      }
      this.options.book.setLastScheduled(job.id, due.latest.toISOString());
      this.planNext(job, due.latest);
      const late = now.getTime() - due.latest.getTime() > LATE_GRACE_MS;
      if (this.paused) {
        this.log(`${job.id}: ${due.count} scheduled run(s) skipped while paused`);
        continue;
      }
      if (due.count === 1 && !late) {
        void this.enqueue(job, 'schedule', due.latest);
      } else if (job.catchUp === 'once') {
        this.log(`${job.id}: ${due.count} run(s) missed while asleep or off; catching up once`);
        void this.enqueue(job, 'catch-up', due.latest);
      } else {
        this.log(`${job.id}: ${due.count} run(s) missed while asleep or off; not caught up (catchUp: none)`);
      }
    }
  }

  /** When the earliest enabled job is next due, for the timer. */
  nextDue(): Date | null {
    let earliest = Number.POSITIVE_INFINITY;
    for (const job of this.jobs.values()) {
      if (job.enabled) earliest = Math.min(earliest, this.nextAt.get(job.id) ?? Number.POSITIVE_INFINITY);
    }
    return Number.isFinite(earliest) ? new Date(earliest) : null;
  }

  /**
   * Moves the marker of every job that was off (disabled, removed or on another schedule) and is on now, so the
   * runs it had while off are not caught up; then remembers the plans.
   */
  private notePlans(jobs: readonly Job[], nowIso: string): void {
    const before = this.options.plans?.plans() ?? this.seenPlans;
    const after = new Map<string, string>();
    for (const [id] of before) after.set(id, OFF_PLAN);
    for (const job of jobs) {
      const plan = planOf(job);
      after.set(job.id, plan);
      const previous = before.get(job.id);
      if (previous === undefined || previous === plan || plan === OFF_PLAN) continue;
      this.options.book.setLastScheduled(job.id, nowIso);
      this.log(`${job.id}: ${previous === OFF_PLAN ? 'switched on' : 'schedule changed'}; runs it would have had before now are not caught up`);
    }
    this.seenPlans = after;
    const changed = after.size !== before.size || [...after].some(([id, plan]) => before.get(id) !== plan);
    if (changed) this.options.plans?.savePlans(after);
  }

  private planNext(job: Job, after: Date): void {
    const next = nextRunAfter(job, after);
    if (next) this.nextAt.set(job.id, next.getTime());
    else this.nextAt.delete(job.id);
  }

  private reschedule(delayMs: number | null): void {
    if (!this.started) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const wait = delayMs ?? this.waitUntilNext();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.tick();
      this.reschedule(null);
    }, wait);
  }

  private waitUntilNext(): number {
    const next = this.nextDue();
    if (!next) return MAX_WAIT_MS;
    return Math.min(MAX_WAIT_MS, Math.max(0, next.getTime() - this.options.clock.now().getTime()));
  }

  private enqueue(job: Job, trigger: RunTrigger, scheduledFor: Date | null): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, trigger, scheduledFor, done: (outcome) => outcome.then(resolve, reject) });
      this.drain();
    });
  }

  private drain(): void {
    while (!this.stopping && this.active.size < this.maxConcurrent && this.queue.length > 0) {
      const next = this.queue.shift() as QueuedRun;
      const run = this.options.dispatch(next.job, next.trigger, next.scheduledFor);
      const tracked = run.finally(() => {
        this.active.delete(tracked);
        this.drain();
      });
      tracked.catch(() => undefined);
      this.active.add(tracked);
      next.done(run);
    }
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

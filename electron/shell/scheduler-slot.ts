/**
 * The app's place in "one scheduler per Delegate home".
 *
 * Normally the app takes the home's scheduler lock and runs the job engine. When another process already holds
 * it — `delegate daemon` on a machine that also has the desktop app — the app does not quit and does not run a
 * second scheduler: it opens as an *observer*. The window and the tray still show health and history, sign-in
 * still works (the daemon's jobs need it), "Run now" still runs a job (the runner's per-job lock keeps it from
 * overlapping a scheduled run), and the daemon's finished runs are read from the history so failures are still
 * notified. Only the schedule itself (and pausing it) stays the daemon's. Every `retryEveryMs`, and on wake, the
 * app tries the lock again and takes the schedule over as soon as the daemon stops.
 *
 * Plain Node (no Electron), so it is tested with a real second engine on a temporary home.
 */
import { statSync } from 'node:fs';
import { DelegateError, isDelegateError } from '../core/errors/delegate-error.js';
import { HistoryStore, historyPath } from '../core/history/history-store.js';
import { JobEngine, type JobEngineOptions } from '../core/jobs/job-engine.js';
import { jobsFilePath, type LoadedJobs } from '../core/jobs/jobs-file.js';
import { configPath } from '../core/config/profile-paths.js';
import { jobsAfterReload, readHomeJobs, ReloadEvents, scheduledVersion, type ReloadListener, type ScheduledVersion } from '../core/jobs/jobs-reload.js';
import { RunEvents, type RunEvent } from '../core/jobs/run-events.js';
import { Runner } from '../core/jobs/runner.js';
import { systemClock } from '../core/clock.js';
import type { JobRun } from '../../shared/models/job-run.js';

/** What the app service uses of the job engine; the slot offers it whichever process runs the schedule. */
export type EngineSurface = Pick<JobEngine, 'events' | 'history' | 'jobs' | 'reload' | 'onReload' | 'runNow' | 'pause' | 'resume' | 'isPaused' | 'wake' | 'stop'>;

export type SchedulerMode = { kind: 'scheduler' } | { kind: 'observer'; reason: string };

export interface SchedulerSlotOptions extends JobEngineOptions {
  /** JobEngine.start, replaced in tests. */
  startEngine?: (options: JobEngineOptions) => Promise<EngineSurface>;
  /** How often an observer tries to take the schedule over. */
  retryEveryMs?: number;
  /** How often an observer reads the history for runs the other process finished. */
  pollEveryMs?: number;
}

const DEFAULT_RETRY_EVERY_MS = 30_000;
const DEFAULT_POLL_EVERY_MS = 5_000;

export class SchedulerSlot implements EngineSurface {
  readonly events = new RunEvents();
  private readonly reloads = new ReloadEvents();
  private engine: EngineSurface | null = null;
  private observer: Observer | null = null;
  private modeValue: SchedulerMode;
  private readonly modeListeners = new Set<(mode: SchedulerMode) => void>();
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private takingOver: Promise<void> | null = null;

  private constructor(private readonly options: SchedulerSlotOptions) {
    this.modeValue = { kind: 'scheduler' };
  }

  /** Takes the schedule, or opens as an observer when another process has it. Other failures are thrown. */
  static async open(options: SchedulerSlotOptions): Promise<SchedulerSlot> {
    const slot = new SchedulerSlot(options);
    try {
      slot.attach(await slot.startEngine());
    } catch (error) {
      if (!isSchedulerRunning(error)) throw error;
      slot.observer = new Observer(options, slot.events, slot.reloads);
      slot.modeValue = { kind: 'observer', reason: error.message };
      options.log?.(`scheduler: ${error.message} The app watches its runs and takes over when it stops.`);
      slot.retryTimer = setInterval(() => void slot.tryTakeOver(), options.retryEveryMs ?? DEFAULT_RETRY_EVERY_MS).unref();
    }
    return slot;
  }

  get mode(): SchedulerMode {
    return this.modeValue;
  }

  /** Told when the app takes the schedule over; returns the unsubscribe function. */
  onModeChange(listener: (mode: SchedulerMode) => void): () => void {
    this.modeListeners.add(listener);
    return () => this.modeListeners.delete(listener);
  }

  get history(): HistoryStore {
    return (this.engine?.history ?? this.observer?.history) as HistoryStore;
  }

  jobs(): LoadedJobs {
    return this.engine ? this.engine.jobs() : (this.observer as Observer).jobs();
  }

  reload(): LoadedJobs {
    return this.engine ? this.engine.reload() : (this.observer as Observer).reload();
  }

  /** Told after every reload of the jobs file, by the engine or (as observer) when the file changed on disk. */
  onReload(listener: ReloadListener): () => void {
    return this.reloads.on(listener);
  }

  runNow(jobId: string): Promise<JobRun> {
    return this.engine ? this.engine.runNow(jobId) : (this.observer as Observer).runNow(jobId);
  }

  pause(): void {
    if (!this.engine) throw this.notOurs('paused');
    this.engine.pause();
  }

  resume(): void {
    if (!this.engine) throw this.notOurs('resumed');
    this.engine.resume();
  }

  isPaused(): boolean {
    return this.engine?.isPaused() ?? false;
  }

  /** After sleep: the engine catches up; an observer tries at once to take over. */
  wake(): void {
    if (this.engine) this.engine.wake();
    else void this.tryTakeOver();
  }

  async stop(graceMs = 30_000): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    await this.takingOver;
    await Promise.all([this.engine?.stop(graceMs), this.observer?.stop(graceMs)]);
  }

  /** One attempt to take the schedule from a process that may have stopped. */
  async tryTakeOver(): Promise<void> {
    if (this.engine || this.stopped || this.takingOver) return this.takingOver ?? undefined;
    // The engine marks every `running` row interrupted when it starts: wait until our own manual runs are over.
    if (this.observer?.busy()) return;
    this.takingOver = (async () => {
      try {
        const engine = await this.startEngine();
        if (this.stopped) {
          await engine.stop(0);
          return;
        }
        const observer = this.observer;
        this.observer = null;
        if (this.retryTimer) clearInterval(this.retryTimer);
        this.retryTimer = null;
        this.attach(engine);
        await observer?.stop(0);
        this.options.log?.('scheduler: the other scheduler stopped; the app runs the schedule now');
        this.setMode({ kind: 'scheduler' });
        // The engine read the file when it started, before anyone listened: the window now shows its jobs.
        this.reloads.emit(engine.jobs());
      } catch (error) {
        if (!isSchedulerRunning(error)) this.options.log?.(`scheduler: could not take over (${(error as Error).message})`);
      } finally {
        this.takingOver = null;
      }
    })();
    return this.takingOver;
  }

  private startEngine(): Promise<EngineSurface> {
    return (this.options.startEngine ?? ((options) => JobEngine.start(options)))(this.options);
  }

  private attach(engine: EngineSurface): void {
    this.engine = engine;
    engine.events.on((event) => this.events.emit(event));
    engine.onReload((loaded) => this.reloads.emit(loaded));
  }

  private setMode(mode: SchedulerMode): void {
    this.modeValue = mode;
    for (const listener of this.modeListeners) listener(mode);
  }

  private notOurs(verb: string): DelegateError {
    const reason = this.modeValue.kind === 'observer' ? this.modeValue.reason : 'Another Delegate process runs the schedule.';
    return new DelegateError({
      code: 'scheduler-running',
      message: `The schedule cannot be ${verb} from the app: ${reason}`,
      action: 'Stop `delegate daemon` (Ctrl+C or SIGTERM) to let the app run the schedule, or leave it to the daemon.',
    });
  }
}

function isSchedulerRunning(error: unknown): error is DelegateError {
  return isDelegateError(error) && error.code === 'scheduler-running';
}

/**
 * The app's side while another process runs the schedule: its own history handle, runner and jobs view. The jobs
 * view follows the engine's rules (jobs-reload.ts): the other process's engine keeps the last readable version
 * running while the file is broken, and so this view shows those jobs, marked, and the file's error only.
 */
class Observer {
  readonly history: HistoryStore;
  private loaded: LoadedJobs;
  private scheduled: ScheduledVersion | null = null;
  private jobsFileStamp: string;
  private readonly runner: Runner;
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Set<Promise<JobRun>>();
  private readonly pollTimer: NodeJS.Timeout;
  /** Runs at or below this id were seen; running ones are watched until they end. */
  private newestSeen: number;
  private readonly watching = new Set<number>();

  constructor(
    private readonly options: SchedulerSlotOptions,
    private readonly events: RunEvents,
    private readonly reloads: ReloadEvents,
  ) {
    this.history = new HistoryStore(historyPath(options.home));
    this.loaded = this.read();
    this.jobsFileStamp = this.stamp();
    this.runner = new Runner({ home: options.home, clock: options.clock ?? systemClock, history: this.history, createGraph: options.createGraph, events, signal: this.shutdown.signal, ...(options.log ? { log: options.log } : {}) });
    // What is in the history now is the past: only what changes from here on is news.
    const recent = this.history.recentRuns({ limit: 200 }).runs;
    this.newestSeen = recent[0]?.id ?? 0;
    for (const run of recent) if (run.status === 'running') this.watching.add(run.id);
    // Runs this process starts are announced by its own runner; the poll must not announce them again.
    events.on((event) => this.seen(event));
    this.pollTimer = setInterval(() => this.poll(), options.pollEveryMs ?? DEFAULT_POLL_EVERY_MS).unref();
  }

  jobs(): LoadedJobs {
    return this.loaded;
  }

  reload(): LoadedJobs {
    this.jobsFileStamp = this.stamp();
    this.loaded = this.read();
    this.reloads.emit(this.loaded);
    return this.loaded;
  }

  private read(): LoadedJobs {
    const next = readHomeJobs(this.options.home);
    if (!next.fileError) this.scheduled = scheduledVersion(next, (this.options.clock ?? systemClock).now());
    return jobsAfterReload(next, this.scheduled);
  }

  runNow(jobId: string): Promise<JobRun> {
    const job = this.loaded.jobs.find((candidate) => candidate.id === jobId);
    if (!job) return Promise.reject(new Error(`There is no valid job "${jobId}" in the jobs file.`));
    const run = this.runner.run(job, 'manual', null);
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Reads what the other process recorded since the last look and announces it as run events. */
  poll(): void {
    try {
      if (this.stamp() !== this.jobsFileStamp) this.reload();
      const fresh = this.history.recentRuns({ limit: 200 }).runs.filter((run) => run.id > this.newestSeen).reverse();
      for (const run of fresh) {
        this.newestSeen = Math.max(this.newestSeen, run.id);
        this.events.emit({ type: 'run-started', run });
        if (run.status === 'running') this.watching.add(run.id);
        else this.finished(run);
      }
      for (const id of [...this.watching]) {
        const run = this.history.getRun(id);
        if (!run || run.status !== 'running') {
          this.watching.delete(id);
          if (run) this.finished(run);
        }
      }
    } catch (error) {
      this.options.log?.(`scheduler: could not read the history (${(error as Error).message})`);
    }
  }

  async stop(graceMs: number): Promise<void> {
    clearInterval(this.pollTimer);
    const settled = Promise.allSettled([...this.inFlight]);
    const timedOut = await Promise.race([settled.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref())]);
    if (timedOut) {
      this.shutdown.abort(new Error('Delegate is shutting down.'));
      await settled;
    }
    this.history.close();
  }

  private seen(event: RunEvent): void {
    this.newestSeen = Math.max(this.newestSeen, event.run.id);
    this.watching.delete(event.run.id);
  }

  private finished(run: JobRun): void {
    this.events.emit({ type: 'run-finished', run });
    if (run.status === 'failed' || run.status === 'timed-out') this.events.emit({ type: 'run-failed', run });
  }

  /** The jobs file's and config.json's change times and sizes: either changing means the jobs view may have. */
  private stamp(): string {
    return [jobsFilePath(this.options.home), configPath(this.options.home)]
      .map((path) => {
        try {
          const stat = statSync(path);
          return `${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}`;
        } catch {
          return 'none';
        }
      })
      .join('|');
  }
}

/**
 * The job engine: the scheduler, the runner, the history and the jobs file, put together for one Delegate home.
 * The app's main process and `delegate daemon` both run exactly this.
 *
 * On start it takes the home's scheduler lock, marks runs cut off by a crash as `interrupted`, loads the jobs
 * file and watches it. On stop it starts nothing new, lets running runs finish within a grace period, then ends
 * the rest, which are recorded as `interrupted`.
 */
import { HistoryStore, historyPath } from '../history/history-store.js';
import { loadConfig } from '../config/config-store.js';
import { systemClock, type Clock } from '../clock.js';
import type { LoadedJobs } from './jobs-file.js';
import { watchJobsFile, type JobsFileWatch } from './jobs-file-watch.js';
import { watchSettingsFile } from '../fs/settings-file-watch.js';
import { configPath } from '../config/profile-paths.js';
import { describeReload, jobsAfterReload, readHomeJobs, ReloadEvents, scheduledVersion, type ReloadListener, type ScheduledVersion } from './jobs-reload.js';
import { RunEvents } from './run-events.js';
import { Runner, type GraphFactoryOptions } from './runner.js';
import { Scheduler, type SchedulerTimers } from './scheduler.js';
import { acquireSchedulerLock } from './scheduler-lock.js';
import { SchedulerStateStore } from './scheduler-state.js';
import { KeychainGate } from './keychain-gate.js';
import type { ReleaseLock } from '../fs/file-lock.js';
import type { GraphApi } from './kinds/kind-context.js';
import type { JobRun } from '../../../shared/models/job-run.js';

export interface JobEngineOptions {
  home: string;
  createGraph: (options: GraphFactoryOptions) => GraphApi;
  clock?: Clock;
  maxConcurrent?: number;
  log?: (line: string) => void;
  timers?: SchedulerTimers;
}

/** Waits this long after a change to the jobs file before reloading it (editors write in several steps). */
const RELOAD_DEBOUNCE_MS = 200;
/** History retention when config.json says nothing: a year of runs, at most 10,000 per job. */
export const DEFAULT_RETENTION = { keepDays: 365, keepRunsPerJob: 10_000 };
const RETENTION_EVERY_MS = 24 * 60 * 60_000;

export class JobEngine {
  private loaded: LoadedJobs;
  /** The last readable version of the jobs file: what the scheduler runs while the file cannot be read. */
  private scheduled: ScheduledVersion | null = null;
  private readonly reloads = new ReloadEvents();
  private readonly watchers: JobsFileWatch[] = [];
  private reloadTimer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly options: JobEngineOptions,
    readonly events: RunEvents,
    private readonly shutdown: AbortController,
    readonly history: HistoryStore,
    private readonly scheduler: Scheduler,
    private readonly runner: Runner,
    private readonly releaseLock: ReleaseLock,
    private readonly state: SchedulerStateStore,
  ) {
    this.loaded = { path: '', exists: false, version: null, jobs: [], problems: [] };
  }

  static async start(options: JobEngineOptions): Promise<JobEngine> {
    const clock = options.clock ?? systemClock;
    const releaseLock = await acquireSchedulerLock(options.home);
    let history: HistoryStore | undefined;
    try {
      history = new HistoryStore(historyPath(options.home));
      const interrupted = history.markInterrupted(clock.now());
      const store = history;
      const events = new RunEvents();
      const shutdown = new AbortController();
      const state = new SchedulerStateStore(options.home, clock, options.log);
      const runner = new Runner({ home: options.home, clock, history: store, createGraph: options.createGraph, events, signal: shutdown.signal, ...(options.log ? { log: options.log } : {}) });
      const keychainGate = new KeychainGate({ home: options.home, clock, ...(options.log ? { log: options.log } : {}) });
      const scheduler = new Scheduler({
        clock,
        book: store,
        plans: state,
        // Scheduled runs wait for a locked keychain (one skipped row per outage); manual runs never wait.
        dispatch: (job, trigger, scheduledFor) => keychainGate.dispatch(job, () => runner.run(job, trigger, scheduledFor)),
        ...(options.maxConcurrent !== undefined ? { maxConcurrent: options.maxConcurrent } : {}),
        ...(options.timers ? { timers: options.timers } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
      const engine = new JobEngine(options, events, shutdown, store, scheduler, runner, releaseLock, state);
      if (state.isPaused()) {
        scheduler.pause();
        options.log?.(`scheduled runs are paused (since ${state.pausedAt() ?? 'an earlier session'}); resume them from the tray menu, or start \`delegate daemon --resume\``);
      }
      if (interrupted > 0) options.log?.(`${interrupted} run(s) cut off by the last stop are now marked interrupted`);
      engine.reload();
      engine.watchJobsFile();
      engine.applyRetention();
      engine.retentionTimer = setInterval(() => engine.applyRetention(), RETENTION_EVERY_MS).unref();
      scheduler.start();
      return engine;
    } catch (error) {
      history?.close();
      releaseLock();
      throw error;
    }
  }

  /** The jobs and the problems of the last load. */
  jobs(): LoadedJobs {
    return this.loaded;
  }

  /**
   * Reads the jobs file again and tells the reload listeners. A file that cannot be read at all keeps the jobs
   * of the last version that could be read running, and says so (jobs-reload.ts); a deleted file runs none.
   */
  reload(): LoadedJobs {
    const next = readHomeJobs(this.options.home);
    if (!next.fileError) {
      this.scheduled = scheduledVersion(next, (this.options.clock ?? systemClock).now());
      this.scheduler.setJobs(next.jobs);
      for (const problem of next.problems) this.options.log?.(`jobs file: ${problem.severity}: ${problem.path}${problem.line ? ` (line ${problem.line})` : ''}: ${problem.message}`);
    }
    this.loaded = jobsAfterReload(next, this.scheduled);
    this.options.log?.(describeReload(this.loaded));
    this.reloads.emit(this.loaded);
    return this.loaded;
  }

  /** Told after every reload of the jobs file (a change on disk, a profile change, an edit); returns the unsubscribe function. */
  onReload(listener: ReloadListener): () => void {
    return this.reloads.on(listener);
  }

  runNow(jobId: string): Promise<JobRun> {
    const job = this.loaded.jobs.find((candidate) => candidate.id === jobId);
    if (!job) return Promise.reject(new Error(`There is no valid job "${jobId}" in the jobs file.`));
    return this.runner.run(job, 'manual', null);
  }

  /** Pauses scheduled runs, for this session and (saved in state/scheduler.json) the next ones. */
  pause(): void {
    this.scheduler.pause();
    this.state.setPaused(true);
  }

  resume(): void {
    this.state.setPaused(false);
    this.scheduler.resume();
  }

  isPaused(): boolean {
    return this.scheduler.isPaused();
  }

  /** After the machine wakes from sleep: catch up at once. */
  wake(): void {
    this.scheduler.wake();
  }

  /** Deletes history older than the configured retention (config.json `history`). */
  applyRetention(): number {
    try {
      const configured = loadConfig(this.options.home).raw.history ?? {};
      const removed = this.history.applyRetention({ ...DEFAULT_RETENTION, ...configured, now: (this.options.clock ?? systemClock).now() });
      if (removed > 0) this.options.log?.(`history: removed ${removed} run(s) past the retention period`);
      return removed;
    } catch (error) {
      this.options.log?.(`history: retention not applied (${(error as Error).message})`);
      return 0;
    }
  }

  /** Stops starting runs, waits up to `graceMs` for running ones, ends the rest (recorded `interrupted`). */
  async stop(graceMs = 30_000): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.scheduler.stop();
    for (const watcher of this.watchers.splice(0)) watcher.close();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    const idle = this.scheduler.whenIdle();
    const timedOut = await Promise.race([idle.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref())]);
    if (timedOut) {
      this.shutdown.abort(new Error('Delegate is shutting down.'));
      await idle;
    }
    this.history.close();
    this.releaseLock();
  }

  private watchJobsFile(): void {
    const reloadSoon = () => {
      if (this.reloadTimer) clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        try {
          this.reload();
        } catch (error) {
          // Never let a reload end the process that runs the schedule: the jobs loaded before keep running.
          this.options.log?.(`jobs file: not reloaded (${(error as Error).message}); the jobs loaded before keep running`);
        }
      }, RELOAD_DEBOUNCE_MS);
    };
    // The home's jobs.yaml, and the file it links to when it is a link (jobs-file-watch.ts).
    this.watchers.push(watchJobsFile(this.options.home, reloadSoon, this.options.log));
    // Jobs name profiles: a profile added or removed with the CLI makes a job valid or invalid.
    this.watchers.push(watchSettingsFile(configPath(this.options.home), reloadSoon, { what: 'config.json', ...(this.options.log ? { log: this.options.log } : {}) }));
  }
}

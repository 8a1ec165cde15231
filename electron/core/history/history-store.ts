/**
 * The job history store: every run of every job in `<home>/history.sqlite`, and the scheduler's bookkeeping.
 *
 * The app, the daemon and the CLI may all have the file open at once: WAL lets readers go on while one process
 * writes, and the busy timeout makes a second writer wait its turn instead of failing. `synchronous=NORMAL`
 * keeps every committed run across a crash of Delegate; a power cut can lose the last few commits but never
 * leaves the file inconsistent. Text is redacted on the way in (redact.ts), so no token reaches the disk here.
 */
import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { FinishedRun, JobRun, NewJobRun, RunStatus, RunTrigger } from '../../../shared/models/job-run.js';
import { RUN_STATUSES } from '../../../shared/models/job-run.js';
import { damagedHistory, historyBusy, historyMisuse, isBusy, isDamagedDatabase, notRegularHistory } from './history-errors.js';
import { deleteExpiredRuns, type RetentionPolicy } from './history-retention.js';
import { LAST_RUN_PER_JOB_SQL, migrate, schemaVersion } from './history-schema.js';
import { cleanOutputTail, cleanSummary, serializeError, toEpochMs, toIso, toJobRun } from './run-row.js';
import { loadSqlite } from './sqlite-module.js';
import { keepDamagedHistory, keepGarbageWal } from './damaged-history.js';
import { inTransaction } from './sqlite-transaction.js';

export type { RetentionPolicy } from './history-retention.js';

export const HISTORY_FILE_NAME = 'history.sqlite';

export function historyPath(home: string): string {
  return join(home, HISTORY_FILE_NAME);
}

export interface HistoryStoreOptions {
  /** How long a write waits for another process's write to finish before giving up. */
  busyTimeoutMs?: number;
}

/**
 * A job runs for seconds to minutes but writes its row in a millisecond; the longest writer is a retention
 * batch (tens of milliseconds). Five seconds covers a slow disk with a wide margin.
 */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_PAGE_SIZE = 50;
/** Large enough for `delegate history --limit 10000`; keyset paging keeps even that page cheap. */
const MAX_PAGE_SIZE = 10_000;

export const INTERRUPTED_ERROR = {
  code: 'interrupted',
  message: 'Delegate stopped before this run finished (crash, quit or power loss).',
} as const;

export interface RecentRunsQuery {
  /** Runs per page (default 50, at most 10,000). */
  limit?: number;
  /** The `nextCursor` of the previous page: runs older than that one. */
  before?: number | null;
  jobId?: string;
  /** One status or any of several; an empty list matches nothing. */
  status?: RunStatus | readonly RunStatus[];
  trigger?: RunTrigger;
}

export interface RunsPage {
  /** Newest first. */
  runs: JobRun[];
  /** Pass as `before` for the next page; null when this page is the last. */
  nextCursor: number | null;
}

export type StatusCounts = Record<RunStatus, number>;

export class HistoryStore {
  readonly path: string;
  private db: DatabaseSync;
  private readonly busyTimeoutMs: number;
  private readonly statements = new Map<string, StatementSync>();

  constructor(path: string, options: HistoryStoreOptions = {}) {
    this.path = path;
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    keepGarbageWal(path);
    try {
      this.db = this.open();
    } catch (error) {
      // A damaged file is kept aside and a fresh history started: history never stops Delegate.
      if (!isDamagedDatabase(error)) throw this.translate(error);
      keepDamagedHistory(path, damageReason(error));
      this.db = this.open();
    }
  }

  private open(): DatabaseSync {
    createPrivateFile(this.path);
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(this.path, { enableForeignKeyConstraints: true });
    try {
      this.configure(db);
      migrate(db, this.path);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Damage found after opening (a page read for the first time): keep the file aside, start afresh, and let the
   * caller's work go ahead on the fresh history. Another process with the old file open keeps writing to the
   * kept file until it meets the damage itself: those rows are kept there, not lost.
   */
  private recoverFromDamage(error: unknown): void {
    this.statements.clear();
    try {
      this.db.close();
    } catch {
      // already closed by SQLite
    }
    keepDamagedHistory(this.path, damageReason(error));
    this.db = this.open();
  }

  /** Records a run that is starting now. */
  startRun(run: NewJobRun): JobRun {
    if (!Number.isInteger(run.attempt) || run.attempt < 1) throw historyMisuse(`attempt must be 1 or more, not ${run.attempt}`);
    const scheduledFor = run.scheduledFor === null ? null : toEpochMs(run.scheduledFor, 'scheduledFor');
    const startedAt = toEpochMs(run.startedAt, 'startedAt');
    // A plain INSERT rather than RETURNING: the row is all ours, and RETURNING doubles the cost of a write. Keep
    // writes on run(), which steps to SQLITE_DONE: SQLite auto-checkpoints the WAL only then, so a RETURNING
    // write read with get() never checkpoints and the -wal file grows without bound.
    const result = this.guard(() =>
      this.statement(
        `INSERT INTO runs (job_id, trigger, scheduled_for, started_at, status, attempt) VALUES (?, ?, ?, ?, 'running', ?)`,
      ).run(run.jobId, run.trigger, scheduledFor, startedAt, run.attempt),
    );
    return {
      id: Number(result.lastInsertRowid),
      jobId: run.jobId,
      trigger: run.trigger,
      scheduledFor: scheduledFor === null ? null : toIso(scheduledFor),
      startedAt: toIso(startedAt),
      endedAt: null,
      status: 'running',
      attempt: run.attempt,
      summary: null,
      error: null,
      outputTail: null,
    };
  }

  /**
   * Records how a run ended. A run already marked `interrupted` (another process started up while it was still
   * going) may still be finished: its real outcome replaces the guess.
   */
  finishRun(id: number, finished: FinishedRun): JobRun {
    if (finished.status === 'running') throw historyMisuse(`run ${id} cannot finish with the status 'running'`);
    const endedAt = finished.endedAt === null ? null : toEpochMs(finished.endedAt, 'endedAt');
    const result = this.guard(() =>
      this.statement(
        `UPDATE runs SET status = ?, ended_at = ?, summary = ?, error = ?, output_tail = ?, broker_ok = ?, broker_refused = ?
         WHERE id = ? AND status IN ('running', 'interrupted')`,
      ).run(finished.status, endedAt, cleanSummary(finished.summary), serializeError(finished.error), cleanOutputTail(finished.outputTail), brokerCount(finished.broker?.ok), brokerCount(finished.broker?.refused), id),
    );
    const run = this.getRun(id);
    if (result.changes === 0 || run === null) {
      throw historyMisuse(run ? `run ${id} has already finished (${run.status})` : `there is no run ${id}`);
    }
    return run;
  }

  /** Marks every run still `running` as `interrupted`: call on start, before any job runs. Returns how many. */
  markInterrupted(now: Date): number {
    const result = this.guard(() =>
      this.statement(`UPDATE runs SET status = 'interrupted', ended_at = ?, error = ? WHERE status = 'running'`).run(
        now.getTime(),
        JSON.stringify(INTERRUPTED_ERROR),
      ),
    );
    return Number(result.changes);
  }

  /**
   * A page of runs, newest first. Paged by keyset (`id < before`), never OFFSET, so page 500 costs what page 1
   * costs, and a run recorded while someone pages neither repeats nor shifts a row out of view.
   */
  recentRuns(query: RecentRunsQuery = {}): RunsPage {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw historyMisuse(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${limit}`);
    }
    const statuses = query.status === undefined ? undefined : [...new Set(typeof query.status === 'string' ? [query.status] : query.status)].sort();
    if (statuses?.length === 0) return { runs: [], nextCursor: null };

    const conditions: string[] = [];
    const params: SQLInputValue[] = [];
    if (query.before !== undefined && query.before !== null) {
      if (!Number.isInteger(query.before)) throw historyMisuse(`before must be a run id, not ${query.before}`);
      conditions.push('id < ?');
      params.push(query.before);
    }
    if (query.jobId !== undefined) {
      conditions.push('job_id = ?');
      params.push(query.jobId);
    }
    if (query.trigger !== undefined) {
      conditions.push('trigger = ?');
      params.push(query.trigger);
    }
    if (statuses !== undefined) {
      // With several statuses SQLite walks runs_by_status once per status and stops each walk after a page.
      conditions.push(`status IN (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
    }
    // One more row than asked says whether another page exists, without a second query.
    const sql = `SELECT * FROM runs ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`} ORDER BY id DESC LIMIT ?`;
    params.push(limit + 1);
    const rows = this.guard(() => this.statement(sql).all(...params));
    const runs = rows.slice(0, limit).map(toJobRun);
    const last = runs.at(-1);
    return { runs, nextCursor: rows.length > limit && last ? last.id : null };
  }

  getRun(id: number): JobRun | null {
    const row = this.guard(() => this.statement('SELECT * FROM runs WHERE id = ?').get(id));
    return row === undefined ? null : toJobRun(row);
  }

  lastRun(jobId: string): JobRun | null {
    const row = this.guard(() => this.statement('SELECT * FROM runs WHERE job_id = ? ORDER BY id DESC LIMIT 1').get(jobId));
    return row === undefined ? null : toJobRun(row);
  }

  /** The newest run of every job that has one, for the jobs list. */
  lastRunsByJob(): Map<string, JobRun> {
    const rows = this.guard(() =>
      this.statement(LAST_RUN_PER_JOB_SQL).all(),
    );
    return new Map(rows.map(toJobRun).map((run) => [run.jobId, run]));
  }

  /** How many runs have each status, for all jobs or one; every status is present, zero when none. */
  countByStatus(jobId?: string): StatusCounts {
    const rows = this.guard(() =>
      jobId === undefined
        ? this.statement('SELECT status, COUNT(*) AS count FROM runs GROUP BY status').all()
        : this.statement('SELECT status, COUNT(*) AS count FROM runs WHERE job_id = ? GROUP BY status').all(jobId),
    );
    const counts = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as StatusCounts;
    for (const row of rows) counts[row.status as RunStatus] = Number(row.count);
    return counts;
  }

  /**
   * Per job, how many runs started at or after `since` ended with each status, and when the last one (and the
   * last failure) started: the evidence pack's 90 days of runs. Jobs without a run in the window are absent.
   */
  countsByJobSince(since: Date): Map<string, { counts: StatusCounts; lastStartedAt: string; lastFailureAt: string | null }> {
    const rows = this.guard(() =>
      this.statement(
        `SELECT job_id, status, COUNT(*) AS count, MAX(started_at) AS last_started FROM runs WHERE started_at >= ? GROUP BY job_id, status`,
      ).all(since.getTime()),
    );
    const result = new Map<string, { counts: StatusCounts; lastStartedAt: string; lastFailureAt: string | null }>();
    for (const row of rows) {
      const jobId = String(row.job_id);
      const lastStarted = Number(row.last_started);
      let entry = result.get(jobId);
      if (!entry) {
        entry = { counts: Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as StatusCounts, lastStartedAt: toIso(lastStarted), lastFailureAt: null };
        result.set(jobId, entry);
      }
      const status = row.status as RunStatus;
      entry.counts[status] = Number(row.count);
      if (lastStarted > Date.parse(entry.lastStartedAt)) entry.lastStartedAt = toIso(lastStarted);
      if ((status === 'failed' || status === 'timed-out') && (entry.lastFailureAt === null || lastStarted > Date.parse(entry.lastFailureAt))) entry.lastFailureAt = toIso(lastStarted);
    }
    return result;
  }

  isRunning(jobId: string): boolean {
    return this.guard(() => this.statement(`SELECT 1 FROM runs WHERE job_id = ? AND status = 'running' LIMIT 1`).get(jobId)) !== undefined;
  }

  /** The last schedule instant the job was run or considered for (ISO), or null if it never was. */
  lastScheduled(jobId: string): string | null {
    const row = this.guard(() => this.statement('SELECT last_scheduled FROM schedule_marks WHERE job_id = ?').get(jobId));
    return row === undefined ? null : toIso(row.last_scheduled as number);
  }

  setLastScheduled(jobId: string, iso: string): void {
    const at = toEpochMs(iso, 'lastScheduled');
    this.guard(() =>
      this.statement(
        `INSERT INTO schedule_marks (job_id, last_scheduled) VALUES (?, ?)
         ON CONFLICT (job_id) DO UPDATE SET last_scheduled = excluded.last_scheduled`,
      ).run(jobId, at),
    );
  }

  /** Deletes runs the policy no longer keeps (never one still running); returns how many. */
  applyRetention(policy: RetentionPolicy): number {
    return this.guard(() => deleteExpiredRuns(this.db, policy));
  }

  /** Runs several writes as one transaction: one disk sync instead of one per write. */
  transaction<T>(work: () => T): T {
    return this.guard(() => inTransaction(this.db, work));
  }

  /** The schema version of the open file (for diagnostics). */
  schemaVersion(): number {
    return this.guard(() => schemaVersion(this.db));
  }

  close(): void {
    if (!this.db.isOpen) return;
    try {
      // SQLite's advice for connections that ran many queries: refresh the planner's statistics on close.
      this.db.exec('PRAGMA optimize');
    } catch {
      // Best effort: another process may hold the write lock; statistics can wait for the next close.
    } finally {
      this.db.close();
    }
  }

  private configure(db: DatabaseSync): void {
    // First, so every pragma below waits for another process instead of failing.
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.round(this.busyTimeoutMs))}`);
    // Only takes effect on a new, empty file; lets retention give pages back (history-retention.ts).
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    // Bounds the work PRAGMA optimize may do on close, as SQLite recommends.
    db.exec('PRAGMA analysis_limit = 400');
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (!isDamagedDatabase(error)) throw this.translate(error);
      this.recoverFromDamage(error);
      try {
        return work();
      } catch (again) {
        throw this.translate(again);
      }
    }
  }

  private translate(error: unknown): unknown {
    if (isDamagedDatabase(error)) return damagedHistory(this.path, error);
    if (isBusy(error)) return historyBusy(this.path, this.busyTimeoutMs, error);
    return error;
  }
}

/**
 * Creates the file owner-only before SQLite does: SQLite gives its -wal and -shm files the database's mode.
 * Something there that is not a regular file (a link to /dev/null, a FIFO, a socket) is refused as it is: SQLite
 * would fail with a bare "disk I/O error", and the chmod would change a device that is not Delegate's.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | (constants.O_NONBLOCK ?? 0), 0o600);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegularHistory(path, stats);
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
}

/** A broker count as stored: a whole number of requests, NULL for a run without a broker. */
function brokerCount(count: number | undefined): number | null {
  if (count === undefined) return null;
  if (!Number.isInteger(count) || count < 0) throw historyMisuse(`a broker count must be a whole number of requests, not ${count}`);
  return count;
}

function damageReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Retention: deletes runs older than N days and all but the newest N runs of each job, never a run in progress.
 *
 * Deletes window by window, each in its own short transaction, so that a large first clean-up never holds the
 * write lock long enough for a job starting in another process (app, daemon, CLI) to run out its busy timeout.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { DAY_MS } from '../clock.js';
import { historyMisuse } from './history-errors.js';
import { JOB_IDS_CTE } from './history-schema.js';
import { inTransaction } from './sqlite-transaction.js';

export interface RetentionPolicy {
  /** Delete runs that started more than this many days before `now`. */
  keepDays?: number;
  /** Keep only this many of each job's newest runs. */
  keepRunsPerJob?: number;
  now: Date;
}

/**
 * Rows per window: the table is walked in id order, one window per transaction, so each page is rewritten once
 * (deleting job by job would rewrite every page once per job, the jobs' runs being interleaved) and the write
 * lock is held for tens of milliseconds at a time.
 */
const WINDOW_ROWS = 5_000;
/** Free pages given back per transaction, for the same reason (4 MB at the default page size). */
const VACUUM_PAGES_PER_STEP = 1_000;
/** Give pages back to the disk only when a quarter of the file is free: SQLite reuses free pages for new runs. */
const VACUUM_FREE_FRACTION = 0.25;

/** Applies the policy; returns how many runs were deleted. */
export function deleteExpiredRuns(db: DatabaseSync, policy: RetentionPolicy): number {
  const { keepDays, keepRunsPerJob } = policy;
  if (keepDays !== undefined && !(Number.isFinite(keepDays) && keepDays > 0)) {
    throw historyMisuse(`keepDays must be a positive number of days, not ${keepDays}`);
  }
  if (keepRunsPerJob !== undefined && !(Number.isInteger(keepRunsPerJob) && keepRunsPerJob >= 1)) {
    throw historyMisuse(`keepRunsPerJob must be a whole number of at least 1, not ${keepRunsPerJob}`);
  }
  const rules: string[] = [];
  const params: SQLInputValue[] = [];
  // With only a per-job limit, nothing past the newest job's cut-off can go.
  let stopAt = Number.MAX_SAFE_INTEGER;
  if (keepDays !== undefined) {
    rules.push('started_at < ?');
    params.push(policy.now.getTime() - keepDays * DAY_MS);
  }
  if (keepRunsPerJob !== undefined) {
    const highestCutoff = fillCutoffs(db, keepRunsPerJob);
    if (keepDays === undefined) stopAt = highestCutoff;
    rules.push('id < (SELECT keep_from FROM temp.retention_cutoffs AS cutoff WHERE cutoff.job_id = runs.job_id)');
  }
  if (rules.length === 0) return 0;

  const windowEnd = db.prepare(`SELECT id FROM runs WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ${WINDOW_ROWS}`);
  const deleteWindow = db.prepare(
    `DELETE FROM runs WHERE id >= ? AND id < ? AND status <> 'running' AND (${rules.join(' OR ')})`,
  );
  let deleted = 0;
  for (let from = 0; from < stopAt; ) {
    const end = windowEnd.get(from)?.id;
    const to = typeof end === 'number' ? Math.min(end, stopAt) : stopAt;
    deleted += inTransaction(db, () => Number(deleteWindow.run(from, to, ...params).changes));
    if (typeof end !== 'number') break;
    from = to;
  }
  if (deleted > 0) tidyUp(db);
  return deleted;
}

/** Each job's oldest run to keep, in a temporary table; returns the highest of them (0 when no job has too many). */
function fillCutoffs(db: DatabaseSync, keepRunsPerJob: number): number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS retention_cutoffs (job_id TEXT PRIMARY KEY, keep_from INTEGER NOT NULL) WITHOUT ROWID');
  db.exec('DELETE FROM temp.retention_cutoffs');
  db.prepare(
    `${JOB_IDS_CTE}
     INSERT INTO temp.retention_cutoffs (job_id, keep_from)
     SELECT job_id, keep_from FROM (
       SELECT job_id, (SELECT id FROM runs WHERE runs.job_id = job_ids.job_id ORDER BY id DESC LIMIT 1 OFFSET ?) AS keep_from
       FROM job_ids WHERE job_id IS NOT NULL)
     WHERE keep_from IS NOT NULL`,
  ).run(keepRunsPerJob - 1);
  const highest = db.prepare('SELECT MAX(keep_from) AS highest FROM temp.retention_cutoffs').get()?.highest;
  return typeof highest === 'number' ? highest : 0;
}

/**
 * After a large delete: refresh the planner's statistics, and give free pages back to the disk when many piled
 * up, a step at a time so that no single transaction holds the write lock for long.
 */
function tidyUp(db: DatabaseSync): void {
  db.exec('PRAGMA optimize');
  const pages = Number(db.prepare('PRAGMA page_count').get()?.page_count ?? 0);
  const freePages = () => Number(db.prepare('PRAGMA freelist_count').get()?.freelist_count ?? 0);
  if (pages === 0 || freePages() / pages < VACUUM_FREE_FRACTION) return;
  while (freePages() > 0) db.exec(`PRAGMA incremental_vacuum(${VACUUM_PAGES_PER_STEP})`);
}

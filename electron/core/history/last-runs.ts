/**
 * The newest run of each job, for the jobs list (`delegate jobs`), read the way a reader can: the file opened
 * read-only, without HistoryStore's set-up for writers (WAL and sync pragmas, the migration check's transaction,
 * PRAGMA optimize on close), which is most of the history's share of a `delegate jobs`.
 *
 * Anything out of the ordinary goes through HistoryStore, which deals with every case as before: no file yet (it is
 * created), a file that is not a regular private file (refused, or its mode tightened), a schema other than this
 * build's (migrated, or refused when newer), a damaged file (kept aside), a file SQLite cannot open read-only.
 */
import { statSync } from 'node:fs';
import type { JobRun } from '../../../shared/models/job-run.js';
import { HistoryStore } from './history-store.js';
import { LAST_RUN_PER_JOB_SQL, SCHEMA_VERSION, schemaVersion } from './history-schema.js';
import { toJobRun } from './run-row.js';
import { loadSqlite } from './sqlite-module.js';
import { keepGarbageWal } from './damaged-history.js';

export function readLastRunsByJob(path: string): Map<string, JobRun> {
  const quick = readOnlyLastRuns(path);
  if (quick) return quick;
  const history = new HistoryStore(path);
  try {
    return history.lastRunsByJob();
  } finally {
    history.close();
  }
}

/** The runs, or null whenever HistoryStore should handle the file instead. */
function readOnlyLastRuns(path: string): Map<string, JobRun> | null {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || (process.platform !== 'win32' && (stats.mode & 0o077) !== 0)) return null;
  } catch {
    return null;
  }
  keepGarbageWal(path);
  let db: InstanceType<ReturnType<typeof loadSqlite>['DatabaseSync']> | undefined;
  try {
    db = new (loadSqlite().DatabaseSync)(path, { readOnly: true });
    // A writer checkpointing holds the file briefly: wait as HistoryStore does rather than fall back at once.
    db.exec('PRAGMA busy_timeout = 5000');
    if (schemaVersion(db) !== SCHEMA_VERSION) return null;
    const rows = db.prepare(LAST_RUN_PER_JOB_SQL).all();
    return new Map(rows.map(toJobRun).map((run) => [run.jobId, run]));
  } catch {
    return null;
  } finally {
    try {
      db?.close();
    } catch {
      // already closed
    }
  }
}

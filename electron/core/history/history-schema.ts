/**
 * The history database's schema as a list of migrations, tracked by SQLite's `user_version`.
 *
 * Each migration runs in its own write transaction together with the version bump, so a database is always at
 * exactly one version; the version is re-read inside the transaction because the app and the CLI may open a
 * new file at the same moment. Migrations are append-only: never edit one that has shipped.
 *
 * Times are INTEGER epoch milliseconds (the API speaks ISO strings): they order and compare correctly whatever
 * offset or precision an ISO string was written with, and they keep rows and indexes small.
 */
import type { DatabaseSync } from 'node:sqlite';
import { newerHistorySchema } from './history-errors.js';
import { inTransaction } from './sqlite-transaction.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs and the scheduler bookkeeping',
    sql: `
      -- AUTOINCREMENT so that an ID is never reused after retention deleted the newest rows: an ID seen in a
      -- notification or a log always means the same run.
      CREATE TABLE runs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id        TEXT    NOT NULL,
        trigger       TEXT    NOT NULL CHECK (trigger IN ('schedule', 'catch-up', 'manual', 'retry')),
        scheduled_for INTEGER,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER,
        status        TEXT    NOT NULL
                      CHECK (status IN ('running', 'succeeded', 'failed', 'skipped', 'timed-out', 'interrupted')),
        attempt       INTEGER NOT NULL CHECK (attempt >= 1),
        summary       TEXT,
        error         TEXT    CHECK (error IS NULL OR json_valid(error)),
        output_tail   TEXT
      ) STRICT;

      -- A job's runs newest first; the last run per job; trimming a job to its newest N.
      CREATE INDEX runs_by_job ON runs (job_id, id);
      -- Runs with a status newest first (the "failed" filter); counts per status without reading rows.
      CREATE INDEX runs_by_status ON runs (status, id);
      -- Both filters at once ("failed runs of this job"), and a job's counts per status without reading rows.
      CREATE INDEX runs_by_job_status ON runs (job_id, status, id);
      -- Runs in progress: tiny, for isRunning and for marking interrupted runs on start.
      CREATE INDEX runs_running ON runs (job_id) WHERE status = 'running';

      -- The last schedule instant each job was run or considered for, so catch-up after sleep knows what it missed.
      CREATE TABLE schedule_marks (
        job_id         TEXT    PRIMARY KEY,
        last_scheduled INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'runs started by `delegate exec --record`, and the token broker\'s request counts',
    // A CHECK constraint cannot be altered in SQLite: the table is rebuilt as SQLite's ALTER TABLE page advises.
    // sqlite_sequence keeps the highest ID ever given (retention may have deleted the newest rows), so an ID is
    // still never reused. broker_ok/broker_refused are NULL for runs without a broker (every kind but script).
    sql: `
      CREATE TABLE runs_v2 (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id         TEXT    NOT NULL,
        trigger        TEXT    NOT NULL CHECK (trigger IN ('schedule', 'catch-up', 'manual', 'retry', 'exec')),
        scheduled_for  INTEGER,
        started_at     INTEGER NOT NULL,
        ended_at       INTEGER,
        status         TEXT    NOT NULL
                       CHECK (status IN ('running', 'succeeded', 'failed', 'skipped', 'timed-out', 'interrupted')),
        attempt        INTEGER NOT NULL CHECK (attempt >= 1),
        summary        TEXT,
        error          TEXT    CHECK (error IS NULL OR json_valid(error)),
        output_tail    TEXT,
        broker_ok      INTEGER CHECK (broker_ok IS NULL OR broker_ok >= 0),
        broker_refused INTEGER CHECK (broker_refused IS NULL OR broker_refused >= 0)
      ) STRICT;
      INSERT INTO runs_v2 (id, job_id, trigger, scheduled_for, started_at, ended_at, status, attempt, summary, error, output_tail)
        SELECT id, job_id, trigger, scheduled_for, started_at, ended_at, status, attempt, summary, error, output_tail FROM runs;
      INSERT INTO sqlite_sequence (name, seq)
        SELECT 'runs_v2', seq FROM sqlite_sequence WHERE name = 'runs' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'runs_v2');
      UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM sqlite_sequence WHERE name IN ('runs', 'runs_v2')) WHERE name = 'runs_v2';
      DROP TABLE runs;
      ALTER TABLE runs_v2 RENAME TO runs;
      CREATE INDEX runs_by_job ON runs (job_id, id);
      CREATE INDEX runs_by_status ON runs (status, id);
      CREATE INDEX runs_by_job_status ON runs (job_id, status, id);
      CREATE INDEX runs_running ON runs (job_id) WHERE status = 'running';
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((latest, migration) => Math.max(latest, migration.version), 0);

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  return typeof row?.user_version === 'number' ? row.user_version : 0;
}

/** Brings the database up to the newest version this build knows; refuses one written by a newer build. */
export function migrate(db: DatabaseSync, path: string, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  // The common case (already current) must not take the write lock: the CLI may be reading while a job writes.
  const found = schemaVersion(db);
  if (found > latest) throw newerHistorySchema(path, found, latest);
  if (found === latest) return;
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    inTransaction(db, () => {
      const current = schemaVersion(db);
      if (current > latest) throw newerHistorySchema(path, current, latest);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    });
  }
}

/**
 * Every distinct job_id, found by skipping through `runs_by_job` one job at a time: one index seek per job
 * instead of reading every row, so "the last run of each job" stays instant with a million runs.
 */
export const JOB_IDS_CTE = `
  WITH RECURSIVE job_ids(job_id) AS (
    SELECT (SELECT MIN(job_id) FROM runs)
    UNION ALL
    SELECT (SELECT MIN(job_id) FROM runs WHERE job_id > job_ids.job_id) FROM job_ids WHERE job_ids.job_id IS NOT NULL
  )`;

/** The newest run of every job that has one (the jobs list): the skip-scan above, then one row per job by its MAX(id). */
export const LAST_RUN_PER_JOB_SQL = `${JOB_IDS_CTE}
  SELECT runs.* FROM job_ids JOIN runs ON runs.id = (SELECT MAX(r.id) FROM runs AS r WHERE r.job_id = job_ids.job_id)
  WHERE job_ids.job_id IS NOT NULL`;

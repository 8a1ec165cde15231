/**
 * Runs work in one write transaction.
 *
 * `BEGIN IMMEDIATE` takes the write lock up front: a deferred transaction that reads and then writes can fail
 * at once with SQLITE_BUSY when another process wrote in between (WAL cannot upgrade a stale snapshot), which the
 * busy timeout does not cover. Work inside an open transaction simply joins it.
 */
import type { DatabaseSync } from 'node:sqlite';

export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // SQLite rolls some failures (a full disk, an interrupt) back by itself.
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDelegateError } from '../../../electron/core/errors/delegate-error.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../../electron/core/history/history-schema.js';
import { HistoryStore, historyPath } from '../../../electron/core/history/history-store.js';
import { loadSqlite } from '../../../electron/core/history/sqlite-module.js';
import { makeHome } from '../../support/test-home.js';

let home: { home: string; cleanup: () => void };
let path: string;
beforeEach(() => {
  home = makeHome();
  path = historyPath(home.home);
});
afterEach(() => home.cleanup());

function openRaw(file = path) {
  const { DatabaseSync } = loadSqlite();
  return new DatabaseSync(file);
}

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the history file', () => {
  it('is created on first use at the newest schema, in WAL mode, and opens again with its runs intact', () => {
    const store = new HistoryStore(path);
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    const run = store.startRun({ jobId: 'a', trigger: 'manual', scheduledFor: null, startedAt: '2026-03-01T08:00:00Z', attempt: 1 });
    store.close();

    const again = new HistoryStore(path);
    expect(again.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(again.getRun(run.id)).toEqual(run);
    again.close();

    const db = openRaw();
    expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    expect(db.prepare('PRAGMA auto_vacuum').get()?.auto_vacuum).toBe(2); // incremental
    db.close();
  });

  it('creates its folder when Delegate’s home does not exist yet', () => {
    const store = new HistoryStore(join(home.home, 'new-home', 'history.sqlite'));
    expect(store.recentRuns().runs).toEqual([]);
    store.close();
  });

  it('applies a later migration to an existing file and keeps the runs it holds', () => {
    const store = new HistoryStore(path);
    const run = store.startRun({ jobId: 'a', trigger: 'manual', scheduledFor: null, startedAt: '2026-03-01T08:00:00Z', attempt: 1 });
    store.close();

    const next = { version: SCHEMA_VERSION + 1, description: 'a test column', sql: 'ALTER TABLE runs ADD COLUMN note TEXT' };
    const db = openRaw();
    migrate(db, path, [...MIGRATIONS, next]);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT job_id, note FROM runs WHERE id = ?').get(run.id)).toEqual({ job_id: 'a', note: null });
    // Running it again changes nothing.
    migrate(db, path, [...MIGRATIONS, next]);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    db.close();
  });

  it('leaves the file at the last good version when a migration fails', () => {
    new HistoryStore(path).close();
    const broken = { version: SCHEMA_VERSION + 1, description: 'broken', sql: 'ALTER TABLE runs ADD COLUMN x TEXT; THIS IS NOT SQL' };
    const db = openRaw();
    expect(() => migrate(db, path, [...MIGRATIONS, broken])).toThrow();
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM pragma_table_info(\'runs\') WHERE name = \'x\'').get()?.n).toBe(0);
    db.close();
  });

  it('refuses a file from a newer Delegate and says which versions', () => {
    new HistoryStore(path).close();
    const db = openRaw();
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`);
    db.close();

    const error = catchError(() => new HistoryStore(path));
    expect(isDelegateError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'unexpected',
      message: `The run history ${path} was written by a newer Delegate (schema version ${SCHEMA_VERSION + 5}; this version reads up to ${SCHEMA_VERSION}).`,
      action: expect.stringContaining('Update Delegate'),
    });
  });

  it('keeps a damaged file aside under its own name and opens a fresh history instead of refusing', () => {
    const damaged = 'this is not a database, it is a text file that happens to be long enough to have a header.\n'.repeat(50);
    writeFileSync(path, damaged);
    const store = new HistoryStore(path);
    expect(store.recentRuns().runs).toEqual([]);
    store.close();
    const kept = readdirSync(dirname(path)).filter((name) => name.startsWith(`${basename(path)}.damaged-`));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dirname(path), kept[0] as string), 'utf8')).toBe(damaged);
  });
});

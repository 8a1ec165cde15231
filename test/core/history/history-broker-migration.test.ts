import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, schemaVersion } from '../../../electron/core/history/history-schema.js';
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

function versionOneFile(): void {
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(path);
  migrate(db, path, MIGRATIONS.filter((migration) => migration.version === 1));
  const insert = db.prepare(`INSERT INTO runs (job_id, trigger, started_at, ended_at, status, attempt, summary, output_tail) VALUES (?, 'schedule', ?, ?, 'succeeded', 1, ?, ?)`);
  for (let index = 1; index <= 5; index++) insert.run('etl', index * 1000, index * 1000 + 500, `run ${index}`, `tail ${index}`);
  // Retention deleted the two newest: their IDs (4, 5) must never be given again.
  db.exec('DELETE FROM runs WHERE id > 3');
  db.close();
}

describe('history migration 2 (exec runs and broker counts)', () => {
  it('keeps every run of an older file, and never reuses the ID of a run retention deleted', () => {
    versionOneFile();
    const store = new HistoryStore(path);
    expect(store.schemaVersion()).toBe(2);
    expect(store.recentRuns().runs.map((run) => [run.id, run.summary, run.outputTail, run.broker])).toEqual([
      [3, 'run 3', 'tail 3', undefined],
      [2, 'run 2', 'tail 2', undefined],
      [1, 'run 1', 'tail 1', undefined],
    ]);
    const next = store.startRun({ jobId: 'etl', trigger: 'exec', scheduledFor: null, startedAt: '2026-03-01T08:00:00Z', attempt: 1 });
    expect(next.id).toBe(6);
    store.close();
  });

  it('records a run started by delegate exec, with the token broker’s counts, and reads them back', () => {
    const store = new HistoryStore(path);
    const run = store.startRun({ jobId: 'adhoc', trigger: 'exec', scheduledFor: null, startedAt: '2026-03-01T08:00:00Z', attempt: 1 });
    const finished = store.finishRun(run.id, { status: 'succeeded', endedAt: '2026-03-01T08:01:00Z', summary: 'python3 exited with 0', error: null, outputTail: null, broker: { ok: 4, refused: 1 } });
    expect(finished).toMatchObject({ trigger: 'exec', broker: { ok: 4, refused: 1 } });
    expect(store.recentRuns({ trigger: 'exec' }).runs.map((entry) => entry.id)).toEqual([run.id]);
    store.close();
  });

  it('refuses a broker count that is not a whole number of requests', () => {
    const store = new HistoryStore(path);
    const run = store.startRun({ jobId: 'adhoc', trigger: 'manual', scheduledFor: null, startedAt: '2026-03-01T08:00:00Z', attempt: 1 });
    expect(() => store.finishRun(run.id, { status: 'succeeded', endedAt: null, summary: null, error: null, outputTail: null, broker: { ok: -1, refused: 0 } })).toThrow(/whole number/);
    store.close();
  });

  it('keeps the indexes the queries rely on after rebuilding the table', () => {
    new HistoryStore(path).close();
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(path);
    const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'runs' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all().map((row) => row.name);
    expect(indexes).toEqual(['runs_by_job', 'runs_by_job_status', 'runs_by_status', 'runs_running']);
    expect(schemaVersion(db)).toBe(2);
    db.close();
  });
});

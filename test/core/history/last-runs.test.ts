import { chmodSync, existsSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, historyPath } from '../../../electron/core/history/history-store.js';
import { readLastRunsByJob } from '../../../electron/core/history/last-runs.js';
import { loadSqlite } from '../../../electron/core/history/sqlite-module.js';
import { makeHome } from '../../support/test-home.js';

let home: { home: string; cleanup: () => void };
beforeEach(() => {
  home = makeHome();
});
afterEach(() => home.cleanup());

function recordRuns(path: string, runs: Array<[jobId: string, status: 'succeeded' | 'failed']>): void {
  const store = new HistoryStore(path);
  runs.forEach(([jobId, status], i) => {
    const at = new Date(Date.parse('2026-03-01T08:00:00Z') + i * 60_000).toISOString();
    const run = store.startRun({ jobId, trigger: 'schedule', scheduledFor: at, startedAt: at, attempt: 1 });
    store.finishRun(run.id, { status, endedAt: at, summary: `${jobId} ${status}`, error: null, outputTail: null });
  });
  store.close();
}

describe('the newest run of each job, as `delegate jobs` reads it', () => {
  it('is the same as the history store says, job by job', () => {
    const path = historyPath(home.home);
    recordRuns(path, [['report', 'succeeded'], ['backup', 'failed'], ['report', 'failed'], ['backup', 'succeeded']]);
    const store = new HistoryStore(path);
    const expected = store.lastRunsByJob();
    store.close();
    const read = readLastRunsByJob(path);
    expect(read).toEqual(expected);
    expect(read.get('report')?.status).toBe('failed');
    expect(read.get('backup')?.status).toBe('succeeded');
  });

  it('with no history yet: no runs, and the history file is created private as before', () => {
    const path = historyPath(home.home);
    expect(readLastRunsByJob(path).size).toBe(0);
    expect(existsSync(path)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a history readable by others is made private again, runs intact', () => {
    if (process.platform === 'win32') return;
    const path = historyPath(home.home);
    recordRuns(path, [['report', 'succeeded']]);
    chmodSync(path, 0o644);
    expect(readLastRunsByJob(path).get('report')?.status).toBe('succeeded');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a history of an older schema is brought up to date, runs intact', () => {
    const path = historyPath(home.home);
    recordRuns(path, [['report', 'succeeded']]);
    const db = new (loadSqlite().DatabaseSync)(path);
    const current = Number(db.prepare('PRAGMA user_version').get()?.user_version);
    db.exec(`PRAGMA user_version = ${current - 1}`);
    db.close();
    expect(readLastRunsByJob(path).get('report')?.status).toBe('succeeded');
    const after = new (loadSqlite().DatabaseSync)(path, { readOnly: true });
    expect(Number(after.prepare('PRAGMA user_version').get()?.user_version)).toBe(current);
    after.close();
  });
});

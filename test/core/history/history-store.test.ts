import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, historyPath, INTERRUPTED_ERROR } from '../../../electron/core/history/history-store.js';
import { MAX_OUTPUT_TAIL_CHARS } from '../../../electron/core/history/run-row.js';
import type { JobRun, RunStatus, RunTrigger } from '../../../shared/models/job-run.js';
import { makeHome } from '../../support/test-home.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

let home: { home: string; cleanup: () => void };
let store: HistoryStore;
beforeEach(() => {
  home = makeHome();
  store = new HistoryStore(historyPath(home.home));
});
afterEach(() => {
  store.close();
  home.cleanup();
});

function record(jobId: string, at: number, status: RunStatus = 'succeeded', trigger: RunTrigger = 'schedule'): JobRun {
  const run = store.startRun({ jobId, trigger, scheduledFor: trigger === 'manual' ? null : iso(at), startedAt: iso(at), attempt: 1 });
  if (status === 'running') return run;
  return store.finishRun(run.id, { status, endedAt: iso(at + 1_000), summary: `${jobId} ${status}`, error: null, outputTail: null });
}

describe('recording runs', () => {
  it('shows a started run as running with what it started with', () => {
    const run = store.startRun({ jobId: 'daily-report', trigger: 'schedule', scheduledFor: '2026-03-01T08:00:00Z', startedAt: '2026-03-01T08:00:02.5+00:00', attempt: 1 });
    expect(run).toEqual({
      id: expect.any(Number),
      jobId: 'daily-report',
      trigger: 'schedule',
      scheduledFor: '2026-03-01T08:00:00.000Z',
      startedAt: '2026-03-01T08:00:02.500Z',
      endedAt: null,
      status: 'running',
      attempt: 1,
      summary: null,
      error: null,
      outputTail: null,
    });
    expect(store.getRun(run.id)).toEqual(run);
    expect(store.isRunning('daily-report')).toBe(true);
  });

  it('shows a finished run with its outcome, summary, error and output', () => {
    const run = store.startRun({ jobId: 'sync', trigger: 'retry', scheduledFor: iso(T0), startedAt: iso(T0), attempt: 2 });
    const finished = store.finishRun(run.id, {
      status: 'failed',
      endedAt: iso(T0 + 4_000),
      summary: 'Could not move 3 messages',
      error: { code: 'ErrorAccessDenied', message: 'Access is denied.', graphRequestId: 'b7e0d3a6-0c1f-4f5e-9d0a-7a4d1c2e3f40', httpStatus: 403 },
      outputTail: 'step 2/3\nError: Access is denied.\n',
    });
    expect(finished).toMatchObject({ status: 'failed', endedAt: iso(T0 + 4_000), attempt: 2, trigger: 'retry', summary: 'Could not move 3 messages' });
    expect(finished.error).toEqual({ code: 'ErrorAccessDenied', message: 'Access is denied.', graphRequestId: 'b7e0d3a6-0c1f-4f5e-9d0a-7a4d1c2e3f40', httpStatus: 403 });
    expect(store.getRun(run.id)).toEqual(finished);
    expect(store.isRunning('sync')).toBe(false);
  });

  it('refuses to finish a run twice or a run that does not exist', () => {
    const run = record('a', T0);
    expect(() => store.finishRun(run.id, { status: 'failed', endedAt: iso(T0), summary: null, error: null, outputTail: null })).toThrow(/already finished \(succeeded\)/);
    expect(() => store.finishRun(9_999, { status: 'failed', endedAt: iso(T0), summary: null, error: null, outputTail: null })).toThrow(/no run 9999/);
  });

  it('refuses dates that are not dates instead of storing nonsense', () => {
    expect(() => store.startRun({ jobId: 'a', trigger: 'manual', scheduledFor: null, startedAt: 'yesterday', attempt: 1 })).toThrow(/startedAt is not a date/);
    expect(store.recentRuns().runs).toEqual([]);
  });

  it('never stores a token that reaches the summary, the error or the output', () => {
    const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const refresh = `1.AUEB${'x7Qz_9-Kp'.repeat(40)}`;
    const run = store.startRun({ jobId: 'script', trigger: 'manual', scheduledFor: null, startedAt: iso(T0), attempt: 1 });
    const finished = store.finishRun(run.id, {
      status: 'failed',
      endedAt: iso(T0 + 1),
      summary: `Posted with Bearer ${jwt}`,
      error: { code: 'script-failed', message: `curl -H "Authorization: Bearer ${jwt}" failed`, action: `Rotate ${refresh}` },
      outputTail: `{"token_type":"Bearer","refresh_token":"${refresh}","access_token":"${jwt}"}`,
    });
    const stored = JSON.stringify(finished);
    expect(stored).not.toContain(jwt);
    expect(stored).not.toContain(refresh.slice(0, 60));
    expect(finished.summary).toBe('Posted with Bearer [redacted]');
    expect(finished.error?.message).toBe('curl -H "Authorization: Bearer [redacted]" failed');
    expect(finished.outputTail).toBe('{"token_type":"Bearer","refresh_token":"[redacted]","access_token":"[redacted]"}');
  });

  it('keeps only the end of a very long output', () => {
    const run = store.startRun({ jobId: 'noisy', trigger: 'manual', scheduledFor: null, startedAt: iso(T0), attempt: 1 });
    const output = `${'line of output\n'.repeat(5_000)}the last line`;
    const finished = store.finishRun(run.id, { status: 'succeeded', endedAt: iso(T0), summary: null, error: null, outputTail: output });
    expect(finished.outputTail?.length).toBe(MAX_OUTPUT_TAIL_CHARS);
    expect(finished.outputTail?.endsWith('the last line')).toBe(true);
  });

  it('keeps the write-ahead log small while runs are recorded one by one', () => {
    for (let i = 0; i < 2_000; i++) record(`job-${i % 20}`, T0 + i * 1_000);
    // Without checkpoints, 4,000 separate writes leave well over 50 MB of log.
    expect(statSync(`${historyPath(home.home)}-wal`).size).toBeLessThan(16 * 1024 * 1024);
  });

  it('says clearly which file is locked when another writer holds it for too long', () => {
    const impatient = new HistoryStore(historyPath(home.home), { busyTimeoutMs: 50 });
    try {
      store.transaction(() => {
        record('a', T0);
        expect(() => impatient.startRun({ jobId: 'c', trigger: 'manual', scheduledFor: null, startedAt: iso(T0), attempt: 1 })).toThrow(
          expect.objectContaining({ code: 'unexpected', message: expect.stringContaining(`The run history ${historyPath(home.home)} stayed locked`) }),
        );
      });
      expect(impatient.startRun({ jobId: 'c', trigger: 'manual', scheduledFor: null, startedAt: iso(T0), attempt: 1 }).jobId).toBe('c');
    } finally {
      impatient.close();
    }
  });

  it('writes the history file readable by its owner only', () => {
    if (process.platform === 'win32') return;
    record('a', T0);
    const path = historyPath(home.home);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
  });
});

describe('runs cut off by a crash or quit', () => {
  it('marks every run still running as interrupted, with an explanation, and leaves finished runs alone', () => {
    const done = record('a', T0);
    const first = record('a', T0 + 1_000, 'running');
    const second = record('b', T0 + 2_000, 'running');
    const now = new Date(T0 + 60_000);

    expect(store.markInterrupted(now)).toBe(2);

    for (const id of [first.id, second.id]) {
      expect(store.getRun(id)).toMatchObject({ status: 'interrupted', endedAt: now.toISOString(), error: INTERRUPTED_ERROR });
    }
    expect(store.getRun(done.id)).toEqual(done);
    expect(store.isRunning('a')).toBe(false);
    expect(store.markInterrupted(now)).toBe(0);
  });

  it('lets a run that was marked interrupted but did finish record its real outcome', () => {
    const run = record('a', T0, 'running');
    store.markInterrupted(new Date(T0 + 1_000));
    const finished = store.finishRun(run.id, { status: 'succeeded', endedAt: iso(T0 + 2_000), summary: 'done after all', error: null, outputTail: null });
    expect(finished).toMatchObject({ status: 'succeeded', error: null, endedAt: iso(T0 + 2_000) });
  });
});

describe('paging through history', () => {
  function seed(): JobRun[] {
    const statuses: RunStatus[] = ['succeeded', 'failed', 'skipped', 'timed-out', 'succeeded', 'interrupted', 'running'];
    const triggers: RunTrigger[] = ['schedule', 'manual', 'catch-up', 'retry'];
    const runs: JobRun[] = [];
    store.transaction(() => {
      for (let i = 0; i < 523; i++) {
        runs.push(record(`job-${i % 7}`, T0 + i * 60_000, statuses[i % statuses.length] as RunStatus, triggers[i % 5 === 0 ? 1 : i % 4] as RunTrigger));
      }
    });
    return runs;
  }

  function pageAll(query: Parameters<HistoryStore['recentRuns']>[0]): number[] {
    const ids: number[] = [];
    let before: number | null = null;
    for (let pages = 0; pages < 1_000; pages++) {
      const page = store.recentRuns({ ...query, before });
      ids.push(...page.runs.map((run) => run.id));
      if (page.nextCursor === null) return ids;
      expect(page.runs).toHaveLength(query?.limit ?? 50);
      before = page.nextCursor;
    }
    throw new Error('paging never ended');
  }

  it('shows every run exactly once, newest first, page after page', () => {
    const runs = seed();
    const ids = pageAll({ limit: 40 });
    expect(ids).toEqual(runs.map((run) => run.id).reverse());
  });

  it('shows every matching run exactly once with any combination of filters', () => {
    const runs = seed();
    const queries = [
      { jobId: 'job-3' },
      { status: 'failed' as const },
      { status: ['failed', 'timed-out', 'interrupted'] as RunStatus[] },
      { trigger: 'manual' as const },
      { jobId: 'job-2', status: ['succeeded', 'running'] as RunStatus[] },
      { jobId: 'job-5', status: 'skipped' as const, trigger: 'catch-up' as const },
      { jobId: 'no-such-job' },
    ];
    for (const filter of queries) {
      const statuses = filter.status === undefined ? undefined : ([] as RunStatus[]).concat(filter.status);
      const expected = runs
        .filter((run) => (filter.jobId === undefined || run.jobId === filter.jobId)
          && (statuses === undefined || statuses.includes(run.status))
          && (filter.trigger === undefined || run.trigger === filter.trigger))
        .map((run) => run.id)
        .reverse();
      expect(pageAll({ ...filter, limit: 13 }), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('does not repeat or skip a row when new runs are recorded while someone pages', () => {
    const runs = seed();
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page = store.recentRuns({ limit: 100, before });
      seen.push(...page.runs.map((run) => run.id));
      record('job-0', T0 + 999 * 60_000); // a job finishes while the person reads this page
      before = page.nextCursor;
    } while (before !== null);
    expect(seen).toEqual(runs.map((run) => run.id).reverse());
  });

  it('has no next page when the last page is exactly full', () => {
    for (let i = 0; i < 10; i++) record('a', T0 + i);
    expect(store.recentRuns({ limit: 10 }).nextCursor).toBeNull();
    expect(store.recentRuns({ limit: 5 }).nextCursor).not.toBeNull();
  });

  it('matches nothing for an empty status filter and refuses an absurd page size', () => {
    seed();
    expect(store.recentRuns({ status: [] })).toEqual({ runs: [], nextCursor: null });
    expect(() => store.recentRuns({ limit: 0 })).toThrow(/limit/);
    expect(() => store.recentRuns({ limit: 100_000 })).toThrow(/limit/);
  });
});

describe('what the jobs list shows', () => {
  it('gives the last run of each job, including one still running', () => {
    record('alpha', T0, 'failed');
    const alphaLast = record('alpha', T0 + 1_000, 'succeeded');
    const betaLast = record('beta', T0 + 2_000, 'running');
    record('gamma', T0 + 3_000, 'succeeded');
    const gammaLast = record('gamma', T0 + 4_000, 'timed-out');

    const last = store.lastRunsByJob();
    expect([...last.keys()].sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(last.get('alpha')).toEqual(alphaLast);
    expect(last.get('beta')).toEqual(betaLast);
    expect(last.get('gamma')).toEqual(gammaLast);
    expect(store.lastRun('gamma')).toEqual(gammaLast);
    expect(store.lastRun('never-ran')).toBeNull();
  });

  it('is empty before anything ran', () => {
    expect(store.lastRunsByJob().size).toBe(0);
    expect(store.countByStatus()).toEqual({ running: 0, succeeded: 0, failed: 0, skipped: 0, 'timed-out': 0, interrupted: 0 });
  });

  it('counts runs by status for everything or for one job', () => {
    record('a', T0, 'succeeded');
    record('a', T0 + 1, 'succeeded');
    record('a', T0 + 2, 'failed');
    record('b', T0 + 3, 'failed');
    record('b', T0 + 4, 'running');
    expect(store.countByStatus()).toEqual({ running: 1, succeeded: 2, failed: 2, skipped: 0, 'timed-out': 0, interrupted: 0 });
    expect(store.countByStatus('a')).toEqual({ running: 0, succeeded: 2, failed: 1, skipped: 0, 'timed-out': 0, interrupted: 0 });
  });
});

describe('scheduler bookkeeping', () => {
  it('remembers the last schedule instant per job, across reopening', () => {
    expect(store.lastScheduled('daily')).toBeNull();
    store.setLastScheduled('daily', '2026-03-01T08:00:00Z');
    store.setLastScheduled('hourly', '2026-03-01T09:00:00.000Z');
    store.setLastScheduled('daily', '2026-03-02T08:00:00Z');
    store.close();
    store = new HistoryStore(historyPath(home.home));
    expect(store.lastScheduled('daily')).toBe('2026-03-02T08:00:00.000Z');
    expect(store.lastScheduled('hourly')).toBe('2026-03-01T09:00:00.000Z');
  });
});

describe('retention', () => {
  it('deletes runs older than the kept days but never one still running', () => {
    const now = new Date(T0 + 100 * DAY);
    const oldRunning = record('a', T0, 'running');
    record('a', T0 + DAY, 'succeeded');
    record('b', T0 + 2 * DAY, 'failed');
    const recent = record('a', T0 + 95 * DAY, 'succeeded');

    expect(store.applyRetention({ keepDays: 30, now })).toBe(2);

    expect(store.recentRuns().runs.map((run) => run.id)).toEqual([recent.id, oldRunning.id]);
  });

  it('keeps only the newest runs of each job, and running ones on top', () => {
    const now = new Date(T0 + DAY);
    const kept: number[] = [];
    for (let i = 0; i < 10; i++) {
      const a = record('a', T0 + i * 1_000, i === 1 ? 'running' : 'succeeded');
      const b = record('b', T0 + i * 1_000 + 500);
      if (i >= 7 || i === 1) kept.push(a.id);
      if (i >= 7) kept.push(b.id);
    }
    kept.push(record('c', T0).id);

    expect(store.applyRetention({ keepRunsPerJob: 3, now })).toBe(13);

    expect(store.recentRuns({ limit: 100 }).runs.map((run) => run.id).sort((x, y) => x - y)).toEqual(kept.sort((x, y) => x - y));
  });

  it('deletes many thousands of runs in batches and keeps ids unique afterwards', () => {
    store.transaction(() => {
      for (let i = 0; i < 12_000; i++) record(`job-${i % 3}`, T0 + i);
    });
    const newest = store.recentRuns({ limit: 1 }).runs[0];
    expect(store.applyRetention({ keepDays: 1, now: new Date(T0 + 10 * DAY) })).toBe(12_000);
    expect(store.recentRuns().runs).toEqual([]);
    // An id seen before (in a notification, a log) never comes back for a different run.
    expect(record('job-0', T0 + 11 * DAY).id).toBeGreaterThan(newest?.id ?? Infinity);
  });

  it('refuses a policy that would delete everything by mistake', () => {
    expect(() => store.applyRetention({ keepDays: 0, now: new Date() })).toThrow(/keepDays/);
    expect(() => store.applyRetention({ keepRunsPerJob: 0, now: new Date() })).toThrow(/keepRunsPerJob/);
  });
});

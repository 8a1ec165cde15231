/**
 * Benchmark: the history store with 1,000,000 runs across 200 jobs.
 *
 * Reports the insert rate (startRun + finishRun, batched in transactions of 10,000 like an import would, and one
 * transaction per call as the app really writes), the latency of the UI's queries (median of 20 each) and the
 * file size. Prints numbers and asserts nothing. Run with `npx tsx test/bench/history-bench.ts`;
 * `BENCH_RUNS=200000` for a quicker, smaller run.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../../electron/core/history/history-store.js';
import type { FinishedRun, RunStatus, RunTrigger } from '../../shared/models/job-run.js';

const TOTAL_RUNS = Number(process.env.BENCH_RUNS ?? 1_000_000);
const JOBS = 200;
const BATCH = 10_000;
const SINGLE_RUNS = 10_000;
const REPEATS = 20;
const START = Date.parse('2025-01-01T00:00:00Z');
const STEP_MS = 60_000;

const SUMMARIES = [
  (i: number) => `Sent 'Daily report' to ${1 + (i % 7)} recipients with ${i % 3} attachments`,
  (i: number) => `Copied ${i % 40} files from /Shared Documents/Reports/2026 to OneDrive/Archive`,
  (i: number) => `Moved ${i % 25} messages from Inbox to Archive/Receipts`,
  (i: number) => `Exported ${(i % 900) + 100} rows from the Sales list to sales-${i % 12}.csv`,
  () => 'Nothing to do: no new messages since the last run',
];

let seed = 42;
function random(): number {
  // Deterministic, so runs of the bench compare like with like.
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}

function pick(): { status: Exclude<RunStatus, 'running'>; trigger: RunTrigger } {
  const r = random();
  const status = r < 0.9 ? 'succeeded' : r < 0.95 ? 'skipped' : r < 0.98 ? 'failed' : r < 0.99 ? 'timed-out' : 'interrupted';
  const t = random();
  const trigger = t < 0.9 ? 'schedule' : t < 0.95 ? 'manual' : t < 0.98 ? 'catch-up' : 'retry';
  return { status, trigger };
}

function insertRun(store: HistoryStore, i: number): void {
  const { status, trigger } = pick();
  const startedAt = START + i * STEP_MS;
  const run = store.startRun({
    jobId: `job-${String(i % JOBS).padStart(3, '0')}`,
    trigger,
    scheduledFor: trigger === 'manual' ? null : new Date(startedAt).toISOString(),
    startedAt: new Date(startedAt).toISOString(),
    attempt: trigger === 'retry' ? 2 : 1,
  });
  const failed = status === 'failed' || status === 'timed-out';
  const finished: FinishedRun = {
    status,
    endedAt: new Date(startedAt + 500 + (i % 5_000)).toISOString(),
    summary: failed ? null : (SUMMARIES[i % SUMMARIES.length] as (i: number) => string)(i),
    error: failed
      ? { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.', graphRequestId: '6f1c2b9e-1d0a-4c56-9a3e-0b7d2f4e8a11', httpStatus: 403 }
      : null,
    outputTail: failed ? `step 3/5: PATCH /me/messages/${i}\nError: Access is denied.\n` : null,
  };
  store.finishRun(run.id, finished);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function time(label: string, work: () => unknown): void {
  work(); // warm the statement cache and the page cache
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  console.log(`  ${label.padEnd(48)} ${median(samples).toFixed(3).padStart(9)} ms`);
}

function fileSizeMb(path: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      // no WAL file right now
    }
  }
  return bytes / 1024 / 1024;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-history-bench-'));
  const path = join(dir, 'history.sqlite');
  try {
    const store = new HistoryStore(path);
    console.log(`history bench: ${TOTAL_RUNS.toLocaleString('en')} runs across ${JOBS} jobs (Node ${process.version})`);

    let started = performance.now();
    for (let i = 0; i < TOTAL_RUNS; i += BATCH) {
      store.transaction(() => {
        for (let j = i; j < Math.min(i + BATCH, TOTAL_RUNS); j++) insertRun(store, j);
      });
    }
    let seconds = (performance.now() - started) / 1000;
    console.log(`insert, batched ${BATCH.toLocaleString('en')} per transaction: ${Math.round(TOTAL_RUNS / seconds).toLocaleString('en')} runs/s (${seconds.toFixed(1)} s)`);

    started = performance.now();
    for (let i = TOTAL_RUNS; i < TOTAL_RUNS + SINGLE_RUNS; i++) insertRun(store, i);
    seconds = (performance.now() - started) / 1000;
    console.log(`insert, startRun + finishRun each its own transaction: ${Math.round(SINGLE_RUNS / seconds).toLocaleString('en')} runs/s (${SINGLE_RUNS.toLocaleString('en')} runs)`);

    // A few runs in progress, as the app would have.
    for (let j = 0; j < 3; j++) {
      store.startRun({ jobId: `job-00${j}`, trigger: 'schedule', scheduledFor: null, startedAt: new Date().toISOString(), attempt: 1 });
    }

    let page500Cursor: number | null = null;
    {
      let cursor: number | null = null;
      for (let page = 1; page < 500; page++) cursor = store.recentRuns({ limit: 50, before: cursor }).nextCursor;
      page500Cursor = cursor;
    }
    let failedPage20: number | null = null;
    {
      let cursor: number | null = null;
      for (let page = 1; page < 20; page++) cursor = store.recentRuns({ limit: 50, status: 'failed', before: cursor }).nextCursor;
      failedPage20 = cursor;
    }

    console.log(`queries (median of ${REPEATS}):`);
    time('recent runs, first page (50)', () => store.recentRuns({ limit: 50 }));
    time('recent runs, page 500 via keyset', () => store.recentRuns({ limit: 50, before: page500Cursor }));
    time('one job, first page', () => store.recentRuns({ limit: 50, jobId: 'job-117' }));
    time('status failed, first page', () => store.recentRuns({ limit: 50, status: 'failed' }));
    time('status failed, page 20 via keyset', () => store.recentRuns({ limit: 50, status: 'failed', before: failedPage20 }));
    time('status failed|timed-out|interrupted, first page', () => store.recentRuns({ limit: 50, status: ['failed', 'timed-out', 'interrupted'] }));
    time('one job + status failed, first page', () => store.recentRuns({ limit: 50, jobId: 'job-117', status: 'failed' }));
    time('one job + failed|timed-out, first page', () => store.recentRuns({ limit: 50, jobId: 'job-117', status: ['failed', 'timed-out'] }));
    time('trigger retry, first page', () => store.recentRuns({ limit: 50, trigger: 'retry' }));
    time('lastRun(job)', () => store.lastRun('job-117'));
    time(`lastRunsByJob (${JOBS} jobs)`, () => store.lastRunsByJob());
    time('countByStatus()', () => store.countByStatus());
    time('countByStatus(job)', () => store.countByStatus('job-117'));
    time('isRunning(job)', () => store.isRunning('job-117'));
    time('getRun(id)', () => store.getRun(123_456));

    console.log(`file size: ${fileSizeMb(path).toFixed(1)} MB (database + WAL)`);

    // Retention on the same file: first by age (about half the runs), then down to 1,000 per job.
    const halfway = new Date(START + (TOTAL_RUNS / 2) * STEP_MS + 30 * 86_400_000);
    for (const [label, policy] of [
      ['older than 30 days (half the runs)', { keepDays: 30, now: halfway }],
      ['keep 1,000 runs per job', { keepRunsPerJob: 1_000, now: halfway }],
    ] as const) {
      started = performance.now();
      const deleted = store.applyRetention(policy);
      seconds = (performance.now() - started) / 1000;
      console.log(`retention, ${label}: deleted ${deleted.toLocaleString('en')} runs in ${seconds.toFixed(1)} s (${Math.round(deleted / seconds).toLocaleString('en')} runs/s); file now ${fileSizeMb(path).toFixed(1)} MB`);
    }
    started = performance.now();
    store.close();
    console.log(`close (PRAGMA optimize): ${(performance.now() - started).toFixed(1)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();

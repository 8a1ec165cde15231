import { describe, expect, it } from 'vitest';
import type { HistoryPage, HistoryQuery, IpcResult } from '../../shared/ipc/ipc-models.js';
import type { JobRun } from '../../shared/models/job-run.js';
import { FIRST_PAGE_SIZE, PAGE_SIZE, RunPager } from '../../renderer/history/run-pager.js';

function makeRuns(count: number): JobRun[] {
  return Array.from({ length: count }, (_, index) => ({
    id: count - index,
    jobId: index % 2 === 0 ? 'even' : 'odd',
    trigger: 'schedule' as const,
    scheduledFor: null,
    startedAt: new Date(Date.UTC(2026, 0, 1) + (count - index) * 60_000).toISOString(),
    endedAt: null,
    status: 'succeeded' as const,
    attempt: 1,
    summary: null,
    error: null,
    outputTail: null,
  }));
}

/** The store's keyset paging over runs sorted newest first, recording every query. */
function fakeStore(runs: JobRun[]) {
  const queries: HistoryQuery[] = [];
  let pending: Array<() => void> = [];
  let hold = false;
  const query = (input: HistoryQuery): Promise<IpcResult<HistoryPage>> => {
    queries.push(input);
    const matching = runs.filter((candidate) => input.jobId === undefined || candidate.jobId === input.jobId);
    const after = matching.filter((candidate) => input.before === undefined || candidate.id < input.before);
    const page = after.slice(0, input.limit ?? 50);
    const value = { runs: page, nextCursor: after.length > page.length ? (page[page.length - 1]?.id ?? null) : null, total: matching.length };
    return new Promise((resolve) => {
      const answer = () => resolve({ ok: true, value });
      if (hold) pending.push(answer);
      else answer();
    });
  };
  return {
    query,
    queries,
    holdAnswers: () => {
      hold = true;
    },
    release: () => {
      const answers = pending;
      pending = [];
      hold = false;
      for (const answer of answers) answer();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('paging through history', () => {
  it('loads a small first page, then full pages by keyset as far as the list needs', async () => {
    const store = fakeStore(makeRuns(100_000));
    const pager = new RunPager(store.query, { jobId: null, statuses: [] });
    pager.start();
    await settle();
    expect(pager.getSnapshot()).toMatchObject({ total: 100_000, started: true, complete: false });
    expect(pager.getSnapshot().rows).toHaveLength(FIRST_PAGE_SIZE);

    pager.ensureLoaded(1_200);
    await settle();
    const rows = pager.getSnapshot().rows;
    expect(rows.length).toBe(FIRST_PAGE_SIZE + 3 * PAGE_SIZE);
    expect(rows[rows.length - 1]?.id).toBe(100_000 - rows.length + 1);
    expect(store.queries.slice(1).map((query) => query.before)).toEqual([100_000 - 99, 100_000 - 599, 100_000 - 1_099]);
  });

  it('never sends two requests at once, however often it is asked', async () => {
    const store = fakeStore(makeRuns(5_000));
    const pager = new RunPager(store.query, { jobId: null, statuses: [] });
    store.holdAnswers();
    pager.start();
    pager.ensureLoaded(300);
    pager.ensureLoaded(400);
    expect(store.queries).toHaveLength(1);
    store.release();
    await settle();
    expect(store.queries.length).toBeGreaterThan(1);
  });

  it('passes the filter on every page and stops at the last one', async () => {
    const store = fakeStore(makeRuns(1_000));
    const pager = new RunPager(store.query, { jobId: 'odd', statuses: [] });
    pager.start();
    pager.ensureLoaded(10_000);
    for (let round = 0; round < 5; round += 1) await settle();
    expect(pager.getSnapshot()).toMatchObject({ total: 500, complete: true });
    expect(pager.getSnapshot().rows).toHaveLength(500);
    expect(store.queries.every((query) => query.jobId === 'odd')).toBe(true);
  });

  it('drops an answer that arrives after it was stopped, and asks again when started again', async () => {
    const store = fakeStore(makeRuns(1_000));
    const pager = new RunPager(store.query, { jobId: null, statuses: [] });
    store.holdAnswers();
    pager.start();
    pager.stop();
    store.release();
    await settle();
    expect(pager.getSnapshot().rows).toHaveLength(0);
    pager.start();
    await settle();
    expect(pager.getSnapshot().rows).toHaveLength(FIRST_PAGE_SIZE);
  });

  it('shows an error as data and tries the same page again on retry', async () => {
    let fail = true;
    const store = fakeStore(makeRuns(300));
    const pager = new RunPager(async (query) => (fail ? { ok: false, error: { code: 'unexpected', message: 'No answer', action: 'Try again.' } } : store.query(query)), {
      jobId: null,
      statuses: [],
    });
    pager.start();
    await settle();
    expect(pager.getSnapshot().error?.message).toBe('No answer');
    fail = false;
    pager.retry();
    await settle();
    expect(pager.getSnapshot()).toMatchObject({ error: null, started: true });
  });
});

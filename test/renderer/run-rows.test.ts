import { describe, expect, it } from 'vitest';
import type { JobRun } from '../../shared/models/job-run.js';
import { appendPage, applyRunUpdate, indexForId, type LoadedRuns } from '../../renderer/history/run-rows.js';

function run(id: number, change: Partial<JobRun> = {}): JobRun {
  return {
    id,
    jobId: 'daily-report',
    trigger: 'schedule',
    scheduledFor: null,
    startedAt: '2026-11-20T07:00:00.000Z',
    endedAt: '2026-11-20T07:00:03.000Z',
    status: 'succeeded',
    attempt: 1,
    summary: `run ${id}`,
    error: null,
    outputTail: 'a long output tail',
    ...change,
  };
}

const everything = { jobId: null, statuses: [] };
const loaded = (ids: number[], complete = false, total = ids.length): LoadedRuns => appendPage({ rows: [], total: 0, complete: false }, ids.map((id) => run(id)), total, complete);

describe('the rows history keeps', () => {
  it('keeps slim rows without the output tail', () => {
    const state = loaded([5]);
    expect(state.rows[0]).not.toHaveProperty('outputTail');
    expect(state.rows[0]?.summary).toBe('run 5');
  });

  it('finds a run by id in rows sorted newest first', () => {
    const rows = loaded([90, 70, 50, 30]).rows;
    expect(indexForId(rows, 50)).toEqual({ index: 2, found: true });
    expect(indexForId(rows, 60)).toEqual({ index: 2, found: false });
    expect(indexForId(rows, 95)).toEqual({ index: 0, found: false });
    expect(indexForId(rows, 10)).toEqual({ index: 4, found: false });
  });

  it('adds a new run at the top and counts it', () => {
    const state = applyRunUpdate(loaded([9, 8, 7], false, 100), run(10, { status: 'running', endedAt: null }), everything);
    expect(state.rows.map((row) => row.id)).toEqual([10, 9, 8, 7]);
    expect(state.total).toBe(101);
  });

  it('replaces a run it already shows when the run finishes', () => {
    const state = applyRunUpdate(loaded([9, 8]), run(9, { status: 'failed', error: { code: 'network', message: 'Could not reach Graph', action: 'Retry' } }), everything);
    expect(state.rows[0]).toMatchObject({ id: 9, status: 'failed', errorMessage: 'Could not reach Graph' });
    expect(state.total).toBe(2);
  });

  it('ignores a run the filter leaves out', () => {
    const before = loaded([9, 8]);
    expect(applyRunUpdate(before, run(10, { jobId: 'other' }), { jobId: 'daily-report', statuses: [] })).toBe(before);
  });

  it('drops a run that no longer matches, like a running run that finished under a "running" filter', () => {
    const filter = { jobId: null, statuses: ['running' as const] };
    const before = appendPage({ rows: [], total: 0, complete: false }, [run(9, { status: 'running' })], 1, true);
    const after = applyRunUpdate(before, run(9, { status: 'succeeded' }), filter);
    expect(after.rows).toEqual([]);
    expect(after.total).toBe(0);
  });

  it('leaves a run older than the loaded part to paging, counting it only', () => {
    const state = applyRunUpdate(loaded([90, 80], false, 50), run(10, { status: 'failed' }), { jobId: null, statuses: ['failed'] });
    expect(state.rows.map((row) => row.id)).toEqual([90, 80]);
    expect(state.total).toBe(51);
  });

  it('does not repeat a run a live update already added when the next page brings it too', () => {
    const withLive = applyRunUpdate(loaded([9, 8], false, 3), run(7), everything);
    const next = appendPage(withLive, [run(7), run(6)], 4, true);
    expect(next.rows.map((row) => row.id)).toEqual([9, 8, 7, 6]);
    expect(next.complete).toBe(true);
  });
});

/**
 * The rows the history list keeps in memory: slim copies of runs, newest first, and how a live update
 * changes them. Pure, so paging and live updates are tested without a window.
 *
 * A row drops the output tail and error detail (the details panel loads the whole run), so 100,000 rows
 * stay a few tens of megabytes.
 */
import type { JobRun, RunStatus } from '../../shared/models/job-run.js';

export type RunRow = Pick<JobRun, 'id' | 'jobId' | 'trigger' | 'status' | 'startedAt' | 'endedAt' | 'summary'> & {
  /** The error's message, for the summary column of a run without a summary. */
  errorMessage: string | null;
};

export interface HistoryFilter {
  jobId: string | null;
  /** Empty means every status. */
  statuses: RunStatus[];
}

export function toRunRow(run: JobRun): RunRow {
  return {
    id: run.id,
    jobId: run.jobId,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    summary: run.summary,
    errorMessage: run.error?.message ?? null,
  };
}

export function matchesFilter(run: Pick<JobRun, 'jobId' | 'status'>, filter: HistoryFilter): boolean {
  if (filter.jobId !== null && run.jobId !== filter.jobId) return false;
  return filter.statuses.length === 0 || filter.statuses.includes(run.status);
}

/** Where a run id is (or would go) in rows sorted by id, newest first. */
export function indexForId(rows: readonly RunRow[], id: number): { index: number; found: boolean } {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const current = rows[middle]?.id ?? 0;
    if (current === id) return { index: middle, found: true };
    if (current > id) low = middle + 1;
    else high = middle;
  }
  return { index: low, found: false };
}

export interface LoadedRuns {
  rows: RunRow[];
  total: number;
  /** Whether every older row has been loaded (no further page). */
  complete: boolean;
}

/**
 * Applies a `run:updated` event.
 *
 * A run already in the list is replaced (or removed when it no longer matches the filter, e.g. a
 * running run that failed under a "running" filter). A run newer than every loaded one is added at the
 * top. A run older than the loaded part is left to paging, which will fetch it in its place.
 */
export function applyRunUpdate(state: LoadedRuns, run: JobRun, filter: HistoryFilter): LoadedRuns {
  const { index, found } = indexForId(state.rows, run.id);
  const matches = matchesFilter(run, filter);
  if (found) {
    const rows = state.rows.slice();
    if (matches) rows[index] = toRunRow(run);
    else rows.splice(index, 1);
    return { ...state, rows, total: matches ? state.total : Math.max(0, state.total - 1) };
  }
  if (!matches) return state;
  const inLoadedPart = index < state.rows.length || state.complete;
  if (!inLoadedPart) return { ...state, total: state.total + 1 };
  const rows = state.rows.slice();
  rows.splice(index, 0, toRunRow(run));
  return { ...state, rows, total: state.total + 1 };
}

/** Adds the next page, dropping rows a live update already placed. */
export function appendPage(state: LoadedRuns, runs: readonly JobRun[], total: number, complete: boolean): LoadedRuns {
  const lastId = state.rows[state.rows.length - 1]?.id ?? Number.POSITIVE_INFINITY;
  const fresh = runs.filter((run) => run.id < lastId).map(toRunRow);
  return { rows: state.rows.concat(fresh), total: Math.max(total, state.rows.length + fresh.length), complete };
}

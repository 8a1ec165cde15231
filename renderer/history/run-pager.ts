/**
 * Pages through a filtered history by keyset (`before` = the last id of the previous page), on demand.
 *
 * The list asks for the rows it is about to show (`ensureLoaded`); the pager fetches the pages up to there
 * one after another, never two at once, and publishes snapshots for `useSyncExternalStore`. A pager serves
 * one filter: a new filter gets a new pager. It fetches only between `start` and `stop`, and an answer that
 * arrives after `stop` lands nowhere (so React's mount, unmount, mount in development does no harm).
 */
import type { ErrorData } from '../../shared/errors.js';
import type { HistoryPage, HistoryQuery, IpcResult } from '../../shared/ipc/ipc-models.js';
import type { JobRun } from '../../shared/models/job-run.js';
import { appendPage, applyRunUpdate, type HistoryFilter, type LoadedRuns } from './run-rows.js';

export type QueryRuns = (query: HistoryQuery) => Promise<IpcResult<HistoryPage>>;

export interface PagerSnapshot extends LoadedRuns {
  loading: boolean;
  /** Whether the first page has answered (until then `total` is not known). */
  started: boolean;
  error: ErrorData | null;
}

/** A small first page paints fast; later pages are as large as the contract allows. */
export const FIRST_PAGE_SIZE = 100;
export const PAGE_SIZE = 500;

export class RunPager {
  private snapshot: PagerSnapshot = { rows: [], total: 0, complete: false, loading: false, started: false, error: null };
  private readonly listeners = new Set<() => void>();
  private cursor: number | undefined;
  private wanted = 0;
  private active = false;
  /** Bumped by `stop`, so an answer to a request sent before it is dropped. */
  private generation = 0;

  constructor(
    private readonly query: QueryRuns,
    readonly filter: HistoryFilter,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PagerSnapshot => this.snapshot;

  /** Starts fetching (the first page at once). */
  start(): void {
    this.active = true;
    void this.pump();
  }

  /** Stops fetching; a request on its way is forgotten, and `start` sends it again. */
  stop(): void {
    this.active = false;
    this.generation += 1;
    if (this.snapshot.loading) this.snapshot = { ...this.snapshot, loading: false };
  }

  /** Makes sure rows up to `index` (and a page beyond) are loaded or on their way. */
  ensureLoaded(index: number): void {
    this.wanted = Math.max(this.wanted, index);
    void this.pump();
  }

  /** After an error: tries the page that failed again. */
  retry(): void {
    this.publish({ error: null });
    void this.pump();
  }

  applyUpdate(run: JobRun): void {
    const next = applyRunUpdate(this.snapshot, run, this.filter);
    if (next !== this.snapshot) this.publish(next);
  }

  private async pump(): Promise<void> {
    while (this.active && !this.snapshot.loading && !this.snapshot.complete && this.snapshot.error === null) {
      if (this.snapshot.started && this.snapshot.rows.length > this.wanted) return;
      const generation = this.generation;
      this.publish({ loading: true });
      const result = await this.query({
        ...(this.filter.jobId === null ? {} : { jobId: this.filter.jobId }),
        ...(this.filter.statuses.length === 0 ? {} : { status: this.filter.statuses }),
        limit: this.snapshot.started ? PAGE_SIZE : FIRST_PAGE_SIZE,
        ...(this.cursor === undefined ? {} : { before: this.cursor }),
      });
      if (generation !== this.generation) return;
      if (!result.ok) {
        this.publish({ loading: false, error: result.error });
        return;
      }
      const page = result.value;
      this.cursor = page.nextCursor ?? undefined;
      this.publish({ ...appendPage(this.snapshot, page.runs, page.total, page.nextCursor === null), loading: false, started: true });
    }
  }

  private publish(change: Partial<PagerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

/**
 * History: every recorded run, filtered by job and status, newest first, with the selected run's details.
 * Pages arrive by keyset as the list scrolls; live runs appear at the top as they start and finish.
 */
import { useCallback, useMemo, useState } from 'react';
import type { HistoryTarget } from '../app/navigation.js';
import { ViewHeader } from '../app/view-header.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Spinner } from '../components/spinner.js';
import { useNow } from '../hooks/use-now.js';
import { useEvent } from '../ipc/use-event.js';
import { useRequest } from '../ipc/use-request.js';
import { HistoryFilters } from './history-filters.js';
import { RunDetails } from './run-details.js';
import { RunTable } from './run-table.js';
import type { HistoryFilter } from './run-rows.js';
import { useRunPager } from './use-run-pager.js';

interface HistoryViewProps {
  focusTitle: boolean;
  /** A run (and filters) asked for from outside: a notification, the tray, a job's "Details". */
  target: HistoryTarget | null;
}

function filterFor(target: HistoryTarget | null): HistoryFilter {
  return { jobId: target?.jobId ?? null, statuses: target?.status ?? [] };
}

export function HistoryView({ focusTitle, target }: HistoryViewProps) {
  const [filter, setFilter] = useState<HistoryFilter>(() => filterFor(target));
  const [selectedId, setSelectedId] = useState<number | null>(target?.runId ?? null);
  const [revealSerial, setRevealSerial] = useState(0);
  const [appliedSerial, setAppliedSerial] = useState(target?.serial ?? 0);
  const { pager, snapshot } = useRunPager(filter);
  const now = useNow(30_000);
  const jobs = useRequest('jobs:list', {});
  useEvent('jobs:changed', jobs.setValue);

  // A new outside request while History is open: its filters (when it names any) and its run.
  if (target && target.serial !== appliedSerial) {
    setAppliedSerial(target.serial);
    if (target.jobId !== undefined || target.status !== undefined) setFilter(filterFor(target));
    if (target.runId !== undefined) setSelectedId(target.runId);
    setRevealSerial((value) => value + 1);
  }

  const jobNames = useMemo(() => new Map((jobs.value?.jobs ?? []).map((job) => [job.id, job.name])), [jobs.value]);
  const jobOptions = useMemo(() => (jobs.value?.jobs ?? []).map((job) => ({ id: job.id, name: job.name })), [jobs.value]);
  const onNeedRows = useCallback((index: number) => pager.ensureLoaded(index), [pager]);

  const countText = !snapshot.started ? 'Loading runs…' : snapshot.total === 1 ? '1 run' : `${snapshot.total.toLocaleString()} runs`;

  return (
    <div className="view view-fill">
      <ViewHeader title="History" focusOnMount={focusTitle} subtitle={<span role="status">{countText}</span>} />
      <HistoryFilters filter={filter} onChange={setFilter} jobs={jobOptions} />
      {snapshot.error ? (
        <ErrorNotice error={snapshot.error}>
          <button type="button" className="button" onClick={() => pager.retry()}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      <div className={`history-body${selectedId === null ? '' : ' has-details'}`}>
        <div className="history-list">
          {snapshot.started && snapshot.total === 0 && snapshot.rows.length === 0 ? (
            <div className="empty">
              <p className="empty-title">{filter.jobId !== null || filter.statuses.length > 0 ? 'No runs match these filters' : 'No runs yet'}</p>
              <p>{filter.jobId !== null || filter.statuses.length > 0 ? 'Clear a filter to see more.' : 'Runs appear here as soon as a job starts.'}</p>
            </div>
          ) : !snapshot.started && !snapshot.error ? (
            <p className="view-loading" role="status">
              <Spinner /> Loading runs…
            </p>
          ) : (
            <RunTable snapshot={snapshot} selectedId={selectedId} onSelect={setSelectedId} onNeedRows={onNeedRows} jobNames={jobNames} now={now} revealSerial={revealSerial} />
          )}
        </div>
        {selectedId !== null ? <RunDetails runId={selectedId} jobNames={jobNames} now={now} onClose={() => setSelectedId(null)} /> : null}
      </div>
    </div>
  );
}

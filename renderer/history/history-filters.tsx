/**
 * The history's filters: one job (or all) and any set of statuses.
 */
import { useId } from 'react';
import { RUN_STATUSES, type RunStatus } from '../../shared/models/job-run.js';
import { runStatusLabel, runStatusTone } from '../format/run-status.js';
import type { HistoryFilter } from './run-rows.js';

interface HistoryFiltersProps {
  filter: HistoryFilter;
  onChange: (filter: HistoryFilter) => void;
  jobs: ReadonlyArray<{ id: string; name: string }>;
}

export function HistoryFilters({ filter, onChange, jobs }: HistoryFiltersProps) {
  const jobSelectId = useId();
  const statusLabelId = useId();
  const jobKnown = filter.jobId === null || jobs.some((job) => job.id === filter.jobId);
  const toggle = (status: RunStatus) => {
    const statuses = filter.statuses.includes(status) ? filter.statuses.filter((value) => value !== status) : RUN_STATUSES.filter((value) => value === status || filter.statuses.includes(value));
    onChange({ ...filter, statuses });
  };
  const filtered = filter.jobId !== null || filter.statuses.length > 0;
  return (
    <div className="filters" role="search" aria-label="Filter runs">
      <div className="filter-field">
        <label htmlFor={jobSelectId} className="inline-label">
          Job
        </label>
        <select id={jobSelectId} className="select" value={filter.jobId ?? ''} onChange={(event) => onChange({ ...filter, jobId: event.target.value === '' ? null : event.target.value })}>
          <option value="">All jobs</option>
          {jobs.map((job) => (
            <option key={job.id} value={job.id}>
              {job.name}
            </option>
          ))}
          {!jobKnown && filter.jobId !== null ? <option value={filter.jobId}>{filter.jobId}</option> : null}
        </select>
      </div>
      <div className="filter-field">
        <span id={statusLabelId} className="inline-label">
          Status
        </span>
        <div className="status-filter" role="group" aria-labelledby={statusLabelId}>
          {RUN_STATUSES.map((status) => {
            const on = filter.statuses.includes(status);
            return (
              <button key={status} type="button" className={`filter-chip tone-${runStatusTone(status)}`} aria-pressed={on} onClick={() => toggle(status)}>
                <span className="badge-dot" aria-hidden="true" />
                {runStatusLabel(status)}
              </button>
            );
          })}
        </div>
      </div>
      {filtered ? (
        <button type="button" className="button button-quiet" onClick={() => onChange({ jobId: null, statuses: [] })}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

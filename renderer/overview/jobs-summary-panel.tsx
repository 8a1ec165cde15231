/**
 * The jobs at a glance: how many, the next run, and any whose last run went wrong (what turns the tray amber).
 */
import type { HistoryTarget } from '../app/navigation.js';
import { groupProblemsByJob } from '../jobs/job-problem-groups.js';
import { Panel } from '../components/panel.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatRelative, formatWhen } from '../format/dates.js';
import { runStatusLabel, runStatusTone } from '../format/run-status.js';
import { useEvent } from '../ipc/use-event.js';
import { useRequest } from '../ipc/use-request.js';

interface JobsSummaryPanelProps {
  paused: boolean;
  now: Date;
  onShowRun: (target: Omit<HistoryTarget, 'serial'>) => void;
  onOpenJobs: () => void;
}

export function JobsSummaryPanel({ paused, now, onShowRun, onOpenJobs }: JobsSummaryPanelProps) {
  const jobs = useRequest('jobs:list', {});
  useEvent('jobs:changed', jobs.setValue);
  const view = jobs.value;
  const actions = (
    <button type="button" className="button button-quiet" onClick={onOpenJobs}>
      Open Jobs
    </button>
  );
  if (!view) return <Panel title="Jobs" actions={actions}>{jobs.error ? <p className="muted">{jobs.error.message}</p> : <p className="muted">Loading…</p>}</Panel>;

  const enabled = view.jobs.filter((job) => job.enabled);
  const next = enabled
    .filter((job) => job.nextRun !== null)
    .sort((a, b) => Date.parse(a.nextRun ?? '') - Date.parse(b.nextRun ?? ''))[0];
  const troubled = view.jobs.filter((job) => job.lastRun && job.lastRun.status !== 'succeeded' && job.lastRun.status !== 'running');
  // Counted per job, as the Jobs page counts them; an unreadable file is one problem, whatever came before it.
  const leftOut = view.fileError ? 0 : groupProblemsByJob(view.problems).jobsWithErrors;

  return (
    <Panel title="Jobs" actions={actions}>
      <p className="summary-line">
        {view.jobs.length === 1 ? '1 job' : `${view.jobs.length} jobs`}, {enabled.length} enabled
        {paused ? ' · schedule paused' : ''}
      </p>
      {next && !paused ? (
        <p className="summary-line">
          Next: {next.name} <span className="muted">{formatWhen(next.nextRun, now)} ({formatRelative(next.nextRun, now)})</span>
        </p>
      ) : null}
      {view.fileError ? (
        <p className="summary-line">
          <StatusBadge tone="danger" label="The jobs file cannot be read" />
        </p>
      ) : leftOut > 0 ? (
        <p className="summary-line">
          <StatusBadge tone="danger" label={leftOut === 1 ? '1 job left out: it has problems' : `${leftOut} jobs left out: they have problems`} />
        </p>
      ) : null}
      {troubled.length > 0 ? (
        <ul className="summary-list" aria-label="Jobs whose last run did not succeed">
          {troubled.map((job) =>
            job.lastRun ? (
              <li key={job.id}>
                <StatusBadge tone={runStatusTone(job.lastRun.status)} label={runStatusLabel(job.lastRun.status)} />
                <span className="summary-job">{job.name}</span>
                <button type="button" className="link-button" onClick={() => job.lastRun && onShowRun({ runId: job.lastRun.id })}>
                  Show run
                </button>
              </li>
            ) : null,
          )}
        </ul>
      ) : view.jobs.length > 0 ? (
        <p className="summary-line muted">Every last run succeeded.</p>
      ) : null}
    </Panel>
  );
}

/**
 * One job: what it does and when, how it went last time, Run now and its enable switch.
 */
import { useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { JobSummary, JobsView } from '../../shared/ipc/ipc-models.js';
import type { JobRun } from '../../shared/models/job-run.js';
import type { HistoryTarget } from '../app/navigation.js';
import { ErrorNotice } from '../components/error-notice.js';
import { PlayIcon } from '../components/icons.js';
import { Spinner } from '../components/spinner.js';
import { StatusBadge } from '../components/status-badge.js';
import { Switch } from '../components/switch.js';
import { formatFull, formatRelative, formatWhen } from '../format/dates.js';
import { formatDuration, runDurationMs } from '../format/duration.js';
import { jobKindLabel } from '../format/job-kind.js';
import { runStatusLabel, runStatusTone } from '../format/run-status.js';
import { useApi } from '../ipc/api-context.js';

interface JobItemProps {
  job: JobSummary;
  /** The jobs file version the list was read from: edits send it back (refused when the file changed since). */
  version: string | null;
  now: Date;
  paused: boolean;
  onChanged: (view: JobsView) => void;
  onRunStarted: (run: JobRun) => void;
  onShowRun: (target: Omit<HistoryTarget, 'serial'>) => void;
  /** The file cannot be read now: this job runs as the last version Delegate could read had it. */
  fromEarlierVersion?: boolean;
  /** The editor's actions; absent, the item shows none. */
  onEdit?: (job: JobSummary) => void;
  onDuplicate?: (job: JobSummary) => void;
  onDelete?: (job: JobSummary) => void;
}

/** Why Edit, Duplicate, Delete and the switch are off while the file cannot be read (the same words as New job's). */
export const FIX_FILE_FIRST = 'Fix the file first to add or edit jobs here.';

export function JobItem({ job, version, now, paused, onChanged, onRunStarted, onShowRun, fromEarlierVersion = false, onEdit, onDuplicate, onDelete }: JobItemProps) {
  const api = useApi();
  const [starting, setStarting] = useState(false);
  const [toggling, setToggling] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const headingId = `job-${job.id}`;
  // The file cannot be read: an edit would be written over a file Delegate cannot parse, so the actions stay
  // visible (the person knows where they are) but do nothing, and say why.
  const locked = fromEarlierVersion;
  const lockedId = `${headingId}-locked`;
  const editProps = (action: ((job: JobSummary) => void) | undefined) =>
    locked
      ? { 'aria-disabled': true as const, 'aria-describedby': `${headingId} ${lockedId}`, onClick: () => undefined }
      : { 'aria-describedby': headingId, onClick: () => action?.(job) };
  const last = job.lastRun;
  const running = job.running || last?.status === 'running';

  const runNow = async () => {
    if (starting || running) return;
    setStarting(true);
    setError(null);
    const result = await api.request('jobs:run-now', { jobId: job.id });
    setStarting(false);
    if (result.ok) onRunStarted(result.value);
    else setError(result.error);
  };

  const setEnabled = async (enabled: boolean) => {
    setToggling(true);
    setError(null);
    const result = await api.request('jobs:set-enabled', { jobId: job.id, enabled, version });
    setToggling(false);
    if (result.ok) onChanged(result.value);
    else setError(result.error);
  };

  return (
    <li className={`job${job.enabled ? '' : ' is-disabled'}`} aria-labelledby={headingId}>
      <div className="job-main">
        <div className="job-title-row">
          <h3 id={headingId} className="job-name">
            {job.name}
          </h3>
          <span className="kind">{jobKindLabel(job.kind)}</span>
          <span className="job-id mono">{job.id}</span>
        </div>
        {fromEarlierVersion ? (
          <p className="job-stale">
            <span className="tag tag-warning">Still scheduled</span> as in the last version Delegate could read
          </p>
        ) : null}
        <p className="job-schedule">
          {job.scheduleInWords}
          <span className="muted">
            {' '}
            · <span className="mono">{job.schedule}</span>
            {job.timezone ? ` · ${job.timezone}` : ''}
            {job.profile ? ` · profile ${job.profile}` : ''}
          </span>
        </p>
        <dl className="job-facts">
          <div>
            <dt>Next run</dt>
            <dd>
              {!job.enabled ? (
                <span className="muted">Off</span>
              ) : paused ? (
                <span className="muted">Paused</span>
              ) : job.nextRun ? (
                <time dateTime={job.nextRun} title={formatFull(job.nextRun)}>
                  {formatWhen(job.nextRun, now)} <span className="muted">({formatRelative(job.nextRun, now)})</span>
                </time>
              ) : (
                <span className="muted">None</span>
              )}
            </dd>
          </div>
          <div className="job-last">
            <dt>Last run</dt>
            <dd>
              {last ? (
                <>
                  {running ? (
                    <span className="badge tone-progress">
                      <Spinner /> Running for {formatDuration(runDurationMs(last, now.getTime()) ?? 0)}
                    </span>
                  ) : (
                    <StatusBadge tone={runStatusTone(last.status)} label={runStatusLabel(last.status)} />
                  )}{' '}
                  <time dateTime={last.startedAt} title={formatFull(last.startedAt)} className="muted">
                    {formatWhen(last.startedAt, now)}
                  </time>
                  <button type="button" className="link-button" onClick={() => onShowRun({ runId: last.id })}>
                    Details
                    <span className="visually-hidden"> of the last run of {job.name}</span>
                  </button>
                  {last.summary || last.error ? <span className="job-last-text">{last.error ? last.error.message : last.summary}</span> : null}
                </>
              ) : (
                <span className="muted">Never run</span>
              )}
            </dd>
          </div>
        </dl>
        {job.missingScopes ? (
          <ErrorNotice
            tone="warning"
            live={false}
            title={`Missing permission: ${job.missingScopes.refused.length > 0 ? job.missingScopes.refused.join(', ') : job.missingScopes.needs.map((need) => need[0]).join(', ')} — runs are skipped`}
            error={{ code: 'scope-missing', message: job.missingScopes.message, action: job.missingScopes.action, ...(job.missingScopes.refused.length > 0 ? { aadsts: 65002 } : {}) }}
          />
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        {onEdit || onDuplicate || onDelete ? (
          <div className="job-edit-actions">
            {onEdit ? (
              <button type="button" className="button button-quiet button-small" data-job-edit={job.id} {...editProps(onEdit)}>
                Edit
              </button>
            ) : null}
            {onDuplicate ? (
              <button type="button" className="button button-quiet button-small" {...editProps(onDuplicate)}>
                Duplicate
              </button>
            ) : null}
            {onDelete ? (
              <button type="button" className="button button-quiet button-small" data-job-delete={job.id} {...editProps(onDelete)}>
                Delete…
              </button>
            ) : null}
            {locked ? (
              <span id={lockedId} className="job-edit-locked">
                {FIX_FILE_FIRST}
              </span>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="job-controls">
        <button type="button" className="button" onClick={() => void runNow()} aria-disabled={starting || running || undefined} aria-describedby={headingId}>
          {starting || running ? <Spinner /> : <PlayIcon />}
          {running ? 'Running…' : 'Run now'}
        </button>
        <Switch
          label="Enabled"
          accessibleName={`${job.name} enabled`}
          checked={job.enabled}
          busy={toggling}
          disabled={locked}
          {...(locked && (onEdit || onDuplicate || onDelete) ? { describedBy: lockedId } : locked ? { description: FIX_FILE_FIRST } : {})}
          onChange={(enabled) => void setEnabled(enabled)}
        />
      </div>
    </li>
  );
}

/**
 * Everything about one run: when and why it ran, how it ended, the error with what to do about it, and the
 * last lines of its output.
 */
import { useEffect, useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { JobRun } from '../../shared/models/job-run.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useAppActions } from '../app/app-actions.js';
import { appAction } from '../format/app-action.js';
import { CloseIcon, ErrorIcon, WarningIcon } from '../components/icons.js';
import { Spinner } from '../components/spinner.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatFull } from '../format/dates.js';
import { formatDuration, runDurationMs } from '../format/duration.js';
import { runStatusLabel, runStatusTone, runTriggerLabel } from '../format/run-status.js';
import { useApi } from '../ipc/api-context.js';
import { useEvent } from '../ipc/use-event.js';

interface RunDetailsProps {
  runId: number;
  jobNames: ReadonlyMap<string, string>;
  now: Date;
  onClose: () => void;
}

export function RunDetails({ runId, jobNames, now, onClose }: RunDetailsProps) {
  const api = useApi();
  const [loaded, setLoaded] = useState<{ id: number; run: JobRun | null; error: ErrorData | null } | null>(null);

  useEffect(() => {
    let current = true;
    void api.request('history:get-run', { id: runId }).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { id: runId, run: result.value, error: null } : { id: runId, run: null, error: result.error });
    });
    return () => {
      current = false;
    };
  }, [api, runId]);

  useEvent('run:updated', (run) => {
    if (run.id === runId) setLoaded({ id: runId, run, error: null });
  });

  const run = loaded?.id === runId ? loaded.run : null;
  const error = loaded?.id === runId ? loaded.error : null;
  const duration = run ? runDurationMs(run, now.getTime()) : null;

  return (
    <aside className="run-details" aria-labelledby="run-details-title">
      <div className="run-details-header">
        <h2 id="run-details-title" className="run-details-title">
          Run {runId}
        </h2>
        <button type="button" className="icon-button" aria-label="Close run details" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!run && !error ? (
        <p className="muted" role="status">
          <Spinner /> Loading…
        </p>
      ) : null}
      {run ? (
        <div className="run-details-body">
          <p className="run-details-job">
            {run.status === 'running' ? (
              <span className="badge tone-progress">
                <Spinner /> Running
              </span>
            ) : (
              <StatusBadge tone={runStatusTone(run.status)} label={runStatusLabel(run.status)} />
            )}
            <span className="run-details-job-name">{jobNames.get(run.jobId) ?? run.jobId}</span>
          </p>
          {run.summary ? <p className="run-details-summary">{run.summary}</p> : null}
          {run.error ? <RunErrorBox run={run} /> : null}
          <dl className="run-facts">
            <div>
              <dt>Trigger</dt>
              <dd>{runTriggerLabel(run.trigger)}</dd>
            </div>
            <div>
              <dt>Attempt</dt>
              <dd>{run.attempt === 1 ? '1 (first try)' : `${run.attempt} (retry)`}</dd>
            </div>
            <div className="span-2">
              <dt>Scheduled for</dt>
              <dd>{run.scheduledFor ? formatFull(run.scheduledFor) : <span className="muted">Not scheduled (run by hand)</span>}</dd>
            </div>
            <div className="span-2">
              <dt>Started</dt>
              <dd>{formatFull(run.startedAt)}</dd>
            </div>
            <div className="span-2">
              <dt>Ended</dt>
              <dd>{run.endedAt ? formatFull(run.endedAt) : <span className="muted">Still running</span>}</dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd>{duration === null ? '—' : formatDuration(duration)}</dd>
            </div>
            <div>
              <dt>Job ID</dt>
              <dd className="mono selectable">{run.jobId}</dd>
            </div>
            {run.broker ? (
              <div>
                <dt>Token broker</dt>
                <dd>
                  {run.broker.ok} token{run.broker.ok === 1 ? '' : 's'} served, {run.broker.refused} request{run.broker.refused === 1 ? '' : 's'} refused
                </dd>
              </div>
            ) : null}
          </dl>
          {run.outputTail ? (
            <section className="output" aria-labelledby="run-output-title">
              <h3 id="run-output-title" className="output-title">
                Output (last lines)
              </h3>
              <pre className="output-text selectable" tabIndex={0} aria-labelledby="run-output-title">
                {run.outputTail}
              </pre>
            </section>
          ) : null}
        </div>
      ) : null}
    </aside>
  );
}

function RunErrorBox({ run }: { run: JobRun }) {
  const actions = useAppActions();
  const error = run.error;
  if (!error) return null;
  const advice = appAction(error);
  const danger = error.code === 'sign-in-required' || error.code === 'blocked-by-policy' || error.code === 'signed-out';
  return (
    <div className={`notice ${danger ? 'notice-danger' : 'notice-warning'}`}>
      {danger ? <ErrorIcon className="notice-icon" /> : <WarningIcon className="notice-icon" />}
      <div className="notice-body">
        <p className="notice-message">{error.message}</p>
        {advice.text ? <p className="notice-action">{advice.text}</p> : null}
        {advice.button && actions ? (
          <div className="notice-buttons">
            <button type="button" className="button" onClick={() => (advice.button?.kind === 'sign-in' ? actions.signIn(advice.button.profile) : actions.openSettings())}>
              {advice.button.label}
            </button>
          </div>
        ) : null}
        <dl className="run-facts support-codes">
          <div>
            <dt>Code</dt>
            <dd className="mono selectable">{error.code}</dd>
          </div>
          {error.httpStatus !== undefined ? (
            <div>
              <dt>HTTP status</dt>
              <dd className="mono">{error.httpStatus}</dd>
            </div>
          ) : null}
          {error.aadsts !== undefined ? (
            <div>
              <dt>Entra ID code</dt>
              <dd className="mono selectable">AADSTS{error.aadsts}</dd>
            </div>
          ) : null}
          {error.graphRequestId ? (
            <div className="span-2">
              <dt>Graph request-id</dt>
              <dd className="mono selectable">{error.graphRequestId}</dd>
            </div>
          ) : null}
        </dl>
      </div>
    </div>
  );
}

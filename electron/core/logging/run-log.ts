/**
 * Run lines for the log file: one when a run starts, one when it ends, with what support needs to find it
 * (job id, run id, status, duration, error code, Graph's request-id and client-request-id, AADSTS).
 */
import type { JobRun, RunStatus } from '../../../shared/models/job-run.js';
import type { RunEvents } from '../jobs/run-events.js';
import type { LogFields, LogLevel } from './log-entry.js';
import type { Logger } from './log-file.js';

const LEVEL: Record<RunStatus, LogLevel> = { running: 'info', succeeded: 'info', skipped: 'info', interrupted: 'warn', failed: 'error', 'timed-out': 'error' };

/**
 * Writes a line for every run the engine starts and ends; returns the unsubscribe function. `include` leaves
 * runs out (the app, watching the daemon's schedule, must not copy the daemon's run lines into its own log).
 */
export function logRuns(events: RunEvents, logger: Logger, include: (run: JobRun) => boolean = () => true): () => void {
  return events.on((event) => {
    if (!include(event.run)) return;
    if (event.type === 'run-started') logger.info(runStartedMessage(event.run), runFields('run-started', event.run));
    if (event.type === 'run-finished') logRunFinished(logger, event.run);
  });
}

export function runStartedMessage(run: JobRun): string {
  return `run #${run.id} ${run.jobId} started (${run.trigger}${run.attempt > 1 ? `, try ${run.attempt}` : ''})`;
}

export function logRunFinished(logger: Logger, run: JobRun): void {
  const level = LEVEL[run.status];
  logger[level](runFinishedMessage(run), runFields('run-finished', run));
}

export function runFinishedMessage(run: JobRun): string {
  const duration = durationMs(run);
  const took = duration === null ? '' : ` after ${(duration / 1000).toFixed(1)} s`;
  const error = run.error;
  const ids = error ? requestIds(run) : '';
  const what = error ? `${error.code}: ${error.message}${ids}` : (run.summary ?? '');
  return `run #${run.id} ${run.jobId} ${run.status}${took} (${run.trigger}${run.attempt > 1 ? `, try ${run.attempt}` : ''})${what ? `: ${what}` : ''}`;
}

function requestIds(run: JobRun): string {
  const error = run.error;
  if (!error) return '';
  const parts: string[] = [];
  if (error.httpStatus !== undefined) parts.push(`HTTP ${error.httpStatus}`);
  if (error.aadsts !== undefined) parts.push(`AADSTS${error.aadsts}`);
  if (error.graphRequestId) parts.push(`request-id ${error.graphRequestId}`);
  if (error.graphClientRequestId) parts.push(`client-request-id ${error.graphClientRequestId}`);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

function runFields(event: string, run: JobRun): LogFields {
  return {
    event,
    runId: run.id,
    jobId: run.jobId,
    status: run.status,
    trigger: run.trigger,
    attempt: run.attempt,
    durationMs: durationMs(run) ?? undefined,
    errorCode: run.error?.code,
    httpStatus: run.error?.httpStatus,
    aadsts: run.error?.aadsts,
    requestId: run.error?.graphRequestId,
    clientRequestId: run.error?.graphClientRequestId,
  };
}

function durationMs(run: JobRun): number | null {
  if (!run.endedAt) return null;
  const ms = Date.parse(run.endedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

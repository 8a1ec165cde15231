/**
 * One run of a job, as history records it and the app shows it. Never holds secrets: errors and output tails
 * are redacted before they get here.
 */
export type RunTrigger = 'schedule' | 'catch-up' | 'manual' | 'retry' | 'exec';

/** Requests a script's token broker answered with a token (`ok`) and refused (bad secret, resource not allowed, …). */
export interface RunBrokerCounts {
  ok: number;
  refused: number;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'timed-out' | 'interrupted';

export const RUN_STATUSES: readonly RunStatus[] = ['running', 'succeeded', 'failed', 'skipped', 'timed-out', 'interrupted'];

export interface RunError {
  /** A Delegate error code (shared/errors.ts) or a Graph error code such as `ErrorAccessDenied`. */
  code: string;
  message: string;
  action?: string;
  aadsts?: number;
  /** Graph's `request-id`, for Microsoft support. */
  graphRequestId?: string;
  /** Graph's `client-request-id` (the one Delegate sent), for matching the request in Microsoft's logs. */
  graphClientRequestId?: string;
  httpStatus?: number;
}

export interface JobRun {
  id: number;
  jobId: string;
  trigger: RunTrigger;
  /** The schedule instant this run is for (null for manual runs). */
  scheduledFor: string | null;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  /** 1 for the first try; retries count up. */
  attempt: number;
  /** One line saying what the run did ("Sent 'Daily report' to 3 recipients with 2 attachments"). */
  summary: string | null;
  error: RunError | null;
  /** The last lines of a script's output, redacted. */
  outputTail: string | null;
  /** Present for runs that had a token broker (script jobs, `delegate exec --record`). */
  broker?: RunBrokerCounts;
}

/** What a new run row starts with. */
export type NewJobRun = Pick<JobRun, 'jobId' | 'trigger' | 'scheduledFor' | 'startedAt' | 'attempt'>;

/** How a run ended. */
export type FinishedRun = Pick<JobRun, 'status' | 'endedAt' | 'summary' | 'error' | 'outputTail'> & { broker?: RunBrokerCounts | null };

/**
 * Conversion between a `runs` row and a `JobRun`: epoch milliseconds to ISO strings, the error as JSON, and the
 * limits and redaction every text field passes through on its way in.
 */
import type { SQLOutputValue } from 'node:sqlite';
import type { JobRun, RunError, RunStatus, RunTrigger } from '../../../shared/models/job-run.js';
import { historyMisuse } from './history-errors.js';
import { redactOptional, redactSecrets } from './redact.js';

/** A summary is one line for a list; anything longer is a bug upstream, not something to store. */
export const MAX_SUMMARY_CHARS = 500;
/** The tail of a script's output: enough to see why it failed, small enough that 1,000,000 runs stay compact. */
export const MAX_OUTPUT_TAIL_CHARS = 16_000;

export interface RunRow {
  id: number;
  job_id: string;
  trigger: string;
  scheduled_for: number | null;
  started_at: number;
  ended_at: number | null;
  status: string;
  attempt: number;
  summary: string | null;
  error: string | null;
  output_tail: string | null;
  broker_ok: number | null;
  broker_refused: number | null;
}

export function toJobRun(row: Record<string, SQLOutputValue>): JobRun {
  const r = row as unknown as RunRow;
  return {
    id: r.id,
    jobId: r.job_id,
    // The CHECK constraints in the schema admit only these values.
    trigger: r.trigger as RunTrigger,
    scheduledFor: r.scheduled_for === null ? null : toIso(r.scheduled_for),
    startedAt: toIso(r.started_at),
    endedAt: r.ended_at === null ? null : toIso(r.ended_at),
    status: r.status as RunStatus,
    attempt: r.attempt,
    summary: r.summary,
    error: parseError(r.error),
    outputTail: r.output_tail,
    ...(r.broker_ok !== null && r.broker_ok !== undefined ? { broker: { ok: r.broker_ok, refused: r.broker_refused ?? 0 } } : {}),
  };
}

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** Epoch milliseconds of an ISO date; a value that is not a date is a bug in the caller. */
export function toEpochMs(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw historyMisuse(`${field} is not a date: ${JSON.stringify(iso)}`);
  return ms;
}

export function cleanSummary(summary: string | null | undefined): string | null {
  const redacted = redactOptional(summary);
  return redacted === null || redacted.length <= MAX_SUMMARY_CHARS ? redacted : `${redacted.slice(0, MAX_SUMMARY_CHARS - 1)}…`;
}

export function cleanOutputTail(tail: string | null | undefined): string | null {
  // Redact before cutting, so a cut cannot leave the recognisable half of a token behind.
  const redacted = redactOptional(tail);
  return redacted === null || redacted.length <= MAX_OUTPUT_TAIL_CHARS ? redacted : `…${redacted.slice(-(MAX_OUTPUT_TAIL_CHARS - 1))}`;
}

/** The error as JSON, with only the fields RunError names (nothing else can smuggle text in) and redacted text. */
export function serializeError(error: RunError | null | undefined): string | null {
  if (error === null || error === undefined) return null;
  const stored: RunError = { code: redactSecrets(error.code), message: redactSecrets(error.message) };
  if (error.action !== undefined) stored.action = redactSecrets(error.action);
  if (error.aadsts !== undefined) stored.aadsts = error.aadsts;
  if (error.graphRequestId !== undefined) stored.graphRequestId = redactSecrets(error.graphRequestId);
  if (error.graphClientRequestId !== undefined) stored.graphClientRequestId = redactSecrets(error.graphClientRequestId);
  if (error.httpStatus !== undefined) stored.httpStatus = error.httpStatus;
  return JSON.stringify(stored);
}

function parseError(json: string | null): RunError | null {
  if (json === null) return null;
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed === 'object' && parsed !== null && 'code' in parsed && 'message' in parsed) return parsed as RunError;
  return { code: 'unexpected', message: 'History: the error recorded for this run could not be read.' };
}

/**
 * What is known after an action that must not happen twice failed: nothing was done (safe to try again), or
 * it may have been done (never retried; the person is told where to check).
 *
 * Only an answer proves a request was not carried out: a Graph error status other than a 5xx, throttling
 * (429, or 503 with Retry-After, which Graph documents as "not processed"), or a connection that was never
 * made (refused, DNS, TLS before sending). A reset or timeout after the request was written, a lost answer
 * and a 5xx without Retry-After say nothing, so they count as "may have been done".
 */
import { isDelegateError } from '../../errors/delegate-error.js';
import { isGraphError } from '../../graph/graph-error.js';
import { ConnectionFailure } from '../../net/connection-failure.js';
import { redactSecrets } from '../../history/redact.js';
import type { RunError } from '../../../../shared/models/job-run.js';

/** `done`: Graph carried the action out, and only what came after it failed. */
export type Outcome = 'not-done' | 'unknown' | 'done';

/** Whether a failed request may nonetheless have been carried out by Graph. */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (isGraphError(error)) {
    if (error.status === 429 || error.throttled || (error.status === 503 && error.retryAfterSeconds !== undefined)) return false;
    return error.status >= 500;
  }
  const failure = connectionFailureIn(error);
  if (failure) return failure.mayHaveReachedServer;
  // Local failures (a file that cannot be read, a bad body) and refusals before sending prove nothing left.
  return isDelegateError(error) && error.code === 'network';
}

function connectionFailureIn(error: unknown): ConnectionFailure | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof ConnectionFailure) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A failed action with what is known about it: "not sent" keeps the cause's code (the runner may retry it);
 * "may have been sent" has the code `outcome-unknown` and "done, but what followed failed" `action-done`,
 * which the runner never retries.
 */
export class ActionOutcomeError extends Error {
  constructor(
    readonly outcome: Outcome,
    /** The first sentence of the history row: "The mail "Daily" was not sent." */
    readonly headline: string,
    readonly advice: string | undefined,
    options: { cause: unknown },
  ) {
    super(`${headline} ${causeText(options.cause)}`.trim(), options);
    this.name = 'ActionOutcomeError';
  }

  toRunError(): RunError {
    const base = causeRunError(this.cause);
    return {
      ...base,
      code: this.outcome === 'unknown' ? 'outcome-unknown' : this.outcome === 'done' ? 'action-done' : base.code,
      message: redactSecrets(`${this.headline} ${base.message}`.trim()),
      ...(this.advice !== undefined ? { action: this.advice } : base.action !== undefined ? { action: base.action } : {}),
    };
  }
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function causeRunError(cause: unknown): RunError {
  const withRunError = cause as { toRunError?: () => RunError };
  if (typeof withRunError?.toRunError === 'function') return withRunError.toRunError();
  if (isDelegateError(cause)) {
    const data = cause.toData();
    return { code: data.code, message: redactSecrets(data.message), action: data.action };
  }
  return { code: 'unexpected', message: redactSecrets(causeText(cause)) };
}

/** Runs a request that must not happen twice; a failure that may have taken effect becomes `outcome-unknown`. */
export async function atMostOnce<T>(request: () => Promise<T>, mayHaveHappened: string, advice: string): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (mayHaveTakenEffect(error)) throw new ActionOutcomeError('unknown', mayHaveHappened, advice, { cause: error });
    throw error;
  }
}

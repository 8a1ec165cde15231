/**
 * When a Graph request may be sent again, and how long to wait first.
 *
 * Pure functions, so the rules are tested without a server. Graph's throttling guidance: on 429 (and 503
 * with Retry-After) wait what Retry-After says, else back off exponentially. Graph did not carry out a
 * request it answered with 429, or with 503 and Retry-After (throttling), so those are safe to resend whatever
 * the method. A bare 503, a 504 and a broken connection say nothing about whether the work was done (a proxy or
 * gateway may answer so after Exchange sent the mail), so only idempotent requests are resent then.
 */

/** Methods whose repetition has the same effect as sending once (RFC 9110 §9.2.2); PATCH and POST are not. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** First backoff step; doubled per retry. */
const BACKOFF_BASE_MS = 1_000;
/** Backoff never exceeds this: past it, waiting longer only delays the failure report. */
const BACKOFF_CAP_MS = 30_000;

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Whether an answer with this status is worth sending the request again for (and safe, for a POST). */
export function isRetryableStatus(status: number, idempotent: boolean, retryAfterSeconds?: number): boolean {
  if (status === 429) return true;
  if (status === 503) return idempotent || retryAfterSeconds !== undefined;
  return status === 504 && idempotent;
}

/** 429 always; 503 when it carries Retry-After, which is how some Graph workloads throttle. */
export function isThrottlingStatus(status: number, retryAfterSeconds: number | undefined): boolean {
  return status === 429 || (status === 503 && retryAfterSeconds !== undefined);
}

/**
 * Retry-After as seconds to wait: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent
 * or unreadable, so the caller falls back to backoff instead of hammering.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/**
 * Exponential backoff with jitter for the n-th retry (1-based): 1 s, 2 s, 4 s … capped at 30 s, each scaled
 * into [50 %, 100 %] so that jobs throttled together do not come back together.
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

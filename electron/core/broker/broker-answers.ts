/**
 * What the broker answers when it does not hand out a token: an HTTP status the SDKs do not retry (unless
 * retrying can help) and a body in App Service's shape, which both SDKs put in the error a script shows.
 *
 * App Service's identity endpoint answers errors as `{"statusCode", "message", "correlationId"}`; msal-node
 * (under @azure/identity) reads `message` and `error.code`, Python's azure-identity prints the whole body. So
 * the body carries both, and Delegate's message says what happened and what to do.
 */
import { randomUUID } from 'node:crypto';
import { isDelegateError } from '../errors/delegate-error.js';
import { redactSecrets } from '../history/redact.js';

export interface BrokerRefusal {
  status: number;
  code: string;
  message: string;
  /** Seconds, for a 503 worth retrying (network, locked keychain). */
  retryAfter?: number;
}

export function refusalBody(refusal: BrokerRefusal): string {
  return JSON.stringify({
    statusCode: refusal.status,
    message: refusal.message,
    correlationId: randomUUID(),
    error: { code: refusal.code, message: refusal.message },
  });
}

/** Codes whose cause may pass by itself: the SDK's retries (azure-core retries 503 with Retry-After) can help. */
const TRANSIENT = new Set(['network', 'keychain-locked', 'keychain-unavailable', 'cache-locked']);

/**
 * A failed silent token as the broker's answer. A person must act (sign in, consent): 403, which no SDK
 * retries; a passing cause: 503 with Retry-After; a bug: 500.
 */
export function tokenFailure(error: unknown, resource: string): BrokerRefusal {
  if (isDelegateError(error)) {
    const data = error.toData();
    const message = redactSecrets(`Delegate could not get a token for ${resource}: ${data.message} ${data.action}`.trim());
    if (TRANSIENT.has(data.code)) return { status: 503, code: data.code, message, retryAfter: 10 };
    if (data.code === 'unexpected') return { status: 500, code: data.code, message };
    return { status: 403, code: data.code, message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { status: 500, code: 'unexpected', message: redactSecrets(`Delegate could not get a token for ${resource}: ${detail}`) };
}

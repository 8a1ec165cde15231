import { randomInt } from 'node:crypto';

/**
 * Client capabilities in a token request: what Entra reads from the `claims` parameter.
 *
 * A client declaring `cp1` (msal-node's `clientCapabilities: ['CP1']` sends
 * `{"access_token":{"xms_cc":{"values":["CP1"]}}}`, merged with any claims challenge it answers) can
 * handle Continuous Access Evaluation challenges, so Entra gives it a long-lived CAE token: `xms_cc` in the
 * token, a lifetime of 20–28 hours instead of 60–90 minutes, and `refresh_in` in the response.
 */

/** Entra's CAE tokens live between 20 and 28 hours (Microsoft's "app resilience / CAE" documentation). */
const CAE_MIN_LIFETIME_SECONDS = 20 * 3600;
const CAE_MAX_LIFETIME_SECONDS = 28 * 3600;

export interface ClaimsRequest {
  /** Capabilities named under `access_token.xms_cc.values`, lower-cased (Entra compares case-insensitively). */
  readonly capabilities: readonly string[];
}

/** Null when `claims` is present but is not a JSON object (Entra refuses such a request). */
export function parseClaimsRequest(raw: string | undefined): ClaimsRequest | null {
  if (raw === undefined || raw.trim() === '') return { capabilities: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const accessToken = parsed.access_token;
  const xmsCc = isObject(accessToken) ? accessToken.xms_cc : undefined;
  const values = isObject(xmsCc) ? xmsCc.values : undefined;
  // Some clients send a single string (`"values": "cp1"`), which Entra accepts too.
  const list = Array.isArray(values) ? values : typeof values === 'string' ? [values] : [];
  return { capabilities: list.filter((value): value is string => typeof value === 'string').map((value) => value.toLowerCase()) };
}

export function declaresCp1(request: ClaimsRequest | null | undefined): boolean {
  return request?.capabilities.includes('cp1') ?? false;
}

export interface CaeTokenTerms {
  readonly lifetimeSeconds: number;
  /** Sent as `refresh_in`: half the lifetime, as MSAL assumes for long-lived tokens that lack one (inferred). */
  readonly refreshInSeconds: number;
  readonly capabilities: readonly string[];
}

export function caeTokenTerms(): CaeTokenTerms {
  const lifetimeSeconds = randomInt(CAE_MIN_LIFETIME_SECONDS, CAE_MAX_LIFETIME_SECONDS + 1);
  return { lifetimeSeconds, refreshInSeconds: Math.floor(lifetimeSeconds / 2), capabilities: ['cp1'] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

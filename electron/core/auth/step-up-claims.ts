/**
 * Whether a claims request asks for a step-up rather than just a fresh token.
 *
 * A CAE challenge after a revocation or a policy change asks for a token newer than a time (`nbf`): if Entra ID
 * refuses that, the session itself is over. A challenge for an authentication context (`acrs`, e.g. "MFA for this
 * SharePoint site") asks for more than the refresh token's session holds: Entra ID refusing it (AADSTS50076,
 * interaction_required) is about that one request, and the same refresh token still serves every other call.
 */
import type { DelegateError } from '../errors/delegate-error.js';

export function asksForStepUp(claims: string | undefined): boolean {
  if (claims === undefined) return false;
  try {
    const parsed = JSON.parse(claims) as { access_token?: unknown; id_token?: unknown };
    return [parsed.access_token, parsed.id_token].some((part) => typeof part === 'object' && part !== null && 'acrs' in part);
  } catch {
    return false;
  }
}

/** Entra's answers that say the refresh token itself is dead (revoked, expired, sign-in frequency): never a step-up. */
const DEAD_SESSION = new Set([50173, 700082, 70008, 70043]);

/**
 * True when `error`, the refusal of a redemption that carried `claims`, only refuses the step-up: MFA or another
 * interaction for the authentication context. A dead refresh token or a policy block still ends the session.
 */
export function refusesOnlyTheStepUp(claims: string | undefined, error: Pick<DelegateError, 'code' | 'aadsts'>): boolean {
  if (!asksForStepUp(claims) || error.code !== 'sign-in-required') return false;
  return error.aadsts === undefined || !DEAD_SESSION.has(error.aadsts);
}

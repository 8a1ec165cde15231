/**
 * What Delegate remembers when Entra ID ends a session, and how it keeps remembering the real reason.
 *
 * - The refusal goes into the metadata's `lastAuthError` with Entra's own answer (entra-answer.ts) for support.
 * - After some refusals msal deletes the refresh token itself (`suberror: bad_token`, e.g. AADSTS700082), and
 *   Delegate deletes it after a Conditional Access block (refresh-token-removal.ts). Every later attempt then only
 *   hears msal's `no_tokens_found`; that must not replace "not used for 90 days" or "blocked by policy" with a
 *   vague "sign in again", so the recorded refusal stays the answer until someone signs in again.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { ErrorCodes, type ErrorCode } from '../../../shared/errors.js';
import type { EntraAnswer } from './entra-answer.js';
import type { ProfileMetadata } from './profile-metadata.js';

type Refusal = NonNullable<ProfileMetadata['lastAuthError']>;

const KNOWN_CODES = new Set<string>(Object.values(ErrorCodes));

/** The recorded refusal instead of `mapped` when `mapped` is only msal saying the tokens are gone. */
export function realReason(mapped: DelegateError, metadata: ProfileMetadata): { error: DelegateError; recorded: boolean } {
  const recorded = metadata.lastAuthError;
  const unchanged = { error: mapped, recorded: false };
  if (mapped.code !== 'sign-in-required' || mapped.aadsts !== undefined || !recorded || recorded.aadsts === undefined) return unchanged;
  if (metadata.lastInteractiveAuth && recorded.at < metadata.lastInteractiveAuth) return unchanged; // signed in since
  if (!KNOWN_CODES.has(recorded.code)) return unchanged;
  const error = new DelegateError(
    { code: recorded.code as ErrorCode, message: recorded.message, action: recorded.action, aadsts: recorded.aadsts, detail: `Entra ID refused the refresh token at ${recorded.at}; it has been deleted from the cache since, so nothing was asked now` },
    { cause: mapped },
  );
  return { error, recorded: true };
}

export function refusalRecord(at: string, error: DelegateError, answer: EntraAnswer | undefined): Refusal {
  return {
    at,
    code: error.code,
    message: error.message,
    action: error.action,
    ...(error.aadsts !== undefined ? { aadsts: error.aadsts } : {}),
    ...(answer ? { entra: answer } : {}),
  };
}

/**
 * Whether a run ended because a person is needed (sign-in refused, revoked, blocked, signed out, keychain locked)
 * rather than because the work failed: such a run is `skipped` with that reason, never a generic failure.
 *
 * The refusal can come mid-run — Graph's CAE claims challenge after a revocation makes Entra ID refuse the new
 * token — and a kind may have wrapped it as "not sent" (mail.send); it still counts, since nothing was done.
 */
import { isDelegateError, type DelegateError } from '../errors/delegate-error.js';
import { ActionOutcomeError } from './kinds/action-outcome.js';

const NEEDS_A_PERSON = new Set(['sign-in-required', 'signed-out', 'blocked-by-policy', 'keychain-locked', 'scope-not-preauthorized']);

export function signInRefusalIn(error: unknown): DelegateError | undefined {
  if (isDelegateError(error)) return NEEDS_A_PERSON.has(error.code) ? error : undefined;
  if (error instanceof ActionOutcomeError && error.outcome === 'not-done') return signInRefusalIn(error.cause);
  return undefined;
}

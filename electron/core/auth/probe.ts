/**
 * The probe: a forced silent refresh that keeps the sliding inactivity window alive and learns the real state.
 * A network failure is recorded as such and never marks the profile expired.
 */
import { isDelegateError } from '../errors/delegate-error.js';
import { computeHealth } from './health.js';
import { withKeychainOf } from './live-health.js';
import { readMetadata } from './profile-metadata.js';
import { updateMetadata } from './profile-metadata-writer.js';
import { acquireTokenSilently } from './silent-token.js';
import type { AuthContext } from './auth-context.js';
import type { ProbeResult, ProfileHealth } from '../../../shared/models/health.js';

export interface ProbeReport {
  health: ProfileHealth;
  probe: ProbeResult;
  /** The error the probe met, for the caller's exit code; the health already reflects it. */
  error?: unknown;
}

export async function probe(context: AuthContext): Promise<ProbeReport> {
  let result: ProbeResult;
  let failure: unknown;
  try {
    // As Delegate's own Graph calls do: a CAE token, which the next job can then use (cae-partition.ts).
    await acquireTokenSilently(context, { forceRefresh: true, partition: 'cae' });
    result = { at: context.clock.now().toISOString(), outcome: 'ok' };
  } catch (error) {
    failure = error;
    result = { at: context.clock.now().toISOString(), ...describeFailure(error) };
  }
  // A locked keychain stopped the probe before it reached Entra ID: it learned nothing about the sign-in.
  const keychainLocked = isDelegateError(failure) && failure.code === 'keychain-locked';
  if (readMetadata(context.paths).metadata.account && !keychainLocked) {
    await updateMetadata(context.paths, (metadata) => {
      metadata.lastProbe = result;
    });
  }
  const computed = computeHealth(context.profile, readMetadata(context.paths).metadata, context.clock.now());
  const health = failure === undefined ? computed : await withKeychainOf(context, computed);
  return failure === undefined ? { health, probe: result } : { health, probe: result, error: failure };
}

function describeFailure(error: unknown): Omit<ProbeResult, 'at'> {
  if (!isDelegateError(error)) return { outcome: 'error', message: String(error) };
  const base = { message: error.message, ...(error.aadsts !== undefined ? { aadsts: error.aadsts } : {}) };
  switch (error.code) {
    case 'network':
      return { outcome: 'network-error', ...base };
    case 'sign-in-required':
    case 'signed-out':
      return { outcome: 'sign-in-required', ...base };
    case 'blocked-by-policy':
      return { outcome: 'blocked', ...base };
    default:
      return { outcome: 'error', ...base };
  }
}

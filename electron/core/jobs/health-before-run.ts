/**
 * The health check before a run, which must not let a stale refusal stop runs for good.
 *
 * A refusal that Entra ID never gave (no AADSTS number: the token cache looked empty, as a locked keychain made it
 * look in older versions) is checked rather than believed: a silent token is asked for — from the cache, usually
 * without any network — and if one is served the refusal is cleared (silent-token.ts) and the run goes ahead.
 * A refusal Entra ID gave is the truth and is believed.
 */
import { computeHealth } from '../auth/health.js';
import { readMetadata } from '../auth/profile-metadata.js';
import { acquireTokenSilently } from '../auth/silent-token.js';
import type { AuthContext } from '../auth/auth-context.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export async function healthBeforeRun(auth: AuthContext): Promise<ProfileHealth> {
  const { metadata } = readMetadata(auth.paths);
  const health = computeHealth(auth.profile, metadata, auth.clock.now());
  if (health.status !== 'expired' || !metadata.lastAuthError || metadata.lastAuthError.aadsts !== undefined) return health;
  try {
    await acquireTokenSilently(auth);
  } catch {
    // Still refused (it is recorded again if it ends the session), or the keychain is locked: the run says so.
  }
  return computeHealth(auth.profile, readMetadata(auth.paths).metadata, auth.clock.now());
}

/**
 * A profile's health as a person should see it now: the metadata's verdict (health.ts), and whether the keychain
 * holding the sign-in can be read at this moment (keychain-state.ts) — quietly, without an unlock prompt.
 */
import { computeHealth } from './health.js';
import { checkKeychain, withKeychainState } from './keychain-state.js';
import { readMetadata } from './profile-metadata.js';
import type { AuthContext } from './auth-context.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export async function liveHealth(context: AuthContext): Promise<ProfileHealth> {
  const health = computeHealth(context.profile, readMetadata(context.paths).metadata, context.clock.now());
  return withKeychainOf(context, health);
}

/** `health` with the keychain's state laid over it where it matters (a signed-in profile on the keychain). */
export async function withKeychainOf(context: AuthContext, health: ProfileHealth): Promise<ProfileHealth> {
  if (!health.account || context.profile.cacheBackend === 'plaintext') return health;
  return withKeychainState(health, await checkKeychain(context.profile, context.paths));
}

/**
 * The keychain's state as a read-only command needs it: asked quietly, with nothing that can prompt, and without
 * loading msal-node-extensions — keychain-state.ts's `checkKeychain` without `thorough`, for `delegate status`
 * (keychain-state.ts imports cache-persistence.ts for its write check, and with it msal-node-extensions, ~45 ms).
 */
import { secretServiceState, type KeychainState } from './secret-service-state.js';
import type { Profile } from '../../../shared/models/profile.js';

export { withKeychainState } from './keychain-locked.js';

export async function quietKeychainState(profile: Pick<Profile, 'cacheBackend'>): Promise<KeychainState> {
  if (profile.cacheBackend === 'plaintext') return { state: 'usable' };
  // DPAPI is bound to the Windows sign-in itself: it cannot be locked while this user's processes run.
  if (process.platform === 'win32') return { state: 'usable' };
  if (process.platform === 'linux') return secretServiceState();
  return { state: 'unknown' };
}

/**
 * Whether the OS keychain that holds a profile's sign-in can be used right now — a state of its own, apart from
 * the sign-in.
 *
 * A Secret Service collection locked after sign-in (screen lock, a keyring daemon restart) answers every lookup
 * with "nothing here", exactly like an entry that was removed, and refuses writes ("Cannot create an item in a
 * locked collection"). Read as a sign-in problem that used to mark the profile EXPIRED until someone probed. So
 * when the cache looks empty, or the keychain fails, Delegate asks the keychain itself before blaming the sign-in:
 * - Linux: the default collection's `Locked` property over D-Bus (`dbus-send`, in the `dbus` package every desktop
 *   has). Reading a property never shows an unlock prompt, so the app can ask every minute.
 * - Elsewhere, or without `dbus-send`: a throwaway entry is written, read back and deleted (verifyKeychain). That
 *   may show the system's unlock prompt, so it is only done where the sign-in is needed anyway (`thorough`).
 */
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { verifyKeychain } from './cache-persistence.js';
import { keychainLocked, unlockAdvice, withKeychainState } from './keychain-locked.js';
import { KEYRING_LOCKED, secretServiceState, type KeychainState } from './secret-service-state.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';

// Split out so the cached `delegate token` path can ask the Secret Service without loading msal-node-extensions.
export { keychainLocked, unlockAdvice, withKeychainState, secretServiceState, type KeychainState };

export interface KeychainCheckOptions {
  /** Allow the write-read-delete check where no quiet one exists (it may show an unlock prompt). */
  thorough?: boolean;
}

export async function checkKeychain(profile: Profile, paths: ProfilePaths, options: KeychainCheckOptions = {}): Promise<KeychainState> {
  if (profile.cacheBackend === 'plaintext') return { state: 'usable' };
  // DPAPI is bound to the Windows sign-in itself: it cannot be locked while this user's processes run.
  if (process.platform === 'win32') return { state: 'usable' };
  if (process.platform === 'linux') {
    const quiet = await secretServiceState();
    if (quiet.state !== 'unknown') return quiet;
  }
  if (!options.thorough) return { state: 'unknown' };
  try {
    await verifyKeychain(profile, paths);
    return { state: 'usable' };
  } catch (error) {
    const cause = error instanceof DelegateError ? (error.toData().detail ?? error.message) : String(error);
    return { state: 'locked', reason: cause };
  }
}

/**
 * verifyKeychain (a throwaway entry written, read and deleted) for a step about to store a sign-in. A keychain
 * that refuses because it is locked is `keychain-locked` (exit 5: unlock it and try again), not "unavailable"
 * (exit 1, with advice to give up on the keychain for a plaintext file).
 */
export async function verifyWritableKeychain(profile: Profile, paths: ProfilePaths): Promise<void> {
  try {
    await verifyKeychain(profile, paths);
  } catch (error) {
    // Only a keyring that says it is locked: one that is not there at all is "unavailable", with both fixes.
    if (isDelegateError(error) && error.code === 'keychain-unavailable') {
      const state = await checkKeychain(profile, paths).catch(() => null);
      if (state?.state === 'locked' && state.reason === KEYRING_LOCKED) throw new DelegateError(keychainLocked(profile, state.reason).toData(), { cause: error });
    }
    throw error;
  }
}

/**
 * Opens a profile's MSAL cache storage with msal-node-extensions: libsecret on Linux, Keychain on macOS,
 * DPAPI on Windows — or a 0600 plaintext file, but only when the profile says so.
 *
 * Unlike `PersistenceCreator.createPersistence({usePlaintextFileOnLinux: true})`, nothing here falls back to
 * plaintext silently: no keychain is an error that names both ways out.
 */
import {
  DataProtectionScope,
  FilePersistence,
  FilePersistenceWithDataProtection,
  KeychainPersistence,
  LibSecretPersistence,
  type IPersistence,
} from '@azure/msal-node-extensions';
import { DelegateError } from '../errors/delegate-error.js';
import { ensurePrivateDir } from '../home/delegate-home.js';
import { KEYCHAIN_SERVICE, keychainAccount } from './keychain-names.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';

export async function openCachePersistence(profile: Profile, paths: ProfilePaths): Promise<IPersistence> {
  ensurePrivateDir(paths.dir);
  if (profile.cacheBackend === 'plaintext') return FilePersistence.create(paths.cache);
  try {
    if (process.platform === 'win32') return await FilePersistenceWithDataProtection.create(paths.cache, DataProtectionScope.CurrentUser);
    if (process.platform === 'darwin') return await KeychainPersistence.create(paths.cache, KEYCHAIN_SERVICE, keychainAccount(profile));
    return await LibSecretPersistence.create(paths.cache, KEYCHAIN_SERVICE, keychainAccount(profile));
  } catch (error) {
    throw keychainUnavailable(profile, error);
  }
}

/** Proves the keychain works (write, read back, delete) before a sign-in is stored in it. */
export async function verifyKeychain(persistence: IPersistence, profile: Profile): Promise<void> {
  if (profile.cacheBackend === 'plaintext') return;
  try {
    if (!(await persistence.verifyPersistence())) throw new Error('the value written could not be read back');
  } catch (error) {
    throw keychainUnavailable(profile, error);
  }
}

export function isPersistenceError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PersistenceError';
}

export function keychainUnavailable(profile: Pick<Profile, 'name'>, error: unknown): DelegateError {
  const reason = error instanceof Error ? error.message : String(error);
  const keyring =
    process.platform === 'linux'
      ? 'start and unlock a Secret Service keyring (GNOME Keyring or KWallet; on a headless machine run inside `dbus-run-session` with `gnome-keyring-daemon --unlock --components=secrets`)'
      : process.platform === 'darwin'
        ? 'unlock your login keychain'
        : 'sign in to Windows with your own account so DPAPI can protect the cache';
  return new DelegateError(
    {
      code: 'keychain-unavailable',
      message: `The system keychain is not available, so Delegate will not store your sign-in (${reason}).`,
      action: `Either ${keyring} and try again, or choose to keep this profile's token cache in a plaintext file readable only by you: \`delegate profiles set ${profile.name} --plaintext-cache\`.`,
      detail: reason,
    },
    { cause: error },
  );
}

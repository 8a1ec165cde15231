/**
 * Opens a profile's MSAL cache storage with msal-node-extensions: libsecret on Linux, Keychain on macOS,
 * DPAPI on Windows — or a 0600 plaintext file, but only when the profile says so.
 *
 * Unlike `PersistenceCreator.createPersistence({usePlaintextFileOnLinux: true})`, nothing here falls back to
 * plaintext silently: no keychain is an error that names both ways out.
 */
import type { IPersistence } from '@azure/msal-node-extensions';
import { randomUUID } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { describeFileKind } from '../fs/file-kind.js';
import { join } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { ensurePrivateDir } from '../home/delegate-home.js';
import { msalExtensions } from './msal-extensions.js';
import { caeKeychainAccount, KEYCHAIN_SERVICE, keychainAccount } from './keychain-names.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';

export async function openCachePersistence(profile: Profile, paths: ProfilePaths): Promise<IPersistence> {
  ensurePrivateDir(paths.dir);
  if (profile.cacheBackend === 'plaintext') return msalExtensions().FilePersistence.create(refuseOddFile(paths.cache));
  try {
    return await openKeychainPersistence(paths.cache, keychainAccount(profile));
  } catch (error) {
    throw keychainUnavailable(profile, error);
  }
}

/**
 * The CAE access tokens' own storage (cae-partition.ts): its own keychain entry. In the keychain the file is only
 * msal-node-extensions' placeholder (`{}` plus an mtime), so the CAE entry shares the profile's — no new file in
 * the profile folder. Where the file holds the cache itself (plaintext, Windows' DPAPI) it has its own.
 */
export async function openCaeCachePersistence(profile: Profile, paths: ProfilePaths): Promise<IPersistence> {
  ensurePrivateDir(paths.dir);
  const file = caeCacheFile(profile, paths);
  if (profile.cacheBackend === 'plaintext') return msalExtensions().FilePersistence.create(refuseOddFile(file));
  try {
    return await openKeychainPersistence(file, caeKeychainAccount(profile));
  } catch (error) {
    throw keychainUnavailable(profile, error);
  }
}

/** The file behind the CAE partition, and whether it is its own (else the shared placeholder). */
export function caeCacheFile(profile: Pick<Profile, 'cacheBackend'>, paths: Pick<ProfilePaths, 'dir' | 'cache'>): string {
  const ownFile = profile.cacheBackend === 'plaintext' || process.platform === 'win32';
  return ownFile ? join(paths.dir, 'msal-cache.cae.json') : paths.cache;
}

function openKeychainPersistence(file: string, account: string): Promise<IPersistence> {
  const { DataProtectionScope, FilePersistenceWithDataProtection, KeychainPersistence, LibSecretPersistence } = msalExtensions();
  if (process.platform === 'win32') return FilePersistenceWithDataProtection.create(file, DataProtectionScope.CurrentUser);
  if (process.platform === 'darwin') return KeychainPersistence.create(file, KEYCHAIN_SERVICE, account);
  return LibSecretPersistence.create(file, KEYCHAIN_SERVICE, account);
}

/**
 * Proves the keychain works (write, read back, delete) before a sign-in is stored in it.
 *
 * Not msal-node-extensions' `verifyPersistence()`: that uses one fixed keychain entry for every process, so
 * two processes verifying at once delete each other's test value and one fails. This uses a unique entry.
 */
export async function verifyKeychain(profile: Profile, paths: ProfilePaths): Promise<void> {
  if (profile.cacheBackend === 'plaintext') return;
  const nonce = randomUUID();
  const file = join(paths.dir, `keychain-check-${nonce}.json`);
  try {
    const probe = await openKeychainPersistence(file, `keychain-check/${nonce}`);
    try {
      await probe.save(nonce);
      const readBack = await probe.load();
      if (readBack !== nonce) throw new Error('a value written to the keychain could not be read back');
    } finally {
      await probe.delete().catch(() => undefined);
    }
  } catch (error) {
    throw keychainUnavailable(profile, error);
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * A plaintext cache file's path, unless something other than a file is there: msal-node-extensions would read a
 * named pipe until a writer came (forever) and hold the process. Missing is fine: the first save creates it.
 */
function refuseOddFile(file: string): string {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return file;
  }
  if (stats.isFile()) return file;
  throw new DelegateError({
    code: 'file-access',
    message: `${file} is ${describeFileKind(stats)}, not a regular file: Delegate keeps this profile's plaintext token cache there.`,
    action: 'Move it out of the way and sign in again.',
  });
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

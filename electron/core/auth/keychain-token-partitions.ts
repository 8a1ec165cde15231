/**
 * What each token partition of a profile holds now, for `delegate status`: token-partitions.ts's answer without
 * loading msal-node-extensions (~45 ms of start-up, more than the whole status may take).
 *
 * Where the cache is in libsecret or the macOS Keychain, msal-node-extensions' persistence is a keytar read of the
 * entry, so both entries are read with keytar directly, at once. Anything else (a plaintext cache file, Windows'
 * DPAPI file) takes token-partitions.ts itself. Same answers: null when nobody is signed in or the keychain cannot
 * be read; never returns a token.
 */
import { createRequire } from 'node:module';
import { caeKeychainAccount, KEYCHAIN_SERVICE, keychainAccount } from './keychain-names.js';
import { partitionState, type TokenPartitions } from './partition-state.js';
import type { AuthContext } from './auth-context.js';
import type { ProfileMetadata } from './profile-metadata.js';
import type { Profile } from '../../../shared/models/profile.js';

export { describePartitions } from './partition-state.js';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
}

/** `account`: the signed-in account of the profile's metadata, as the caller has just read it. */
export async function readTokenPartitions(context: AuthContext, account: ProfileMetadata['account'], now: Date): Promise<TokenPartitions | null> {
  const { profile } = context;
  if (!account) return null;
  if (!readsWithKeytar(profile)) return (await import('./token-partitions.js')).readTokenPartitions(context, now);
  try {
    const keytar = loadKeychainReader();
    // In the keychain the CAE partition is an entry of its own beside the shared one (keychain-names.ts).
    const [shared, cae] = await Promise.all([keytar.getPassword(KEYCHAIN_SERVICE, keychainAccount(profile)), keytar.getPassword(KEYCHAIN_SERVICE, caeKeychainAccount(profile))]);
    return { jobs: partitionState(cae, account.homeAccountId, now), scripts: partitionState(shared, account.homeAccountId, now) };
  } catch {
    return null;
  }
}

/** Whether this module reads the profile's cache with keytar (libsecret, the macOS Keychain), not msal's files. */
export function readsWithKeytar(profile: Pick<Profile, 'cacheBackend'>): boolean {
  return profile.cacheBackend !== 'plaintext' && (process.platform === 'linux' || process.platform === 'darwin');
}

/**
 * keytar. Loading its native addon takes a few milliseconds, which a caller can spend while it waits for
 * something else (the keychain's Locked state); it throws when the addon cannot be loaded.
 */
export function loadKeychainReader(): Keytar {
  return createRequire(import.meta.url)('keytar') as Keytar;
}

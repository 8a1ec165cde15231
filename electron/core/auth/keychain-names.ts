/**
 * The names a profile's cache is stored under in the OS keychain.
 * Kept apart from cache-persistence.ts so the cached-token fast path can read them without loading msal.
 */
import type { Profile } from '../../../shared/models/profile.js';

export const KEYCHAIN_SERVICE = 'Delegate';

/** The keychain account: the profile's stable id, so edits of everything else never orphan the entry. */
export function keychainAccount(profile: Pick<Profile, 'id'>): string {
  return `msal-cache/${profile.id}`;
}

/**
 * The keychain account of the access tokens Delegate's own Graph calls use: CAE tokens (client capability cp1),
 * kept apart from the shared entry (account, refresh token, and the standard tokens handed to scripts), as Graph
 * PowerShell keeps `.cae` and `.nocae` caches. See cae-partition.ts.
 */
export function caeKeychainAccount(profile: Pick<Profile, 'id'>): string {
  return `${keychainAccount(profile)}/cae`;
}

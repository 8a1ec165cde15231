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

/**
 * Clearing a stale sign-in refusal after a token was served from the cache.
 *
 * A served token means the session is alive, so a refusal recorded in the metadata may be stale — but not every
 * one: after Entra ID refuses the refresh token, an access token issued before that refusal can still be served
 * from the cache for up to an hour, and the refusal is then still the truth. So a refusal is stale when
 * - Entra ID never said it (no AADSTS number: the cache looked empty or msal found no account — what a locked
 *   keychain used to look like), or
 * - the served token was cached after the refusal was recorded (someone signed in or refreshed since).
 * A refusal fetched from the network path is cleared by silent-token.ts itself (a refresh token was redeemed).
 */
import { updateMetadata } from './profile-metadata-writer.js';
import type { ProfileMetadata } from './profile-metadata.js';
import type { ProfilePaths } from '../config/profile-paths.js';

type Refusal = NonNullable<ProfileMetadata['lastAuthError']>;

export function isStaleRefusal(refusal: Refusal, tokenCachedAtMs: number | null): boolean {
  if (refusal.aadsts === undefined) return true;
  return tokenCachedAtMs !== null && tokenCachedAtMs > Date.parse(refusal.at);
}

/** When the served access token was written to the cache (msal's `cached_at`, in seconds), if it can be found. */
export function cachedAtOf(serializedCache: string, accessToken: string): number | null {
  try {
    const entries = (JSON.parse(serializedCache) as { AccessToken?: Record<string, { secret?: string; cached_at?: string | number }> }).AccessToken ?? {};
    const entry = Object.values(entries).find((candidate) => candidate.secret === accessToken);
    const seconds = Number(entry?.cached_at);
    return Number.isFinite(seconds) ? seconds * 1000 : null;
  } catch {
    return null;
  }
}

/** Clears `refusal` if it is stale, and only if it is still the one recorded (another process may have written a newer one). */
export async function clearStaleRefusal(paths: ProfilePaths, refusal: Refusal, serializedCache: string, accessToken: string): Promise<void> {
  if (!isStaleRefusal(refusal, cachedAtOf(serializedCache, accessToken))) return;
  await updateMetadata(paths, (current) => {
    if (current.lastAuthError && current.lastAuthError.at === refusal.at && current.lastAuthError.code === refusal.code) current.lastAuthError = null;
  });
}

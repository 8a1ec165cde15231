/**
 * The authority's metadata (its OpenID configuration, and the cloud's instance discovery where msal asks for it),
 * kept per profile between runs so a refresh sends one request — the token's — instead of two or three on fresh
 * TLS connections. msal-node keeps them only in memory, so every `delegate token` that refreshed fetched them
 * again (for a tenant ID or domain, a national or a custom cloud; msal knows the global `organizations` by heart).
 *
 * Not secret (public documents), but kept beside the profile's other files, 0600. Used only while it is sure to
 * fit: the same cloud and authority URL as the profile now has (an edited profile fetches afresh) and at most a
 * day old, as msal's own cache in the browser. silent-token.ts forgets it when a refresh fails without Entra
 * having answered at the token endpoint, since stale metadata may be why, and then retries once without it.
 */
import { rmSync } from 'node:fs';
import { readRegularFile } from '../fs/read-regular-file.js';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { authorityUrl } from './cloud-endpoints.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';

/** msal's own refresh time for cached authority metadata (AUTHORITY_METADATA_REFRESH_TIME_SECONDS). */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface AuthorityMetadata {
  /** The authority's `.well-known/openid-configuration`, as msal's `auth.authorityMetadata`. */
  authorityMetadata?: string;
  /** The instance discovery answer, as msal's `auth.cloudDiscoveryMetadata`. */
  cloudDiscoveryMetadata?: string;
}

interface StoredMetadata extends AuthorityMetadata {
  version: 1;
  /** What it was fetched for: the profile's cloud and authority URL then. */
  cloud: string;
  authority: string;
  fetchedAt: string;
}

export function authorityMetadataPath(paths: Pick<ProfilePaths, 'dir'>): string {
  return join(paths.dir, 'authority-metadata.json');
}

/** The kept metadata when it fits the profile as it is now and is fresh; undefined otherwise (msal fetches). */
export function readAuthorityMetadata(paths: Pick<ProfilePaths, 'dir'>, profile: Profile, now: Date): AuthorityMetadata | undefined {
  let stored: Partial<StoredMetadata>;
  try {
    stored = JSON.parse(readRegularFile(authorityMetadataPath(paths))) as Partial<StoredMetadata>;
  } catch {
    return undefined; // none yet, or unreadable (a named pipe is not waited on): msal fetches, and the next success writes it again
  }
  if (stored.version !== 1 || stored.cloud !== profile.cloud || stored.authority !== authorityUrl(profile)) return undefined;
  const age = now.getTime() - Date.parse(String(stored.fetchedAt));
  if (!(age >= 0 && age < MAX_AGE_MS)) return undefined;
  const metadata: AuthorityMetadata = {};
  if (isOpenIdConfiguration(stored.authorityMetadata)) metadata.authorityMetadata = stored.authorityMetadata;
  if (isJsonObject(stored.cloudDiscoveryMetadata)) metadata.cloudDiscoveryMetadata = stored.cloudDiscoveryMetadata;
  return metadata.authorityMetadata || metadata.cloudDiscoveryMetadata ? metadata : undefined;
}

/** Keeps what msal fetched in this run (NetworkClient.metadataSeen). Best effort: a refresh never fails for it. */
export function keepAuthorityMetadata(paths: Pick<ProfilePaths, 'dir'>, profile: Profile, seen: { authority?: string; cloudDiscovery?: string }, now: Date): void {
  if (!isOpenIdConfiguration(seen.authority) && !isJsonObject(seen.cloudDiscovery)) return;
  const stored: StoredMetadata = {
    version: 1,
    cloud: profile.cloud,
    authority: authorityUrl(profile),
    fetchedAt: now.toISOString(),
    ...(isOpenIdConfiguration(seen.authority) ? { authorityMetadata: seen.authority } : {}),
    ...(isJsonObject(seen.cloudDiscovery) ? { cloudDiscoveryMetadata: seen.cloudDiscovery } : {}),
  };
  try {
    writeFileAtomic(authorityMetadataPath(paths), `${JSON.stringify(stored, null, 2)}\n`);
  } catch {
    // a full disk or a read-only profile folder: the next run fetches again, as before
  }
}

export function forgetAuthorityMetadata(paths: Pick<ProfilePaths, 'dir'>): void {
  try {
    rmSync(authorityMetadataPath(paths), { force: true });
  } catch {
    // nothing to do: a file that cannot be removed is still checked for fit and age on every read
  }
}

/** What msal requires of `authorityMetadata` (its isOpenIdConfigResponse): else msal would throw on it. */
function isOpenIdConfiguration(text: unknown): text is string {
  if (!isJsonObject(text)) return false;
  const document = JSON.parse(text) as Record<string, unknown>;
  return ['token_endpoint', 'authorization_endpoint', 'issuer', 'jwks_uri'].every((key) => typeof document[key] === 'string');
}

function isJsonObject(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

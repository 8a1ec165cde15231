/**
 * What each token partition of a profile holds now, for `delegate status`: token-partitions.ts's answer without
 * loading msal-node-extensions (~45 ms of start-up, more than the whole status may take).
 *
 * Where the cache is in libsecret or the macOS Keychain, msal-node-extensions' persistence is a keytar read of the
 * entry, so both entries are read with keytar directly, at once. Anything else (a plaintext cache file, Windows'
 * DPAPI file) takes token-partitions.ts itself. Same answers: null when nobody is signed in or the keychain cannot
 * be read; never returns a token. Once token-partitions.ts reads this way too, it can re-export these.
 */
import { createRequire } from 'node:module';
import { caeKeychainAccount, KEYCHAIN_SERVICE, keychainAccount } from './keychain-names.js';
import { readTokenClaims } from './token-claims.js';
import type { AuthContext } from './auth-context.js';
import type { ProfileMetadata } from './profile-metadata.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { PartitionState, TokenPartitions } from './token-partitions.js';

interface CachedAccessToken {
  home_account_id?: string;
  credential_type?: string;
  secret?: string;
  expires_on?: string | number;
}

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
    return { jobs: describe(cae, account.homeAccountId, now), scripts: describe(shared, account.homeAccountId, now) };
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

function describe(serialized: string | null, homeAccountId: string, now: Date): PartitionState {
  let entries: CachedAccessToken[];
  try {
    entries = Object.values((JSON.parse(serialized ?? '{}') as { AccessToken?: Record<string, CachedAccessToken> }).AccessToken ?? {});
  } catch {
    entries = [];
  }
  const valid = entries
    .filter((entry) => entry.credential_type === 'AccessToken' && entry.home_account_id === homeAccountId && Number(entry.expires_on) * 1000 > now.getTime())
    .sort((a, b) => Number(b.expires_on) - Number(a.expires_on));
  const newest = valid[0];
  if (!newest) return { kind: 'none', capabilities: [], validUntil: null };
  const capabilities = (newest.secret ? readTokenClaims(newest.secret)?.capabilities : undefined) ?? [];
  return {
    kind: capabilities.some((capability) => capability.toLowerCase() === 'cp1') ? 'cae' : 'standard',
    capabilities,
    validUntil: new Date(Number(newest.expires_on) * 1000).toISOString(),
  };
}

/** One line for `delegate status`. */
export function describePartitions(partitions: TokenPartitions): string {
  const one = (state: PartitionState, none: string) => {
    if (state.kind === 'none') return none;
    const kind = state.kind === 'cae' ? `CAE (${state.capabilities.join(', ')})` : 'standard';
    return `${kind}, valid until ${new Date(state.validUntil ?? 0).toLocaleString()}`;
  };
  return `Tokens for Delegate's jobs: ${one(partitions.jobs, 'none cached yet (the next job gets a CAE one)')}; tokens for scripts: ${one(partitions.scripts, 'none cached (the next `delegate token` gets one)')}.`;
}

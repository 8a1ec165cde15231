/**
 * What each token partition of a profile holds now (cae-partition.ts): the access token Delegate's own jobs use
 * (CAE when Entra honoured cp1) and the one handed to scripts (standard), each with its expiry — read from the
 * tokens themselves, so the status says what Entra really issued. Never returns a token.
 */
import { existsSync } from 'node:fs';
import { caeCacheFile, openCachePersistence, openCaeCachePersistence } from './cache-persistence.js';
import { readMetadata } from './profile-metadata.js';
import { readTokenClaims } from './token-claims.js';
import type { AuthContext } from './auth-context.js';

export interface PartitionState {
  /** `cae` when the token carries xms_cc cp1; `standard` otherwise; `none` when no valid token is cached. */
  kind: 'cae' | 'standard' | 'none';
  capabilities: string[];
  /** The latest expiry among the partition's valid access tokens for the account. */
  validUntil: string | null;
}

export interface TokenPartitions {
  /** Delegate's own Graph calls (jobs, probes, the app): CAE partition. */
  jobs: PartitionState;
  /** `delegate token` and script jobs: standard partition. */
  scripts: PartitionState;
}

interface CachedAccessToken {
  home_account_id?: string;
  credential_type?: string;
  secret?: string;
  expires_on?: string | number;
}

/** Null when nobody is signed in or the keychain cannot be read (the status says so elsewhere). */
export async function readTokenPartitions(context: AuthContext, now: Date): Promise<TokenPartitions | null> {
  const account = readMetadata(context.paths).metadata.account;
  if (!account) return null;
  try {
    const shared = await (await openCachePersistence(context.profile, context.paths)).load();
    // Reading must not create the CAE partition's own file (plaintext, DPAPI) where none was written yet.
    const caeFile = caeCacheFile(context.profile, context.paths);
    const cae = caeFile !== context.paths.cache && !existsSync(caeFile) ? null : await (await openCaeCachePersistence(context.profile, context.paths)).load();
    return { jobs: describe(cae, account.homeAccountId, now), scripts: describe(shared, account.homeAccountId, now) };
  } catch {
    return null;
  }
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

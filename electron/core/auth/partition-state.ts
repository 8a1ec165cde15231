/**
 * One token partition's state from its serialized msal cache: the kind of the newest valid access token for the
 * account (CAE when it carries xms_cc cp1), its capabilities and expiry — and the status line describing both
 * partitions. Plain data only (no keychain, no msal), shared by token-partitions.ts and the lighter
 * keychain-token-partitions.ts that `delegate status` uses. Never returns a token.
 */
import { readTokenClaims } from './token-claims.js';

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

/** The partition's state from its serialized cache (null or unreadable: nothing cached). */
export function partitionState(serialized: string | null, homeAccountId: string, now: Date): PartitionState {
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

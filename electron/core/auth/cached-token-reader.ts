/**
 * The fast path of `delegate token`: serve a still-valid access token straight from the cache, without loading
 * msal-node (about 80 ms of start-up) or zod — a cached read needs only the config, the metadata and one keychain
 * read. bin/delegate.cjs loads it alone, as dist/cli/token.cjs (token-entry.ts), before any other part of the CLI.
 *
 * It mirrors msal-node's own cache lookup (same account, environment, tenant and client; every requested scope
 * in the token's target, OIDC scopes aside; not within msal's 5-minute renewal margin nor past `refresh_on`).
 * Whenever anything is unusual — no match, a damaged or half-written cache, DPAPI, any error — it returns null
 * and the caller takes the full msal path, which refreshes and reports errors properly. It never writes.
 * The one exception: a keychain that is locked or stopped answering (keychain-deadline.ts) is keychain-locked at
 * once, since the full path would only meet it again (and a hung keychain read would hold the process for 50 s).
 */
import { createRequire } from 'node:module';
import { profilePaths } from '../config/profile-paths.js';
import { readRegularFile } from '../fs/read-regular-file.js';
import { quickLoadConfig } from '../config/config-quick-load.js';
import { chooseProfile } from '../config/profile-choice.js';
import { qualifyForCloud, resourceDefaultScope } from './cloud-endpoints.js';
import { KEYCHAIN_SERVICE, keychainAccount } from './keychain-names.js';
import { quickReadAccount } from './metadata-quick-read.js';
import { ensureKeychainAnswers, KeychainUnusable, withKeychainDeadline } from './keychain-deadline.js';
import { keychainLocked } from './keychain-locked.js';
import type { Profile } from '../../../shared/models/profile.js';

/** msal-node's default `tokenRenewalOffsetSeconds`: a token this close to expiry is refreshed. */
const RENEWAL_OFFSET_S = 300;
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

export interface CachedTokenRequest {
  profileName?: string;
  scopes?: readonly string[];
  resource?: string;
}

interface CachedAccessToken {
  home_account_id?: string;
  environment?: string;
  credential_type?: string;
  client_id?: string;
  secret?: string;
  realm?: string;
  target?: string;
  expires_on?: string | number;
  refresh_on?: string | number;
  token_type?: string;
}

/**
 * The profile's serialized MSAL cache as this read found it in the keychain, for the refresh that may follow in the
 * same process (cache-plugin.ts serves it to msal's first lookup instead of reading the keychain again).
 */
export interface KeychainCacheRead {
  /** The keychain entry it came from: used only by a profile whose entry this is. */
  account: string;
  serialized: string;
}

export async function readCachedAccessToken(home: string, request: CachedTokenRequest, nowMs: number, onKeychainRead?: (read: KeychainCacheRead) => void): Promise<string | null> {
  let profileName = request.profileName ?? '';
  try {
    // Without zod (~40 ms): config.json and meta.json read by hand, and only when certainly valid; anything the
    // schemas would have to judge (or report, or keep aside as damaged) is the full path's.
    const config = quickLoadConfig(home);
    if (!config) return null;
    const { profile, persisted } = chooseProfile(config, request.profileName);
    profileName = profile.name;
    if (!persisted) return null;
    const paths = profilePaths(home, profile.name);
    // Null also for a recorded refusal: the full path decides, and clears it when it proves stale (silent-token.ts).
    const account = quickReadAccount(paths);
    if (!account) return null;
    const serialized = await loadSerializedCache(profile, paths.cache);
    if (!serialized) return null;
    const accessTokens = (JSON.parse(serialized) as { AccessToken?: Record<string, CachedAccessToken> }).AccessToken ?? {};
    // Only a cache that reads as JSON is handed on; anything odd is the full path's to read and judge.
    if (profile.cacheBackend === 'keychain') onKeychainRead?.({ account: keychainAccount(profile), serialized });
    const wanted = searchScopes(request.resource ? [resourceDefaultScope(request.resource)] : qualifyForCloud(profile, request.scopes?.length ? request.scopes : profile.scopes));
    const nowS = nowMs / 1000;
    const matches = Object.values(accessTokens).filter(
      (token) =>
        token.credential_type === 'AccessToken' &&
        token.home_account_id === account.homeAccountId &&
        token.environment === account.environment &&
        token.client_id?.toLowerCase() === profile.clientId.toLowerCase() &&
        token.realm === account.tenantId &&
        (token.token_type === undefined || token.token_type.toLowerCase() === 'bearer') &&
        containsAll(token.target ?? '', wanted),
    );
    // msal treats several matches as ambiguous and refreshes; so do we (by declining).
    if (matches.length !== 1) return null;
    const [token] = matches;
    if (!token?.secret) return null;
    if (Number(token.expires_on) - RENEWAL_OFFSET_S <= nowS) return null;
    if (token.refresh_on !== undefined && Number(token.refresh_on) <= nowS) return null;
    return token.secret;
  } catch (error) {
    // A locked or hung keychain would only stop the full path the same way: say so now.
    if (error instanceof KeychainUnusable) throw keychainLocked({ name: profileName }, error.message);
    return null;
  }
}

async function loadSerializedCache(profile: Profile, cacheFile: string): Promise<string | null> {
  if (profile.cacheBackend === 'plaintext') return readRegularFile(cacheFile);
  // libsecret and the macOS Keychain are both read through keytar (as msal-node-extensions does);
  // Windows' DPAPI file needs msal-node-extensions' addon, so it takes the full path.
  if (process.platform !== 'linux' && process.platform !== 'darwin') return null;
  // The Secret Service is asked first (a keytar read it cannot answer would hold the process), in a child process
  // that runs while keytar and libsecret load here: the question costs next to no time of its own.
  const answers = ensureKeychainAnswers();
  answers.catch(() => undefined); // awaited below; not unhandled if loading keytar throws first
  const require = createRequire(import.meta.url);
  const keytar = require('keytar') as { getPassword(service: string, account: string): Promise<string | null> };
  await answers;
  return withKeychainDeadline(keytar.getPassword(KEYCHAIN_SERVICE, keychainAccount(profile)));
}

function searchScopes(scopes: readonly string[]): string[] {
  const lower = scopes.map((scope) => scope.toLowerCase());
  const withoutOidc = lower.filter((scope) => !OIDC_SCOPES.has(scope));
  return withoutOidc.length > 0 ? withoutOidc : lower.filter((scope) => scope !== 'offline_access');
}

function containsAll(target: string, wanted: readonly string[]): boolean {
  const have = new Set(target.toLowerCase().split(' ').filter(Boolean));
  return wanted.every((scope) => have.has(scope));
}

/**
 * `delegate import --msal-cache`: moves a sign-in from another program's plaintext MSAL cache into the profile's
 * keychain entry.
 *
 * Order, so that a failure at any step leaves the keychain as it was:
 * 1. read and validate the file, pick the profile's entries (client ID, sign-in host, tenant, account) — or refuse;
 * 2. refuse another account over an existing sign-in; prove the keychain can be written;
 * 3. redeem the file's refresh token in memory (redeem-refresh-token.ts) — the proof that it works;
 * 4. store msal-node's entries in one write, record the sign-in in the profile's metadata;
 * 5. serve a token through Delegate's own path (keychain → msal → token) — on failure, undo 4;
 * 6. only then, with `--remove-source`, overwrite and delete the file.
 *
 * What is reported never holds token material: names, IDs, scopes, times and flags.
 */
import { resolve } from 'node:path';
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { checkKeychain, keychainLocked } from '../auth/keychain-state.js';
import { verifyKeychain } from '../auth/cache-persistence.js';
import { computeHealth } from '../auth/health.js';
import { readMetadata, type ProfileMetadata } from '../auth/profile-metadata.js';
import { updateMetadata } from '../auth/profile-metadata-writer.js';
import { acquireTokenSilently } from '../auth/silent-token.js';
import { grantedInToken, recordTokenScopes } from '../auth/token-scopes.js';
import { parseMsalCacheFile } from './msal-cache-file.js';
import { readCacheFile } from './read-cache-file.js';
import { redeemRefreshToken } from './redeem-refresh-token.js';
import { checkRemovable, removeSourceFile, type SourceRemoval } from './remove-source-file.js';
import { selectImport } from './select-entries.js';
import { storeImportedCache, type StoreMode } from './store-imported-cache.js';
import type { AuthContext } from '../auth/auth-context.js';

/** The sign-in's own OpenID scopes, which say nothing about what the token may do. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

export interface ImportOptions {
  path: string;
  /** UPN or home account ID, when the file holds several accounts. */
  account?: string;
  removeSource?: boolean;
  /** Called once the sign-in is stored and proven, before the source is touched (e.g. to save a new profile). */
  onImported?: () => Promise<void>;
}

export interface ImportReport {
  profile: string;
  source: string;
  account: { username: string; tenantId: string; homeAccountId: string };
  /** The profile was already signed in as this account: the imported tokens joined its cache. */
  merged: boolean;
  refreshTokenPresent: true;
  /** A family refresh token (FOCI): other apps of Microsoft's family could redeem it too. */
  familyRefreshToken: boolean;
  /** When the file's refresh token was issued, if the file says; `refreshTokenIssuedAtSource` says how it knows. */
  refreshTokenIssuedAt: string | null;
  refreshTokenIssuedAtSource: 'refresh-token' | 'access-token' | null;
  /** The scopes the file's tokens were acquired for (msal's `target`). */
  scopesInFile: string[];
  /** The scopes of the token Entra issued from the imported refresh token just now. */
  grantedScopes: string[];
  /** That token's `scp`: what it really carries. */
  tokenScopes: string[] | null;
  /** The countdown from now: the refresh token was just redeemed, which restarts Entra's inactivity window. */
  daysRemaining: number | null;
  expiresAt: string | null;
  /** Null when not asked to remove it. */
  sourceRemoval: SourceRemoval | null;
  /** The file's permissions let other users read it (e.g. 0644): its refresh token may have been copied. */
  sourceReadableByOthers: boolean;
  /** Where the sign-in is stored now. */
  cacheBackend: 'keychain' | 'plaintext';
}

export async function importMsalCache(context: AuthContext, options: ImportOptions): Promise<ImportReport> {
  const { profile, paths } = context;
  // Absolute, so the messages, the report and the profile's record name the file wherever they are read.
  const read = readCacheFile(resolve(options.path));
  if (options.removeSource) checkRemovable(read);
  const file = parseMsalCacheFile(read.contents, read.path);
  const candidate = selectImport(file, profile, { path: read.path, ...(options.account !== undefined ? { account: options.account } : {}) });

  const before = readMetadata(paths).metadata;
  const mode = storeMode(context, before, candidate.username, candidate.homeAccountId);
  await asLockedWhenLocked(context, () => verifyKeychain(profile, paths));

  const redeemed = await redeemRefreshToken(context, candidate, read.path);
  const account = redeemed.result.account;
  const undo = await asLockedWhenLocked(context, () => storeImportedCache(context, redeemed.cache, mode));
  const now = context.clock.now().toISOString();
  try {
    await updateMetadata(paths, (metadata) => {
      metadata.account = { username: account.username, tenantId: account.tenantId, homeAccountId: account.homeAccountId, environment: account.environment };
      metadata.grantedScopes = redeemed.result.scopes;
      if (mode === 'replace') {
        // When the person last signed in interactively is not in the file: unknown, not invented.
        metadata.lastInteractiveAuth = null;
        metadata.signInFlow = null;
        metadata.tokenScopes = null;
        metadata.refusedScopes = null;
      }
      metadata.lastSilentAuth = now;
      metadata.lastAuthError = null;
      metadata.lastProbe = null;
      metadata.imported = { at: now, source: read.path, refreshTokenIssuedAt: candidate.refreshToken.issuedAt };
    });
    // Delegate's own path, from the keychain: what `delegate token` and every job will do next.
    await acquireTokenSilently(context, {});
    await recordTokenScopes(context, redeemed.result.accessToken);
    await options.onImported?.();
  } catch (error) {
    await rollBack(context, undo, before, error);
  }

  const health = computeHealth(profile, readMetadata(paths).metadata, context.clock.now());
  const report: ImportReport = {
    profile: profile.name,
    source: read.path,
    account: { username: account.username, tenantId: account.tenantId, homeAccountId: account.homeAccountId },
    merged: mode === 'merge',
    refreshTokenPresent: true,
    familyRefreshToken: candidate.refreshToken.familyId !== null || Boolean(redeemed.result.familyId),
    refreshTokenIssuedAt: candidate.refreshToken.issuedAt,
    refreshTokenIssuedAtSource: candidate.refreshToken.issuedAtSource,
    scopesInFile: candidate.scopesInFile.filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase())),
    grantedScopes: redeemed.result.scopes,
    tokenScopes: grantedInToken(redeemed.result.accessToken),
    daysRemaining: health.daysRemaining,
    expiresAt: health.expiresAt,
    sourceRemoval: null,
    // Windows reports 0o666 for any writable file: its ACLs, not these bits, decide there.
    sourceReadableByOthers: process.platform !== 'win32' && (read.identity.mode & 0o044) !== 0,
    cacheBackend: profile.cacheBackend,
  };
  if (options.removeSource) report.sourceRemoval = removeSourceFile(read);
  return report;
}

/**
 * A keychain that refuses a write because it is locked is `keychain-locked` (exit 5: unlock and run again), not
 * "unavailable" (exit 1, with advice to give up on the keychain for a plaintext file). Nothing was written then.
 */
async function asLockedWhenLocked<T>(context: AuthContext, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (isDelegateError(error) && error.code === 'keychain-unavailable') {
      const state = await checkKeychain(context.profile, context.paths);
      if (state.state === 'locked') {
        const locked = keychainLocked(context.profile, state.reason);
        throw new DelegateError({ ...locked.toData(), message: `Nothing was imported: ${locked.message}`, action: `${locked.action} Then run the import again.` }, { cause: error });
      }
    }
    throw error;
  }
}

/** Same account: merge. Signed out: replace. Someone else signed in: refuse before anything is sent. */
function storeMode(context: AuthContext, metadata: ProfileMetadata, username: string, homeAccountId: string): StoreMode {
  const current = metadata.account;
  if (!current) return 'replace';
  if (current.homeAccountId.toLowerCase() === homeAccountId.toLowerCase()) return 'merge';
  throw new DelegateError({
    code: 'invalid-input',
    message: `Nothing was imported: profile "${context.profile.name}" is signed in as ${current.username}, and the file holds the sign-in of ${username}. A profile holds one account.`,
    action: `Import into another profile (\`delegate profiles add NAME …\`, then \`--profile NAME\`), or sign ${current.username} out first: \`delegate logout --profile ${context.profile.name}\`.`,
  });
}

async function rollBack(context: AuthContext, undo: () => Promise<void>, before: ProfileMetadata, cause: unknown): Promise<never> {
  let restored = true;
  try {
    await undo();
    await updateMetadata(context.paths, (metadata) => Object.assign(metadata, structuredClone(before)));
  } catch {
    restored = false;
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  const code = cause instanceof DelegateError ? cause.code : 'unexpected';
  throw new DelegateError(
    {
      code,
      message: restored
        ? `The imported sign-in was stored, but Delegate could not use it afterwards (${reason}), so it was taken out again: the profile is as it was before.`
        : `The imported sign-in was stored, but Delegate could not use it afterwards (${reason}), and putting the previous state back failed too.`,
      action: restored ? (cause instanceof DelegateError ? cause.action : 'Try again; if it keeps happening, report it with this message.') : `Check the keychain, then sign out and in again: \`delegate logout --profile ${context.profile.name}\` and \`delegate login --profile ${context.profile.name}\`.`,
    },
    { cause },
  );
}

/**
 * Silent token acquisition — the only kind a script, a scheduled job or `delegate token` ever gets. It never
 * starts an interactive flow: when a person is needed it fails fast with "sign-in required" and records why,
 * so the app can tell the person.
 */
import type { AccountInfo, AuthenticationResult } from '@azure/msal-node';
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { qualifyForCloud, resourceDefaultScope } from './cloud-endpoints.js';
import { mapAuthError } from './error-mapping.js';
import { createMsalApp, type MsalContext } from './msal-app.js';
import { forgetAuthorityMetadata, keepAuthorityMetadata, readAuthorityMetadata, type AuthorityMetadata } from './authority-metadata.js';
import { readMetadata, type ProfileMetadata } from './profile-metadata.js';
import { updateMetadata } from './profile-metadata-writer.js';
import { checkResource } from './resource-check.js';
import { checkScopes } from './scope-check.js';
import { checkKeychain, keychainLocked } from './keychain-state.js';
import { clearStaleRefusal } from './stale-refusal.js';
import { answerBehind } from './entra-answer.js';
import { removeRefreshTokens } from './refresh-token-removal.js';
import { realReason, refusalRecord } from './session-refusal.js';
import type { AuthContext } from './auth-context.js';
import { findRefusedScopes, recordRefusal, refreshProbe, refusedScopesError, withoutRefused } from './scope-refusal.js';
import { recordTokenScopes } from './token-scopes.js';
import { keychainAccount } from './keychain-names.js';
import type { KeychainCacheRead } from './cached-token-reader.js';
import { refusesOnlyTheStepUp } from './step-up-claims.js';

export interface TokenRequest {
  /** Graph permission names; default: the profile's scope set. */
  scopes?: readonly string[];
  /** Another resource, e.g. https://contoso.sharepoint.com: a `.default` token for it. */
  resource?: string;
  /** Redeem the refresh token even if a cached access token is still valid (the probe does this). */
  forceRefresh?: boolean;
  /**
   * `cae`: for Delegate's own Graph calls — a CAE token (cp1) from the CAE partition. `standard` (default): a
   * token that can be handed to a script, which cannot answer claims challenges (cae-partition.ts).
   */
  partition?: 'cae' | 'standard';
  /** A claims challenge's decoded JSON (CAE): redeems the refresh token for a token carrying these claims. */
  claims?: string;
  /**
   * The keychain entry as this process read it a moment ago (`delegate token`'s fast path): msal's first cache
   * lookup is served from it instead of a second read (cache-plugin.ts). Ignored unless it is this profile's entry.
   */
  keychainRead?: KeychainCacheRead;
}

export interface IssuedToken {
  accessToken: string;
  expiresOn: string | null;
  scopes: string[];
  /** False when the refresh token was redeemed at Entra ID for this token. */
  fromCache: boolean;
}

export function requestedScopes(context: AuthContext, request: TokenRequest): string[] {
  if (request.resource) return [resourceDefaultScope(checkResource(request.resource))];
  const scopes = request.scopes && request.scopes.length > 0 ? request.scopes : context.profile.scopes;
  return qualifyForCloud(context.profile, checkScopes(scopes));
}

export async function acquireTokenSilently(context: AuthContext, request: TokenRequest = {}): Promise<IssuedToken> {
  const { metadata } = readMetadata(context.paths);
  // The profile's own set, less what Microsoft refused to this client ID (asking for it again fails everything).
  const requested = requestedScopes(context, request);
  const scopes = request.resource || (request.scopes && request.scopes.length > 0) ? requested : withoutRefused(context.profile, metadata, requested);
  if (!metadata.account) throw signedOut(context);
  const account = metadata.account;
  const kept = readAuthorityMetadata(context.paths, context.profile, context.clock.now());
  const preloaded = usableKeychainRead(context, request);
  try {
    return await acquireOnce(context, request, { ...metadata, account }, scopes, kept, preloaded);
  } catch (error) {
    if (!(error instanceof StaleMetadataSuspected)) throw error;
    // The kept authority metadata may be what failed (forgotten already): once more, with msal fetching it.
    return acquireOnce(context, request, { ...metadata, account }, scopes, undefined, undefined);
  }
}

/** A refresh that failed on kept authority metadata before Entra answered at the token endpoint. */
class StaleMetadataSuspected extends Error {}

/** The keychain read handed over, when it is this profile's standard partition in the keychain. */
function usableKeychainRead(context: AuthContext, request: TokenRequest): string | undefined {
  const read = request.keychainRead;
  if (!read || request.partition === 'cae' || context.profile.cacheBackend !== 'keychain') return undefined;
  return read.account === keychainAccount(context.profile) ? read.serialized : undefined;
}

async function acquireOnce(context: AuthContext, request: TokenRequest, metadata: ProfileMetadata & { account: NonNullable<ProfileMetadata['account']> }, scopes: string[], kept: AuthorityMetadata | undefined, preloaded: string | undefined): Promise<IssuedToken> {
  const msal = await createMsalApp(context.profile, context.paths, { cae: request.partition === 'cae', ...(kept ? { metadata: kept } : {}), ...(preloaded !== undefined ? { preloaded } : {}) }).catch((error: unknown) => {
    throw isDelegateError(error) && error.code === 'keychain-unavailable' ? keychainLocked(context.profile, error.toData().detail ?? error.message) : error;
  });
  try {
    const issued = await acquireWith(context, request, msal, metadata, scopes);
    // msal accepted what it fetched (it checks the issuer of fetched metadata only): keep it for the next run.
    keepAuthorityMetadata(context.paths, context.profile, msal.network.metadataSeen, context.clock.now());
    return issued;
  } catch (error) {
    if (kept && !msal.network.tokenEndpointAnswered && !(isDelegateError(error) && error.code.startsWith('keychain'))) {
      forgetAuthorityMetadata(context.paths);
      // A network failure is not retried (a dead network would only double the wait); the next run fetches afresh.
      if (!msal.network.lastFailure) throw new StaleMetadataSuspected('retry without the kept authority metadata', { cause: error });
    }
    throw error;
  } finally {
    // Each call has its own app and transport: their kept-alive connections (and proxy tunnels) end with it,
    // or a daemon would hold one more open connection per refresh.
    msal.network.close();
  }
}

async function acquireWith(context: AuthContext, request: TokenRequest, msal: MsalContext, metadata: ProfileMetadata & { account: NonNullable<ProfileMetadata['account']> }, scopes: string[]): Promise<IssuedToken> {
  const { app, network, cachePlugin } = msal;
  let signedInAccount: AccountInfo | null = null;
  let result: AuthenticationResult;
  const silentRequest = { scopes, forceRefresh: request.forceRefresh ?? false, ...(request.claims !== undefined ? { claims: request.claims } : {}) };
  try {
    // The account as meta.json records it: msal finds its tokens by these ids, so a refresh costs no separate
    // account lookup (one more locked keychain read). Only when msal finds nothing is the cache asked who is there.
    signedInAccount = recordedAccount(metadata.account);
    try {
      result = await app.acquireTokenSilent({ account: signedInAccount, ...silentRequest });
    } catch (error) {
      if (!foundNoTokens(error)) throw error;
      const account: AccountInfo | null = await app.getTokenCache().getAccountByHomeId(metadata.account.homeAccountId);
      if (!account) {
        // A locked keychain reads as an empty cache: ask the keychain before blaming the sign-in.
        const keychain = await checkKeychain(context.profile, context.paths, { thorough: true });
        if (keychain.state === 'locked') throw keychainLocked(context.profile, keychain.reason);
        throw new DelegateError({
          code: 'sign-in-required',
          message: `The sign-in of ${metadata.account.username} is no longer in the token cache (was the keychain entry removed?).`,
          action: `Sign in again: \`delegate login --profile ${context.profile.name}\`.`,
        });
      }
      // The account is there: ask again with msal's own record of it, so whatever msal says next is its answer.
      signedInAccount = account;
      result = await app.acquireTokenSilent({ account, ...silentRequest });
    }
  } catch (error) {
    const entraAnswer = network.answers.last;
    const reason = realReason(mapAuthError(error, { profile: context.profile, scopes, networkFailure: network.lastFailure, entraAnswer }), metadata);
    let mapped = reason.error;
    // The keychain failing under an existing sign-in (locked, daemon restarting or gone) is its own state.
    if (mapped.code === 'keychain-unavailable') mapped = keychainLocked(context.profile, mapped.toData().detail ?? mapped.message);
    if (mapped.code === 'keychain-locked') throw mapped;
    if (mapped.code === 'scope-not-preauthorized' && signedInAccount && !request.resource) {
      // Microsoft changed the client's pre-authorisation: find which scopes, remember them, and say so by name.
      const refused = await findRefusedScopes(scopes, refreshProbe(context, app, signedInAccount));
      if (refused.length > 0) await recordRefusal(context, refused);
      throw refusedScopesError(context.profile, refused, { atSignIn: false });
    }
    // A refusal recorded before (realReason) stays as it was, with its own time and Entra answer. A refused step-up
    // (an authentication context asked for by a claims challenge) ends that request, not the session.
    if (endsTheSession(mapped) && !reason.recorded && !refusesOnlyTheStepUp(request.claims, mapped)) {
      const failed = mapped;
      const answer = answerBehind(error as { errorCode?: string }, entraAnswer);
      await updateMetadata(context.paths, (current) => {
        current.lastAuthError = refusalRecord(context.clock.now().toISOString(), failed, answer);
      });
      // Entra asks for the refresh token of a policy-blocked session to be deleted; redeeming it again is pointless.
      // If the keychain fails here, the refusal is recorded all the same and the next refresh (refused again) retries.
      if (failed.code === 'blocked-by-policy') await removeRefreshTokens(app, cachePlugin, metadata.account.homeAccountId).catch(() => 0);
    }
    throw mapped;
  }
  if (!result.fromCache && !request.resource) await recordTokenScopes(context, result.accessToken);
  if (!result.fromCache) {
    await updateMetadata(context.paths, (current) => {
      current.lastSilentAuth = context.clock.now().toISOString();
      current.lastAuthError = null;
    });
  } else if (metadata.lastAuthError) {
    // Only when there is something to clear: a cached token costs no metadata write otherwise.
    await clearStaleRefusal(context.paths, metadata.lastAuthError, app.getTokenCache().serialize(), result.accessToken);
  }
  return { accessToken: result.accessToken, expiresOn: result.expiresOn?.toISOString() ?? null, scopes: result.scopes, fromCache: result.fromCache };
}

/**
 * True when the refresh token itself is dead or blocked — not when one scope lacks consent (65001) or is not
 * pre-authorised (65002): those are about the request, and the rest of the profile still works.
 */
/** msal's AccountInfo for the account meta.json records (its ids are what msal's cache lookups match on). */
function recordedAccount(account: NonNullable<ProfileMetadata['account']>): AccountInfo {
  return { homeAccountId: account.homeAccountId, environment: account.environment, tenantId: account.tenantId, username: account.username, localAccountId: account.homeAccountId.split('.')[0] ?? '' };
}

/** msal found no token for the account (none cached for it, or no such account in the cache). */
function foundNoTokens(error: unknown): boolean {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return code === 'no_tokens_found' || code === 'no_account_found';
}

export function endsTheSession(error: DelegateError): boolean {
  if (error.code === 'blocked-by-policy') return true;
  return error.code === 'sign-in-required' && error.aadsts !== 65001;
}

export function signedOut(context: AuthContext): DelegateError {
  return new DelegateError({
    code: 'signed-out',
    message: `Nobody is signed in on profile "${context.profile.name}".`,
    action: `Sign in first: \`delegate login --profile ${context.profile.name}\`.`,
  });
}

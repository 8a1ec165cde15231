/**
 * The scope side of an interactive sign-in: what to ask for, how a sign-in that may drop refused scopes goes,
 * and naming the refused scopes when Entra answers AADSTS65002.
 *
 * Dropping refused scopes (`--drop-unapproved-scopes`, the sign-in dialog's checkbox) with a pre-authorisation
 * client (Office, Azure CLI) signs in with the basic OpenID scopes only, then asks for the profile's scopes with the
 * new refresh token: what the client is pre-authorised for comes silently (no consent exists for such a client),
 * the rest fails with 65002 and is found scope by scope (scope-refusal.ts). This order matters: asked for in the
 * device code flow, a refused scope makes real Entra show AADSTS65002 in the person's browser while the app's poll
 * just waits until the code expires, so the app would never learn what happened.
 */
import type { EntraAnswer } from './entra-answer.js';
import type { AccountInfo, AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { DelegateError } from '../errors/delegate-error.js';
import { qualifyForCloud } from './cloud-endpoints.js';
import { mapAuthError } from './error-mapping.js';
import { readMetadata } from './profile-metadata.js';
import { checkScopes } from './scope-check.js';
import { findRefusedScopes, permissionName, recordRefusal, refreshProbe, refusedScopesError, withoutRefused, clientAdvice } from './scope-refusal.js';
import type { AuthContext } from './auth-context.js';
import { isPreauthorizationGated } from '../../../shared/preauthorized-scopes.js';

/** The basic scopes every sign-in may ask for: they are never refused. */
const BASIC_SCOPES = ['openid', 'profile', 'offline_access'];

export interface SignInScopes {
  /** What the profile wants (its scopes, less what was refused to this client ID unless the search is redone). */
  wanted: string[];
  /** What the interactive step asks for. */
  interactive: string[];
  /** True when the profile's scopes are acquired after the interactive step, refused ones dropped. */
  dropping: boolean;
}

export function signInScopes(context: AuthContext, dropUnapproved: boolean): SignInScopes {
  const configured = qualifyForCloud(context.profile, checkScopes(context.profile.scopes));
  if (dropUnapproved) {
    // A fresh search: Microsoft may have approved what it refused before.
    const dropping = isPreauthorizationGated(context.profile.clientId);
    return { wanted: configured, interactive: dropping ? BASIC_SCOPES : configured, dropping };
  }
  const wanted = withoutRefused(context.profile, readMetadata(context.paths).metadata, configured);
  return { wanted, interactive: wanted, dropping: false };
}

/**
 * After a basic sign-in: the profile's scopes from the new refresh token, refused ones found, recorded and dropped.
 * Fails when Microsoft refuses every one of them: a profile with no Graph permission cannot run anything.
 */
export async function acquireWithoutRefused(
  context: AuthContext,
  app: PublicClientApplication,
  account: AccountInfo,
  wanted: readonly string[],
): Promise<{ result: AuthenticationResult; refused: string[] }> {
  const refused = await findRefusedScopes(wanted, refreshProbe(context, app, account));
  await recordRefusal(context, refused, 'replace');
  const accepted = wanted.filter((scope) => !refused.includes(scope));
  if (accepted.length === 0) {
    const names = refused.map(permissionName);
    throw new DelegateError({
      code: 'scope-not-preauthorized',
      message: `Microsoft refuses every scope profile "${context.profile.name}" asks for to client ID ${context.profile.clientId.toLowerCase()} (AADSTS65002): ${names.join(', ')}. Signing in without them would leave nothing to run.`,
      action: `Choose a client ID Microsoft lets ask for them.${clientAdvice(context.profile, names) || ` Set it with \`delegate profiles set ${context.profile.name} --client-id ...\`, then sign in again.`}`,
      aadsts: 65002,
      detail: `refused: ${names.join(' ')}`,
    });
  }
  try {
    const result = await app.acquireTokenSilent({ account, scopes: accepted, forceRefresh: true });
    return { result, refused };
  } catch (error) {
    throw mapAuthError(error, { profile: context.profile, scopes: accepted });
  }
}

/**
 * The error for a failed interactive sign-in. A 65002 names the refused scopes when a signed-in account of the
 * profile can still ask Entra scope by scope (a sign-in again on a working profile); otherwise it says Entra did
 * not name them and gives the command that finds them.
 */
export async function signInFailure(
  context: AuthContext,
  app: PublicClientApplication,
  error: unknown,
  scopes: readonly string[],
  options: { networkFailure?: DelegateError | undefined; entraAnswer?: EntraAnswer | undefined; browser: boolean },
): Promise<DelegateError> {
  // Delegate's own verdicts (the refused scopes already named) stand as they are.
  if (error instanceof DelegateError) return error;
  const mapped = mapAuthError(error, { profile: context.profile, scopes, networkFailure: options.networkFailure, entraAnswer: options.entraAnswer });
  if (mapped.code !== 'scope-not-preauthorized') return mapped;
  let refused: string[] | null = null;
  try {
    const homeId = readMetadata(context.paths).metadata.account?.homeAccountId;
    const account = homeId ? await app.getTokenCache().getAccountByHomeId(homeId) : null;
    if (account) {
      refused = await findRefusedScopes(scopes, refreshProbe(context, app, account));
      if (refused.length > 0) await recordRefusal(context, refused);
    }
  } catch {
    refused = null; // the old sign-in cannot tell (expired, revoked): the message says Entra did not name them
  }
  return refusedScopesError(context.profile, refused && refused.length > 0 ? refused : null, { atSignIn: true, browser: options.browser });
}

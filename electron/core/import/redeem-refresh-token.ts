/**
 * Proves an imported refresh token before anything is stored: redeems it at the profile's authority in an msal-node
 * app whose cache lives only in this process, and hands back that cache — msal-node's own entries for the account,
 * the rotated refresh token, a fresh access token and the ID token — ready to be stored.
 *
 * `acquireTokenByRefreshToken` is msal-node's API for moving a refresh token from another cache. Letting msal-node
 * write the entries, instead of translating the file's, means the keychain holds exactly what msal-node looks for:
 * msal Python keys the same cloud under other names (the host without its port, `organizations` as the realm).
 * A refusal (revoked, expired, another tenant's authority) leaves the keychain as it was: nothing was written yet.
 */
import type { AuthenticationResult } from '@azure/msal-node';
import { DelegateError } from '../errors/delegate-error.js';
import { mapAuthError } from '../auth/error-mapping.js';
import { createMsalApp } from '../auth/msal-app.js';
import { readMetadata } from '../auth/profile-metadata.js';
import { withoutRefused } from '../auth/scope-refusal.js';
import { requestedScopes } from '../auth/silent-token.js';
import type { AuthContext } from '../auth/auth-context.js';
import type { ImportCandidate } from './select-entries.js';

export interface RedeemedSignIn {
  /** msal-node's serialised cache holding only the imported account's new tokens. */
  cache: string;
  result: AuthenticationResult & { account: NonNullable<AuthenticationResult['account']> };
}

export async function redeemRefreshToken(context: AuthContext, candidate: ImportCandidate, source: string): Promise<RedeemedSignIn> {
  // The scopes `delegate token` will ask for, so the proof is the one that matters.
  const scopes = withoutRefused(context.profile, readMetadata(context.paths).metadata, requestedScopes(context, {}));
  const { app, network } = await createMsalApp(context.profile, context.paths, { memoryOnly: true });
  let result: AuthenticationResult | null;
  try {
    // forceCache: msal otherwise keeps the tokens only for an account already in its cache, and this one is new.
    result = await app.acquireTokenByRefreshToken({ refreshToken: candidate.refreshToken.secret, scopes, forceCache: true });
  } catch (error) {
    const mapped = mapAuthError(error, { profile: context.profile, scopes, networkFailure: network.lastFailure, entraAnswer: network.answers.last });
    throw new DelegateError(
      { ...mapped.toData(), message: `The refresh token of ${candidate.username} in ${source} did not work, so nothing was imported and the keychain is unchanged: ${mapped.message}`, action: mapped.code === 'network' ? `${mapped.action} Then run the import again.` : mapped.action },
      { cause: error },
    );
  } finally {
    network.close();
  }
  if (!result?.account) {
    throw new DelegateError({ code: 'auth-failed', message: `Entra ID redeemed the refresh token of ${candidate.username} from ${source} but returned no account, so nothing was imported.`, action: `Sign in with Delegate instead: \`delegate login --profile ${context.profile.name}\`.` });
  }
  if (result.account.homeAccountId.toLowerCase() !== candidate.homeAccountId.toLowerCase()) {
    // The file's account entries and its refresh token disagree: a hand-edited or merged file. Trust neither.
    throw new DelegateError({
      code: 'invalid-input',
      message: `The refresh token filed under ${candidate.username} in ${source} belongs to another account (${result.account.username}), so nothing was imported.`,
      action: `The file is inconsistent: sign in with Delegate instead (\`delegate login --profile ${context.profile.name}\`).`,
    });
  }
  return { cache: app.getTokenCache().serialize(), result: { ...result, account: result.account } };
}

/**
 * The part of `delegate token` that loads msal: a silent refresh, with the mapped errors.
 */
import { systemClock } from '../../core/clock.js';
import { authContext } from '../../core/auth/auth-context.js';
import { acquireTokenSilently } from '../../core/auth/silent-token.js';
import { resolveProfile } from '../../core/config/profile-resolver.js';
import { signedOut } from '../../core/auth/silent-token.js';
import type { KeychainCacheRead } from '../../core/auth/cached-token-reader.js';

export async function acquireForCli(home: string, request: { profileName?: string; scopes?: readonly string[]; resource?: string }, keychainRead?: KeychainCacheRead) {
  const { profile, persisted } = resolveProfile(home, request.profileName);
  const context = authContext(home, systemClock, profile);
  if (!persisted) throw signedOut(context);
  const issued = await acquireTokenSilently(context, {
    ...(request.scopes ? { scopes: request.scopes } : {}),
    ...(request.resource ? { resource: request.resource } : {}),
    ...(keychainRead ? { keychainRead } : {}),
  });
  return { profile: profile.name, accessToken: issued.accessToken, expiresOn: issued.expiresOn, scopes: issued.scopes };
}

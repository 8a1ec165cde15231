/**
 * Keeps what the last Graph access token really carried (`scp`), so status, jobs and doctor show the granted set
 * rather than the set asked for. The token is read (token-claims.ts), never stored or logged.
 */
import { readTokenClaims } from './token-claims.js';
import { updateMetadata } from './profile-metadata-writer.js';
import { readMetadata } from './profile-metadata.js';
import type { AuthContext } from './auth-context.js';

const OIDC = new Set(['openid', 'profile', 'email', 'offline_access']);

/** The permission names in a Graph token's `scp`, without the OpenID ones; null when the token is not a JWT. */
export function grantedInToken(accessToken: string): string[] | null {
  const claims = readTokenClaims(accessToken);
  if (!claims) return null;
  return claims.scopes.filter((scope) => !OIDC.has(scope.toLowerCase()));
}

/** Records the `scp` of a freshly issued Graph token (not a cached one: nothing changed then). */
export async function recordTokenScopes(context: AuthContext, accessToken: string): Promise<void> {
  const scopes = grantedInToken(accessToken);
  if (!scopes) return;
  const previous = readMetadata(context.paths).metadata.tokenScopes;
  if (previous && sameSet(previous.scopes, scopes)) return;
  await updateMetadata(context.paths, (metadata) => {
    metadata.tokenScopes = { scopes, at: context.clock.now().toISOString() };
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

/**
 * What an issued access token really carries, read from its payload: the granted scopes (`scp`), the audience,
 * the client capabilities Entra saw (`xms_cc`, e.g. CP1 for CAE) and the expiry.
 *
 * Read, never verified: Delegate only reports what Entra issued (the signature is Graph's business), and a token
 * that is not a JWT (some resources issue opaque tokens) gives null instead of an error. The token itself is
 * never returned or logged.
 */
export interface TokenClaims {
  /** Delegated scopes, as Entra wrote them in `scp` (space-separated there). */
  scopes: string[];
  audience: string | null;
  /** `xms_cc` client capabilities; `['CP1']` means the token is a CAE token. */
  capabilities: string[];
  /** `exp`, as an ISO date; null when absent. */
  expiresAt: string | null;
  /** `appid` (v1) or `azp` (v2): the client the token was issued to. */
  clientId: string | null;
}

export function readTokenClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    claims = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
  const list = (value: unknown): string[] => {
    if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
    return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
  };
  return {
    scopes: list(claims.scp),
    audience: text(claims.aud),
    capabilities: list(claims.xms_cc),
    expiresAt: typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? new Date(claims.exp * 1000).toISOString() : null,
    clientId: text(claims.appid) ?? text(claims.azp),
  };
}

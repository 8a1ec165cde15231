/**
 * Reads a Continuous Access Evaluation claims challenge from a 401's `WWW-Authenticate` header.
 *
 * Graph sends `Bearer realm="", authorization_uri="…", client_id="00000003-…", error="insufficient_claims",
 * claims="<base64 JSON>"` (authorization_uri is sometimes unquoted in real captures). The claims are what the
 * client must ask Entra ID for, e.g. `{"access_token":{"nbf":{"essential":true, "value":"1657834417"}}}`.
 * A challenge whose claims cannot be decoded is `unreadable`: sending garbage to Entra ID helps nobody.
 */

export type ClaimsChallenge =
  | { kind: 'none' }
  | { kind: 'claims'; claims: string }
  | { kind: 'unreadable'; reason: string };

/** Base64 claims from Graph are a few hundred bytes; anything far larger is not a claims request. */
const MAX_CLAIMS_LENGTH = 16_384;

export function readClaimsChallenge(header: string | undefined): ClaimsChallenge {
  if (!header) return { kind: 'none' };
  const parameters = authParameters(header);
  if (parameters.get('error')?.toLowerCase() !== 'insufficient_claims') return { kind: 'none' };
  const encoded = parameters.get('claims');
  if (encoded === undefined || encoded === '') return { kind: 'unreadable', reason: 'it names no claims' };
  if (encoded.length > MAX_CLAIMS_LENGTH) return { kind: 'unreadable', reason: 'its claims are too long' };
  // Standard base64 as Graph sends it; base64url tolerated. Node's decoder skips bad characters, so check first.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) return { kind: 'unreadable', reason: 'its claims are not base64' };
  const text = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'its claims are not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'unreadable', reason: 'its claims are not a JSON object' };
  return { kind: 'claims', claims: text };
}

/** `name="value"` and `name=value` pairs of the (first) challenge, names lower-cased. */
function authParameters(header: string): Map<string, string> {
  const parameters = new Map<string, string>();
  const pattern = /([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const match of header.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    if (parameters.has(name)) continue;
    parameters.set(name, match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? ''));
  }
  return parameters;
}

import { findUserByOid, type DirectoryUser } from '../directory/directory.js';
import type { EmulatorContext } from '../emulator-context.js';
import { headerValue, type EmulatorRequest } from '../http/emulator-request.js';
import { isGraph } from '../scopes/resources.js';
import { decodeJwt, hasValidSignature } from '../tokens/jwt.js';
import { CLOCK_SKEW_SECONDS } from '../tokens/token-minting.js';
import { graphErrors, type GraphErrorSpec } from './graph-error.js';

/**
 * How Graph judges a bearer token: signed by the tenant's key, meant for Graph, inside its lifetime
 * by the emulator clock, and naming a user. Messages are Graph's own.
 */

export interface GraphCaller {
  readonly user: DirectoryUser;
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
  /** `xms_cc`, lower-cased: `cp1` marks a CAE token, which Graph may challenge (cae/cae-challenge.ts). */
  readonly capabilities: readonly string[];
  /** When Entra minted the token (its `iat` is back-dated by the clock-skew allowance). */
  readonly issuedAt: Date;
}

export type AccessTokenCheck = { readonly ok: true; readonly caller: GraphCaller } | { readonly ok: false; readonly error: GraphErrorSpec };

export function checkGraphAccessToken(request: EmulatorRequest, context: EmulatorContext): AccessTokenCheck {
  const fail = (message: string): AccessTokenCheck => ({ ok: false, error: graphErrors.unauthenticated(context, message) });
  const authorization = headerValue(request.headers, 'authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) return fail('Access token is empty.');
  const decoded = decodeJwt(match[1]);
  if (!decoded) return fail('IDX14100: JWT is not well formed, there are no dots (.).');
  if (!hasValidSignature(decoded, context.signingKey.publicKey)) return fail('Access token validation failure.');
  const { claims } = decoded;
  if (typeof claims.aud !== 'string' || !isGraph(claims.aud)) return fail('Access token validation failure. Invalid audience.');
  const nowSeconds = context.clock.now().getTime() / 1000;
  if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) return fail('Lifetime validation failed, the token is expired.');
  if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf) return fail('Access token has expired or is not yet valid.');
  const user = typeof claims.oid === 'string' ? findUserByOid(claims.oid) : undefined;
  if (!user) return fail('Access token validation failure.');
  const scopes = new Set(typeof claims.scp === 'string' ? claims.scp.split(' ').filter((scope) => scope.length > 0) : []);
  const capabilities = Array.isArray(claims.xms_cc) ? claims.xms_cc.filter((value): value is string => typeof value === 'string').map((value) => value.toLowerCase()) : [];
  const issuedAt = new Date(((typeof claims.iat === 'number' ? claims.iat : 0) + CLOCK_SKEW_SECONDS) * 1000);
  return { ok: true, caller: { user, clientId: typeof claims.appid === 'string' ? claims.appid : '', scopes, capabilities, issuedAt } };
}

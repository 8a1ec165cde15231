import { createHash, randomInt } from 'node:crypto';
import type { DirectoryUser } from '../directory/directory.js';
import { clientDisplayName, TENANT_ID } from '../directory/directory.js';
import { base64Url, randomBase64Url } from '../ids.js';
import { signJwt } from './jwt.js';
import type { SigningKey } from './signing-key.js';

/**
 * The tokens themselves, shaped like Entra's.
 *
 * Access tokens are v1.0 tokens (Graph and SharePoint still get those): `iss` is sts.windows.net,
 * `aud` the resource URL, and the header carries the `nonce` that makes Graph tokens unverifiable by
 * anyone but Graph. ID tokens are v2.0 with `aud` = the client ID.
 */

const SECONDS = 1000;
// Entra back-dates iat/nbf by five minutes to absorb clock skew.
export const CLOCK_SKEW_SECONDS = 300;

export interface AccessTokenInput {
  readonly user: DirectoryUser;
  readonly clientId: string;
  readonly audience: string;
  readonly scopes: readonly string[];
  readonly now: Date;
  readonly lifetimeSeconds: number;
  readonly authTime: Date;
  /** `xms_cc`: the client capabilities Entra honoured (`['cp1']` for a CAE token). */
  readonly capabilities?: readonly string[];
}

export interface MintedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Entra gives access tokens a lifetime between 60 and 90 minutes; clients must not assume 3600. */
export function accessTokenLifetimeSeconds(): number {
  return randomInt(3599, 5400);
}

export function mintAccessToken(input: AccessTokenInput, key: SigningKey): MintedToken {
  const issuedAt = Math.floor(input.now.getTime() / SECONDS);
  const expiresAt = issuedAt + input.lifetimeSeconds;
  const claims = {
    aud: input.audience,
    iss: `https://sts.windows.net/${TENANT_ID}/`,
    iat: issuedAt - CLOCK_SKEW_SECONDS,
    nbf: issuedAt - CLOCK_SKEW_SECONDS,
    exp: expiresAt,
    acct: 0,
    acr: '1',
    aio: randomBase64Url(48),
    amr: ['pwd', 'mfa'],
    app_displayname: clientDisplayName(input.clientId),
    appid: input.clientId,
    appidacr: '0',
    auth_time: Math.floor(input.authTime.getTime() / SECONDS),
    family_name: input.user.surname,
    given_name: input.user.givenName,
    idtyp: 'user',
    ipaddr: '127.0.0.1',
    name: input.user.displayName,
    oid: input.user.oid,
    rh: `1.A${randomBase64Url(40)}.`,
    scp: input.scopes.join(' '),
    sid: sessionId(input.user.oid, input.authTime),
    sub: pairwiseSubject(input.user.oid, input.clientId),
    tenant_region_scope: 'NA',
    tid: TENANT_ID,
    unique_name: input.user.upn,
    upn: input.user.upn,
    uti: randomBase64Url(16),
    ver: '1.0',
    ...(input.capabilities ? { xms_cc: [...input.capabilities] } : {}),
  };
  const header = { typ: 'JWT', nonce: randomBase64Url(32), alg: 'RS256', x5t: key.kid, kid: key.kid };
  return { token: signJwt(header, claims, key.privateKey), expiresAt: new Date(expiresAt * SECONDS) };
}

export interface IdTokenInput {
  readonly user: DirectoryUser;
  readonly clientId: string;
  readonly issuer: string;
  readonly now: Date;
  readonly authTime: Date;
  readonly nonce: string | undefined;
}

export function mintIdToken(input: IdTokenInput, key: SigningKey): MintedToken {
  const issuedAt = Math.floor(input.now.getTime() / SECONDS);
  const expiresAt = issuedAt + 3600;
  const claims = {
    aud: input.clientId,
    iss: input.issuer,
    iat: issuedAt - CLOCK_SKEW_SECONDS,
    nbf: issuedAt - CLOCK_SKEW_SECONDS,
    exp: expiresAt,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    name: input.user.displayName,
    oid: input.user.oid,
    preferred_username: input.user.upn,
    rh: `1.A${randomBase64Url(40)}.`,
    sid: sessionId(input.user.oid, input.authTime),
    sub: pairwiseSubject(input.user.oid, input.clientId),
    tid: TENANT_ID,
    uti: randomBase64Url(16),
    ver: '2.0',
  };
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid };
  return { token: signJwt(header, claims, key.privateKey), expiresAt: new Date(expiresAt * SECONDS) };
}

/** MSAL builds the account's home ID from this: base64url JSON `{uid, utid}`. */
export function clientInfo(user: DirectoryUser): string {
  return base64Url(JSON.stringify({ uid: user.oid, utid: TENANT_ID }));
}

/** Entra's refresh tokens are opaque; real ones start with `1.A` and run to several hundred characters. */
export function newRefreshTokenValue(): string {
  return `1.AXkA${randomBase64Url(270)}`;
}

export function newDeviceCodeValue(): string {
  return `DAQABIQEAAAB${randomBase64Url(180)}`;
}

export function newAuthorizationCodeValue(): string {
  return `1.AXkA${randomBase64Url(200)}`;
}

/** `sub` is pairwise: the same user has a different subject in every app. */
function pairwiseSubject(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid}|${clientId.toLowerCase()}`).digest('base64url').slice(0, 43);
}

function sessionId(oid: string, authTime: Date): string {
  const digest = createHash('sha256').update(`${oid}|${authTime.toISOString()}`).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}


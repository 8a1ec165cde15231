import { sign, verify, type KeyObject } from 'node:crypto';

/** Compact JWS with RS256: just what Entra's tokens use. */

export type JwtClaims = Record<string, unknown>;

export function signJwt(header: JwtClaims, claims: JwtClaims, privateKey: KeyObject): string {
  const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

export interface DecodedJwt {
  readonly header: JwtClaims;
  readonly claims: JwtClaims;
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** Splits and parses a JWT without judging it; undefined when it is not a well-formed compact JWS. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    const claims: unknown = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
    if (!isRecord(header) || !isRecord(claims)) return undefined;
    return { header, claims, signingInput: `${headerPart}.${claimsPart}`, signature: Buffer.from(signaturePart, 'base64url') };
  } catch {
    return undefined;
  }
}

export function hasValidSignature(decoded: DecodedJwt, publicKey: KeyObject): boolean {
  return decoded.header.alg === 'RS256' && verify('sha256', Buffer.from(decoded.signingInput), publicKey, decoded.signature);
}

function encodeSegment(value: JwtClaims): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function isRecord(value: unknown): value is JwtClaims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

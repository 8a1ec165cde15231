/**
 * The broker's per-run secret: made fresh for each run, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: what the child gets as IDENTITY_HEADER and sends back as X-IDENTITY-HEADER. */
export function newBrokerSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `presented` is the secret. Both are hashed first: timingSafeEqual needs equal lengths, and comparing
 * digests keeps the secret's length out of the timing too.
 */
export function secretMatches(secret: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(secret), digest(presented));
}

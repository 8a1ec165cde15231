import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Identifiers and opaque strings shaped like the ones Entra ID hands out. */

export function newGuid(): string {
  return randomUUID();
}

export function base64Url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function randomBase64Url(byteLength: number): string {
  return randomBytes(byteLength).toString('base64url');
}

export function sha256Base64Url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

// Entra's user codes are nine characters; letters and digits that cannot be misread are enough here.
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newUserCode(): string {
  const bytes = randomBytes(9);
  return Array.from(bytes, (byte) => USER_CODE_ALPHABET[byte % USER_CODE_ALPHABET.length]).join('');
}

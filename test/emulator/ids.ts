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

/** A GUID derived from a key, so seeded objects keep their IDs across runs and resets. */
export function deterministicGuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  // Shaped like a version-4 GUID so GUID validators accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function keyedBytes(key: string | undefined, length: number): Buffer {
  if (key === undefined) return randomBytes(length);
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * 64 < length; counter += 1) blocks.push(createHash('sha512').update(`${key}#${counter}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/**
 * An Exchange item or folder ID: long, base64 with `-` and `_`, often ending in `=`, so clients
 * must treat it as opaque and encode it in URLs.
 */
export function outlookId(key?: string): string {
  return `AAMkAGI2${keyedBytes(key, 96).toString('base64url')}AAA=`;
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A OneDrive for Business / SharePoint item ID: `01` and 32 base-32 characters. */
export function driveItemId(key?: string): string {
  return `01${Array.from(keyedBytes(key, 32), (byte) => BASE32_ALPHABET[byte % 32]).join('')}`;
}

/** A SharePoint drive ID: `b!` and 64 base64url characters (site and list IDs, encoded). */
export function driveId(key: string): string {
  return `b!${keyedBytes(key, 48).toString('base64url')}`;
}

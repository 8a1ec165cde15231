import { describe, expect, it } from 'vitest';
import { QuickXorHash } from '../content/quick-xor-hash.js';
import { seededBuffer, seededBytes } from '../content/seeded-bytes.js';

// Vectors from rclone's OneDrive backend (backend/onedrive/quickxorhash/quickxorhash_test.go), which
// checks its implementation against OneDrive itself.
const RCLONE_VECTORS: ReadonlyArray<readonly [input: string, hash: string]> = [
  ['', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ['Sg==', 'SgAAAAAAAAAAAAAAAQAAAAAAAAA='],
  ['tbQ=', 'taAFAAAAAAAAAAAAAgAAAAAAAAA='],
  ['0pZP', '0rDEEwAAAAAAAAAAAwAAAAAAAAA='],
  ['jRRDVA==', 'jaDAEKgAAAAAAAAABAAAAAAAAAA='],
  ['luBZlaT6', 'lgBHFipBCn0AAAAABgAAAAAAAAA='],
  ['/aNzzCFPS/A=', '/RjFHJgRgicsAR4ACAAAAAAAAAA='],
  [Buffer.from('hello world').toString('base64'), 'aCgDG9jwBhDc4Q1yawMZAAAAAAA='],
];

describe('QuickXorHash', () => {
  it('matches the published test vectors', () => {
    for (const [input, hash] of RCLONE_VECTORS) expect(new QuickXorHash().update(Buffer.from(input, 'base64')).digest()).toBe(hash);
  });

  it('gives the same digest however the input is split', () => {
    const data = seededBuffer('split', 100_003);
    const whole = new QuickXorHash().update(data).digest();
    const pieces = new QuickXorHash();
    for (let offset = 0; offset < data.length; offset += 333) pieces.update(data.subarray(offset, offset + 333));
    expect(pieces.digest()).toBe(whole);
  });
});

describe('seeded bytes', () => {
  it('streams the same bytes as the buffer form, chunk after chunk', async () => {
    const size = 2 * 1024 * 1024 + 5;
    const chunks: Buffer[] = [];
    for await (const chunk of seededBytes('same', size)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(seededBuffer('same', size))).toBe(true);
    expect(seededBuffer('other', 64).equals(seededBuffer('same', 64))).toBe(false);
  });
});

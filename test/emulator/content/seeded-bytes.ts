import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * Deterministic pseudo-random bytes: the same seed and size always give the same content, made
 * on the fly in 1 MiB chunks so a 1 GiB seeded file never sits in memory.
 *
 * The generator is xorshift128 (Marsaglia 2003) seeded from SHA-256 of the seed's text, writing
 * each 32-bit output little-endian. Tests outside the emulator can rebuild the same bytes with
 * `seededBytes(seed, size)` to compare a download byte for byte.
 */

const CHUNK_BYTES = 1024 * 1024;

export type ByteSeed = string | number;

/** The generator behind `seededBytes`; `next` continues where the last call stopped. */
export class SeededByteGenerator {
  private x: number;
  private y: number;
  private z: number;
  private w: number;

  constructor(seed: ByteSeed) {
    const digest = createHash('sha256').update(String(seed)).digest();
    // xorshift128 must not start from all zeros; SHA-256 output never is, but keep the guard explicit.
    this.x = digest.readUInt32LE(0) || 1;
    this.y = digest.readUInt32LE(4);
    this.z = digest.readUInt32LE(8);
    this.w = digest.readUInt32LE(12);
  }

  next(length: number): Buffer {
    const words = new Uint32Array(Math.ceil(length / 4));
    let { x, y, z, w } = this;
    for (let index = 0; index < words.length; index += 1) {
      const t = x ^ (x << 11);
      x = y;
      y = z;
      z = w;
      w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
      words[index] = w;
    }
    this.x = x;
    this.y = y;
    this.z = z;
    this.w = w;
    // Uint32Array is host-endian; every platform Node supports for this project is little-endian.
    return Buffer.from(words.buffer, 0, length);
  }
}

export function seededBytes(seed: ByteSeed, size: number): Readable {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`seeded bytes: size must be a whole number of bytes, got ${size}`);
  const generator = new SeededByteGenerator(seed);
  let remaining = size;
  return new Readable({
    read() {
      if (remaining === 0) {
        this.push(null);
        return;
      }
      const length = Math.min(CHUNK_BYTES, remaining);
      remaining -= length;
      this.push(generator.next(length));
    },
  });
}

/** Small seeded content (mail attachments) as one buffer. */
export function seededBuffer(seed: ByteSeed, size: number): Buffer {
  return new SeededByteGenerator(seed).next(size);
}

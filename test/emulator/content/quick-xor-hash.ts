/**
 * QuickXorHash, the only hash OneDrive for Business and SharePoint report in `file.hashes`.
 *
 * Microsoft's algorithm (OneDrive API docs, "Code Snippets: QuickXorHash Algorithm"): byte i is
 * XORed into a 160-bit block at bit offset i×11 (mod 160, wrapping), and the 64-bit little-endian
 * length is XORed into the last 8 bytes. Because 11 and 160 are coprime, every byte at the same
 * position modulo 160 lands at the same offset, and XOR is linear: folding the input into 160
 * accumulator bytes first gives the same result and keeps the hot loop to one XOR per byte, which
 * matters for 1 GiB files.
 */

const WIDTH_IN_BYTES = 20;
const WIDTH_IN_BITS = 160;
const SHIFT = 11;

export class QuickXorHash {
  private readonly folded = new Uint8Array(WIDTH_IN_BITS);
  private length = 0;

  update(data: Uint8Array): this {
    const folded = this.folded;
    let position = this.length % WIDTH_IN_BITS;
    for (let index = 0; index < data.length; index += 1) {
      folded[position] = (folded[position] ?? 0) ^ (data[index] ?? 0);
      position += 1;
      if (position === WIDTH_IN_BITS) position = 0;
    }
    this.length += data.length;
    return this;
  }

  /** An independent copy, so an upload session can roll back a fragment that failed halfway. */
  copy(): QuickXorHash {
    const clone = new QuickXorHash();
    clone.folded.set(this.folded);
    clone.length = this.length;
    return clone;
  }

  /** The 20-byte digest, base64 as Graph reports it. */
  digest(): string {
    const block = new Uint8Array(WIDTH_IN_BYTES);
    for (let position = 0; position < WIDTH_IN_BITS; position += 1) {
      const value = this.folded[position] ?? 0;
      if (value === 0) continue;
      const bitOffset = (position * SHIFT) % WIDTH_IN_BITS;
      const byteIndex = bitOffset >> 3;
      const bitInByte = bitOffset & 7;
      block[byteIndex] = (block[byteIndex] ?? 0) ^ ((value << bitInByte) & 0xff);
      if (bitInByte > 0) {
        const next = (byteIndex + 1) % WIDTH_IN_BYTES;
        block[next] = (block[next] ?? 0) ^ (value >> (8 - bitInByte));
      }
    }
    const lengthBytes = Buffer.alloc(8);
    lengthBytes.writeBigUInt64LE(BigInt(this.length));
    for (let index = 0; index < 8; index += 1) {
      const target = WIDTH_IN_BYTES - 8 + index;
      block[target] = (block[target] ?? 0) ^ (lengthBytes[index] ?? 0);
    }
    return Buffer.from(block).toString('base64');
  }
}

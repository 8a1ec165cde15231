import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newGuid } from '../ids.js';
import { QuickXorHash } from './quick-xor-hash.js';

/**
 * File content on disk, in the emulator's temporary folder: drive files and upload-session parts
 * stream in and out of here, so a 1 GiB file costs disk, not memory. Each blob is written once,
 * hashed (SHA-256 for the control API, QuickXorHash for Graph) on the way in.
 */

export interface StoredBlob {
  readonly path: string;
  readonly size: number;
  /** Hex, for the control API. */
  readonly sha256: string;
  /** Base64, as Graph reports it in `file.hashes.quickXorHash`. */
  readonly quickXorHash: string;
}

/** The body held more or fewer bytes than announced (or allowed). */
export class ContentLengthError extends Error {
  constructor(
    readonly kind: 'too-long' | 'too-short',
    readonly received: number,
  ) {
    super(kind === 'too-long' ? 'content: more bytes than allowed' : `content: only ${received} bytes arrived`);
  }
}

interface Hashers {
  sha256: Hash;
  quickXor: QuickXorHash;
}

function newHashers(): Hashers {
  return { sha256: createHash('sha256'), quickXor: new QuickXorHash() };
}

/**
 * Counts and hashes bytes on their way to disk. Past `limit` it stops writing but keeps reading
 * to the end before failing: destroying a request that is still arriving would drop the
 * connection, and the client should get an error response instead.
 */
function meter(limit: number, hashers: Hashers, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counted.bytes += chunk.length;
      if (counted.bytes > limit) {
        callback();
        return;
      }
      hashers.sha256.update(chunk);
      hashers.quickXor.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      callback(counted.bytes > limit ? new ContentLengthError('too-long', counted.bytes) : null);
    },
  });
}

export class BlobStore {
  constructor(private readonly directory: string) {}

  async prepare(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
  }

  /** Streams `source` into a new blob; rejects (leaving nothing behind) past `maxBytes` or on a broken stream. */
  async write(source: Readable, maxBytes = Number.MAX_SAFE_INTEGER): Promise<StoredBlob> {
    const path = join(this.directory, newGuid());
    const hashers = newHashers();
    const counted = { bytes: 0 };
    try {
      await pipeline(source, meter(maxBytes, hashers, counted), createWriteStream(path));
    } catch (error) {
      await this.remove(path);
      throw error;
    }
    return { path, size: counted.bytes, sha256: hashers.sha256.digest('hex'), quickXorHash: hashers.quickXor.digest() };
  }

  async createPartial(): Promise<PartialBlob> {
    const path = join(this.directory, `${newGuid()}.part`);
    await writeFile(path, '');
    return new PartialBlob(path);
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  /** Removes every blob: used by reset, when no drive item refers to them any more. */
  async clear(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
    await this.prepare();
  }
}

/**
 * A file filled one fragment at a time (an upload session). A fragment either arrives whole or is
 * forgotten: Graph ignores every byte of a fragment whose request broke off.
 */
export class PartialBlob {
  private hashers = newHashers();
  received = 0;

  constructor(readonly path: string) {}

  async append(source: Readable, length: number): Promise<void> {
    const before = { sha256: this.hashers.sha256.copy(), quickXor: this.hashers.quickXor.copy() };
    const counted = { bytes: 0 };
    try {
      await pipeline(source, meter(length, this.hashers, counted), createWriteStream(this.path, { flags: 'r+', start: this.received }));
      if (counted.bytes < length) throw new ContentLengthError('too-short', counted.bytes);
    } catch (error) {
      this.hashers = before;
      await truncate(this.path, this.received);
      throw error;
    }
    this.received += length;
  }

  /** The finished blob; the partial must not be appended to afterwards. */
  finish(): StoredBlob {
    return { path: this.path, size: this.received, sha256: this.hashers.sha256.digest('hex'), quickXorHash: this.hashers.quickXor.digest() };
  }
}

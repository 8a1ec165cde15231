/**
 * Downloads a OneDrive/SharePoint file to a local path: streamed, atomic, optionally skipped when unchanged.
 *
 * - Graph answers `GET …/content` with 302 to a pre-authenticated URL on another host; that hop goes without
 *   the Authorization header (graph-exchange.ts drops it on every redirect).
 * - The body streams into `<destination>.partial` with backpressure (SHA-256 computed on the way), so memory
 *   stays flat whatever the size; then flush (fsync), rename over the destination, fsync the folder. Readers
 *   see the old file or the new one, never half; a failed or cancelled transfer removes the partial file.
 * - A broken connection or silence longer than the timeout restarts the transfer (GET is idempotent) within
 *   the attempt limit; resuming with Range is not worth it for the sizes jobs move.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DelegateError } from '../errors/delegate-error.js';
import { describeOsError, isOsError } from '../errors/os-error.js';
import type { DriveItem } from './drive-item.js';
import { itemPath, itemSubPath } from './drive-item-path.js';
import { downloadRecordPath, isUnchanged, readDownloadRecord, recordFor, writeDownloadRecord } from './download-state.js';
import type { GraphContext } from './graph-context.js';
import { ConnectionFailure } from '../net/connection-failure.js';
import type { IncomingResponse } from '../net/http-transport.js';
import { readJson } from './response-body.js';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Skip the transfer when the item's content tag and the local file are as the last download left them. */
  skipIfUnchanged?: boolean;
}

export interface DownloadResult {
  bytes: number;
  skipped: boolean;
  eTag?: string;
  /** SHA-256 of the local file (hex), for the run summary and for checks by the caller. */
  sha256: string;
}

/** Fields the download needs; `@microsoft.graph.downloadUrl` is left out on purpose (it is a credential). */
const ITEM_FIELDS = 'id,name,size,eTag,cTag,file,folder';
/** Fewer, larger writes than the 16 KiB default; still a bounded buffer. */
const WRITE_BUFFER_BYTES = 1024 * 1024;

export async function downloadFile(context: GraphContext, path: string, destination: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const target = resolve(destination);
  const signal = options.signal;
  const metadataUrl = context.url(itemPath(path), { $select: ITEM_FIELDS });
  const item = await context.exchange.run(
    { method: 'GET', url: metadataUrl, what: context.describe('GET', metadataUrl), authenticated: true, timeout: 'deadline', ...(signal ? { signal } : {}) },
    (response) => readJson<DriveItem>(response),
  );
  if (item.folder !== undefined || typeof item.id !== 'string') {
    throw new DelegateError({
      code: 'invalid-input',
      message: `${path} is a folder, not a file.`,
      action: 'Give the path of a file to download.',
    });
  }

  const recordPath = downloadRecordPath(target, context.stateDir);
  if (options.skipIfUnchanged) {
    const record = await readDownloadRecord(recordPath);
    if (record && (await isUnchanged(record, item, target))) {
      return { bytes: record.bytes, skipped: true, sha256: record.sha256, ...(item.eTag !== undefined ? { eTag: item.eTag } : {}) };
    }
  }

  await mkdir(dirname(target), { recursive: true }).catch((error: unknown) => {
    throw fileAccessError(dirname(target), error);
  });
  const partial = `${target}.partial`;
  const contentUrl = context.url(itemSubPath(path, 'content'));
  let written: { bytes: number; sha256: string };
  try {
    written = await context.exchange.run(
      {
        method: 'GET',
        url: contentUrl,
        what: `the download of ${item.name ?? path}`,
        authenticated: true,
        followRedirects: true,
        timeout: 'idle',
        ...(signal ? { signal } : {}),
      },
      (response) => streamToFile(response, partial),
    );
    await rename(partial, target);
  } catch (error) {
    // Cleaning up must not hide why the download failed.
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(target));

  if (options.skipIfUnchanged) writeDownloadRecord(recordPath, await recordFor(item, target, written.bytes, written.sha256));
  return { bytes: written.bytes, skipped: false, sha256: written.sha256, ...(item.eTag !== undefined ? { eTag: item.eTag } : {}) };
}

async function streamToFile(response: IncomingResponse, partial: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let writeFailure: NodeJS.ErrnoException | undefined;
  let sourceFailure: Error | undefined;
  // flush: fsync before close, so the rename never publishes a file whose blocks are still in the page cache.
  const file = createWriteStream(partial, { flush: true, highWaterMark: WRITE_BUFFER_BYTES });
  // pipeline destroys the file with the network's error too; only an fs error of its own (it names a
  // syscall) is a write failure.
  response.stream.once('error', (error) => {
    sourceFailure = error;
  });
  file.once('error', (error: NodeJS.ErrnoException) => {
    if (error !== sourceFailure && error.syscall !== undefined) writeFailure = error;
  });
  // Hashing beside the pipe rather than as a stage in it: 'data' fires exactly for the chunks the pipe writes,
  // pauses with it (backpressure holds), and costs no extra stream hop per 16 KiB TLS record.
  response.stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  try {
    await pipeline(response.stream, file);
  } catch (error) {
    // Disk full, no permission: retrying the network would not help.
    if (writeFailure) throw fileAccessError(partial, writeFailure);
    throw response.explain(error);
  }
  const expected = response.headers['content-length'];
  if (expected !== undefined && Number(expected) !== bytes) {
    throw new ConnectionFailure(response.url, Object.assign(new Error(`the transfer ended after ${bytes} of ${expected} bytes`), { code: 'ECONNRESET' }));
  }
  return { bytes, sha256: hash.digest('hex') };
}

function fileAccessError(path: string, error: unknown): DelegateError {
  if (isOsError(error)) return describeOsError(error, error.path ? {} : { path });
  return new DelegateError(
    {
      code: 'file-access',
      message: `Cannot write ${path}: ${error instanceof Error ? error.message : String(error)}.`,
      action: 'Check the destination folder: that it exists or can be created, is writable, and has free space.',
    },
    { cause: error },
  );
}

/** Makes the rename itself durable. Folders cannot be opened for fsync on Windows, where NTFS journals it anyway. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data itself is already flushed.
  }
}

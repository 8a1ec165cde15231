/**
 * Uploads a local file into a OneDrive/SharePoint folder: one PUT up to 4 MiB, an upload session above.
 *
 * Upload sessions (Graph's "resumable upload"): `createUploadSession` returns a pre-authenticated `uploadUrl`
 * (no Authorization header there); the file goes in chunks, each a multiple of 320 KiB, with
 * `Content-Range: bytes start-end/total`; Graph answers 202 with `nextExpectedRanges` until the last chunk,
 * answered 200/201 with the driveItem. Each chunk is read from disk when (re)sent, so memory stays one
 * socket buffer whatever the file size.
 *
 * A chunk that fails is not blindly resent: after a broken connection, a 416 (Graph already has some of those
 * bytes) or a 500/502, the session is asked what it still expects and the upload continues from there.
 * Throttling (429/503/504) is waited out by the exchange before that. A cancelled or failed upload deletes its
 * session, so no half-uploaded reservation lingers until it expires.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DelegateError } from '../errors/delegate-error.js';
import { describeOsError, isOsError } from '../errors/os-error.js';
import type { DriveItem } from './drive-item.js';
import { childPath, itemPath, itemSubPath } from './drive-item-path.js';
import type { GraphContext } from './graph-context.js';
import { GraphError } from './graph-error.js';
import { ConnectionFailure } from '../net/connection-failure.js';
import { discardBody, readJson } from './response-body.js';

export type ConflictBehavior = 'fail' | 'replace' | 'rename';

export interface UploadOptions {
  /** What to do when the folder already has a file with that name; default `replace` (a job's daily report). */
  conflictBehavior?: ConflictBehavior;
  signal?: AbortSignal;
  /** Bytes per upload-session chunk: a multiple of 320 KiB, at most 60 MiB; default 10 MiB. */
  chunkSize?: number;
}

/** Graph: "simple upload" takes files up to 4 MB; above, an upload session. */
export const SIMPLE_UPLOAD_MAX_BYTES = 4 * 1024 * 1024;
/** Graph: every chunk but the last must be a multiple of 320 KiB. */
export const UPLOAD_CHUNK_UNIT_BYTES = 320 * 1024;
/** 10 MiB: within Graph's advice (5–10 MiB) for steady throughput without long chunk retries. */
export const DEFAULT_UPLOAD_CHUNK_BYTES = 32 * UPLOAD_CHUNK_UNIT_BYTES;
/** Graph refuses chunks above 60 MiB. */
export const MAX_UPLOAD_CHUNK_BYTES = 192 * UPLOAD_CHUNK_UNIT_BYTES;
/** Deleting a session is a courtesy; it must not hold up a cancelled run or Quit. */
const CANCEL_TIMEOUT_MS = 10_000;

interface UploadSession {
  uploadUrl?: string;
  nextExpectedRanges?: string[];
}

export async function uploadFile(
  context: GraphContext,
  parentPath: string,
  fileName: string,
  source: string,
  options: UploadOptions = {},
): Promise<DriveItem> {
  const chunkSize = checkedChunkSize(options.chunkSize);
  const conflictBehavior = options.conflictBehavior ?? 'replace';
  const size = await fileSize(source);
  const target = childPath(parentPath, fileName);
  try {
    return size <= SIMPLE_UPLOAD_MAX_BYTES
      ? await simpleUpload(context, target, source, size, conflictBehavior, options.signal)
      : await sessionUpload(context, target, fileName, source, size, chunkSize, conflictBehavior, options.signal);
  } catch (error) {
    // The transport passes a failed read of the body through as it is; name the file it came from.
    if (isFsError(error)) throw fileAccessError(source, error);
    throw error;
  }
}

async function simpleUpload(
  context: GraphContext,
  target: string,
  source: string,
  size: number,
  conflictBehavior: ConflictBehavior,
  signal: AbortSignal | undefined,
): Promise<DriveItem> {
  const url = context.url(itemSubPath(target, 'content'), { '@microsoft.graph.conflictBehavior': conflictBehavior });
  return context.exchange.run(
    {
      method: 'PUT',
      url,
      what: context.describe('PUT', url),
      authenticated: true,
      timeout: 'idle',
      // PUT is idempotent, except that "rename" would store a second copy on a resend.
      idempotent: conflictBehavior !== 'rename',
      headers: { 'content-type': 'application/octet-stream' },
      body: { kind: 'stream', length: size, open: () => createReadStream(source) },
      ...(signal ? { signal } : {}),
    },
    (response) => readJson<DriveItem>(response),
  );
}

async function sessionUpload(
  context: GraphContext,
  target: string,
  fileName: string,
  source: string,
  size: number,
  chunkSize: number,
  conflictBehavior: ConflictBehavior,
  signal: AbortSignal | undefined,
): Promise<DriveItem> {
  const createUrl = context.url(itemSubPath(target, 'createUploadSession'));
  const session = await context.exchange.run(
    {
      method: 'POST',
      url: createUrl,
      what: context.describe('POST', createUrl),
      authenticated: true,
      timeout: 'deadline',
      // Sending it twice only leaves an unused session, which expires on its own.
      idempotent: true,
      headers: { 'content-type': 'application/json' },
      body: { kind: 'bytes', bytes: Buffer.from(JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': conflictBehavior } })) },
      ...(signal ? { signal } : {}),
    },
    (response) => readJson<UploadSession>(response),
  );
  if (typeof session.uploadUrl !== 'string') {
    throw new DelegateError({
      code: 'unexpected',
      message: `Microsoft Graph did not return an upload URL for ${fileName}.`,
      action: 'Try again later; if it lasts, report it with the job definition.',
    });
  }
  const uploadUrl = new URL(session.uploadUrl);
  try {
    return await sendChunks(context, { target, fileName, source, size, chunkSize, uploadUrl, signal });
  } catch (error) {
    await cancelSession(context, uploadUrl, fileName);
    throw error;
  }
}

interface ChunkedUpload {
  target: string;
  fileName: string;
  source: string;
  size: number;
  chunkSize: number;
  uploadUrl: URL;
  signal: AbortSignal | undefined;
}

async function sendChunks(context: GraphContext, upload: ChunkedUpload): Promise<DriveItem> {
  const { exchange } = context;
  const { source, size, chunkSize, uploadUrl, signal } = upload;
  let offset = 0;
  // Re-syncs in a row; a chunk that gets through resets it, so a long upload may meet several hiccups.
  let failures = 0;
  for (;;) {
    const end = Math.min(offset + chunkSize, size) - 1;
    const start = offset;
    let answer: { status: number; body: unknown };
    try {
      answer = await exchange.run(
        {
          method: 'PUT',
          url: uploadUrl,
          what: `the upload of ${upload.fileName} (bytes ${start}-${end} of ${size})`,
          authenticated: false,
          timeout: 'idle',
          idempotent: true,
          // After a broken connection Graph may hold part of the chunk: ask it (below) instead of resending.
          retryConnectionFailures: false,
          headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${size}` },
          body: { kind: 'stream', length: end - start + 1, open: () => createReadStream(source, { start, end }) },
          ...(signal ? { signal } : {}),
        },
        async (response) => ({ status: response.status, body: await readJson<unknown>(response) }),
      );
    } catch (error) {
      if (!isResumable(error) || failures + 1 >= exchange.maxAttempts) throw error;
      failures += 1;
      await exchange.pause({ attempt: failures, waitMs: exchange.backoffMs(failures), ...failureInfo(error) }, signal);
      const next = await expectedOffset(context, upload);
      if (next === 'complete') return fetchItem(context, upload);
      offset = next;
      continue;
    }
    failures = 0;
    if (answer.status === 200 || answer.status === 201) return answer.body as DriveItem;
    offset = firstExpectedOffset(answer.body) ?? end + 1;
  }
}

/** Where the session wants the next bytes, or `complete` when it has them all (the last answer was lost). */
async function expectedOffset(context: GraphContext, upload: ChunkedUpload): Promise<number | 'complete'> {
  const status = await context.exchange.run(
    {
      method: 'GET',
      url: upload.uploadUrl,
      what: `the upload status of ${upload.fileName}`,
      authenticated: false,
      timeout: 'deadline',
      ...(upload.signal ? { signal: upload.signal } : {}),
    },
    (response) => readJson<unknown>(response),
  );
  return firstExpectedOffset(status) ?? 'complete';
}

async function fetchItem(context: GraphContext, upload: ChunkedUpload): Promise<DriveItem> {
  const url = context.url(itemPath(upload.target));
  return context.exchange.run(
    { method: 'GET', url, what: context.describe('GET', url), authenticated: true, timeout: 'deadline', ...(upload.signal ? { signal: upload.signal } : {}) },
    (response) => readJson<DriveItem>(response),
  );
}

async function cancelSession(context: GraphContext, uploadUrl: URL, fileName: string): Promise<void> {
  try {
    await context.exchange.run(
      { method: 'DELETE', url: uploadUrl, what: `the cancellation of the upload of ${fileName}`, authenticated: false, timeout: 'deadline', maxAttempts: 1, timeoutMs: CANCEL_TIMEOUT_MS },
      (response) => discardBody(response),
    );
  } catch {
    // The session expires by itself; the error that brought us here is the one to report.
  }
}

/** `["12345-"]` or `["12345-55555", "77777-"]`: the lowest start, which is where to continue. */
function firstExpectedOffset(body: unknown): number | undefined {
  const ranges = typeof body === 'object' && body !== null ? (body as UploadSession).nextExpectedRanges : undefined;
  if (!Array.isArray(ranges)) return undefined;
  const starts = ranges.map((range) => /^(\d+)-/.exec(String(range))?.[1]).filter((start): start is string => start !== undefined);
  return starts.length === 0 ? undefined : Math.min(...starts.map(Number));
}

function isResumable(error: unknown): boolean {
  if (error instanceof GraphError) return error.status === 416 || error.status === 500 || error.status === 502;
  if (error instanceof DelegateError) return error.code === 'network' && error.cause instanceof ConnectionFailure && error.cause.retryable;
  return false;
}

function failureInfo(error: unknown): { status: number; requestId?: string; reason?: string } {
  if (error instanceof GraphError) return { status: error.status, ...(error.requestId ? { requestId: error.requestId } : {}) };
  const cause = error instanceof Error ? error.cause : undefined;
  return { status: 0, reason: cause instanceof ConnectionFailure ? cause.code || cause.message : 'network' };
}

function checkedChunkSize(chunkSize: number | undefined): number {
  if (chunkSize === undefined) return DEFAULT_UPLOAD_CHUNK_BYTES;
  if (!Number.isInteger(chunkSize) || chunkSize <= 0 || chunkSize % UPLOAD_CHUNK_UNIT_BYTES !== 0 || chunkSize > MAX_UPLOAD_CHUNK_BYTES) {
    const nearest = Math.min(MAX_UPLOAD_CHUNK_BYTES, Math.max(1, Math.round((chunkSize || 0) / UPLOAD_CHUNK_UNIT_BYTES)) * UPLOAD_CHUNK_UNIT_BYTES);
    throw new DelegateError({
      code: 'invalid-input',
      message: `An upload chunk of ${chunkSize} bytes is not allowed: Microsoft Graph needs a multiple of 320 KiB (327680 bytes), at most 60 MiB.`,
      action: `Use ${nearest} bytes, or leave the chunk size out for the default (10 MiB).`,
    });
  }
  return chunkSize;
}

async function fileSize(source: string): Promise<number> {
  try {
    const stats = await stat(source);
    if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    return stats.size;
  } catch (error) {
    throw fileAccessError(source, error);
  }
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && !(error instanceof DelegateError) && !(error instanceof GraphError) && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function fileAccessError(source: string, error: unknown): DelegateError {
  if (isOsError(error)) return describeOsError(error, error.path ? {} : { path: source });
  return new DelegateError(
    {
      code: 'file-access',
      message: `Cannot upload ${source}: ${error instanceof Error ? error.message : String(error)}.`,
      action: 'Check the path of the file to upload, and that Delegate may read it.',
    },
    { cause: error },
  );
}

/**
 * Reading a small response body (JSON answers, error bodies) with a size limit.
 *
 * Only for bodies meant to be held in memory; file contents stream to disk in download-file.ts.
 */
import { DelegateError } from '../errors/delegate-error.js';
import type { IncomingResponse } from '../net/http-transport.js';

/** Above this, request() refuses to buffer: such a body belongs in download(), streamed to a file. */
export const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024;
/** Error bodies are a few hundred bytes; anything larger is not Graph's error shape. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export async function readBody(response: IncomingResponse, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.stream) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limitBytes) {
        response.stream.destroy();
        throw new DelegateError({
          code: 'unexpected',
          message: `Microsoft Graph sent more than ${Math.round(limitBytes / 1024 / 1024)} MiB in one answer.`,
          action: 'Fetch file contents with a files.download job, which streams them to disk.',
        });
      }
      chunks.push(buffer);
    }
  } catch (error) {
    throw response.explain(error);
  }
  return Buffer.concat(chunks);
}

/**
 * An error body, cut at MAX_ERROR_BODY_BYTES instead of refused: the status already says what happened, and a
 * gateway's oversized HTML page must not turn a 503 into a different error.
 */
export async function readErrorBody(response: IncomingResponse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.stream) {
      const buffer = chunk as Buffer;
      chunks.push(buffer);
      size += buffer.length;
      if (size >= MAX_ERROR_BODY_BYTES) {
        // The rest is not worth reading; the socket is simply not reused.
        response.stream.destroy();
        break;
      }
    }
  } catch (error) {
    throw response.explain(error);
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES);
}

/** JSON when it parses (Graph says `application/json;odata…`), text otherwise, undefined when empty (204). */
export function parseBody(bytes: Buffer, contentType: string | undefined): unknown {
  if (bytes.length === 0) return undefined;
  const text = bytes.toString('utf8');
  if (contentType === undefined || /json/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Reads a JSON answer (request(), metadata, upload session replies). */
export async function readJson<T>(response: IncomingResponse): Promise<T> {
  return parseBody(await readBody(response, MAX_JSON_BODY_BYTES), response.headers['content-type']) as T;
}

/** Reads and drops a body so the keep-alive socket can serve the next request; errors do not matter here. */
export async function discardBody(response: IncomingResponse): Promise<void> {
  try {
    for await (const _chunk of response.stream) {
      // Nothing to keep.
    }
  } catch {
    // A broken socket is simply not reused.
  }
}

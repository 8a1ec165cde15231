import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { newGuid } from '../ids.js';

/** One incoming request, read once: URL, headers, body and the IDs Entra and Graph echo back. */
export interface EmulatorRequest {
  readonly method: string;
  readonly url: URL;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /**
   * The body still unread, for uploads that stream to disk (then `body` is empty), or the raw
   * bytes of a `$batch` item's base64 body.
   */
  readonly content: Readable | undefined;
  /** The body was longer than the limit it was read with; it was read and thrown away. */
  readonly bodyTooLarge: boolean;
  /** The body as a form when it is `application/x-www-form-urlencoded`, else empty. */
  readonly form: URLSearchParams;
  /** Entra's trace ID and Graph's request-id for this request. */
  readonly requestId: string;
  /** The caller's `client-request-id` header, which both services echo. */
  readonly clientRequestId: string | undefined;
  /** Entra's correlation ID: the caller's `client-request-id`, or a fresh GUID without one. */
  readonly correlationId: string;
}

// Token requests are small; anything bigger is a client bug, not something to buffer.
const MAX_BODY_BYTES = 1024 * 1024;

export interface ReadOptions {
  /** Leave the body unread in `content` (uploads). */
  readonly stream?: boolean;
  /** Above this, the body is discarded and `bodyTooLarge` set, instead of failing the request. */
  readonly maxBodyBytes?: number;
}

export async function readEmulatorRequest(message: IncomingMessage, origin: string, options: ReadOptions = {}): Promise<EmulatorRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  let bodyTooLarge = false;
  if (!options.stream) {
    for await (const chunk of message) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (options.maxBodyBytes === undefined && size > MAX_BODY_BYTES) throw new Error('emulator: request body too large');
      // Keep reading to the end, so the caller can still answer on this connection.
      if (options.maxBodyBytes !== undefined && size > options.maxBodyBytes) bodyTooLarge = true;
      if (!bodyTooLarge) chunks.push(buffer);
    }
  }
  const body = bodyTooLarge ? '' : Buffer.concat(chunks).toString('utf8');
  const contentType = headerValue(message.headers, 'content-type') ?? '';
  const url = new URL(message.url ?? '/', origin);
  const clientRequestId = headerValue(message.headers, 'client-request-id');
  return {
    method: (message.method ?? 'GET').toUpperCase(),
    url,
    path: url.pathname,
    headers: message.headers,
    body,
    content: options.stream ? message : undefined,
    bodyTooLarge,
    form: contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body) : new URLSearchParams(),
    requestId: newGuid(),
    clientRequestId,
    correlationId: clientRequestId ?? newGuid(),
  };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A form field, treating an empty value as absent the way Entra's "must contain" checks do. */
export function formField(request: EmulatorRequest, name: string): string | undefined {
  const value = request.form.get(name);
  return value === null || value.length === 0 ? undefined : value;
}

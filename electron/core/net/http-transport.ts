/**
 * The seam between Delegate's HTTP users (the Graph client, msal's network module) and the stack that carries
 * the bytes: node:https in the CLI and daemon (with proxy and trust store), Chromium's `net.fetch` in the app.
 *
 * One exchange, nothing more: no retries, no tokens, no redirects. The body comes back as a stream, unread, so
 * a 1 GiB download never sits in memory.
 */
import type { Readable } from 'node:stream';

export type RequestBody =
  | { kind: 'bytes'; bytes: Buffer }
  /** Opened afresh for every attempt, so a retried chunk is read from disk again instead of kept in memory. */
  | { kind: 'stream'; length: number; open: () => Readable };

export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
  timeoutMs: number;
  /** `deadline`: the whole exchange, body included, must end in time. `idle`: only silence counts. */
  timeout: 'deadline' | 'idle';
}

export interface IncomingResponse {
  /** Where the answer came from: for messages (host only) and for failures found after the headers. */
  url: URL;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body, unread. Errors it emits go through `explain`. */
  stream: Readable;
  /** Turns an error met while reading the body into a ConnectionFailure, a cancellation or itself. */
  explain(error: unknown): unknown;
}

export interface HttpTransport {
  /** Resolves once the response headers are in; rejects with a ConnectionFailure, a cancellation or a local error. */
  send(request: OutgoingRequest): Promise<IncomingResponse>;
  /** Closes every connection of this transport, idle or not: for when its user is done. */
  close(): void;
}

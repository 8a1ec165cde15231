/**
 * Delegate's Microsoft Graph client: JSON requests, paging, streamed downloads, upload sessions and $batch,
 * with the user's delegated token, bounded retries that honour Retry-After, and errors that keep Graph's code
 * and request-id. Written on node:https.
 *
 * Why not `@microsoft/microsoft-graph-client` (3.0.7, evaluated for this module):
 * - trust: it calls the global `fetch`; a per-profile CA would need a second copy of `undici` for an Agent
 *   passed as `dispatcher` in fetchOptions, kept in step with the undici inside Node/Electron;
 * - throttling: its RetryHandler sleeps with a bare `setTimeout` (no AbortSignal, no injected clock, so
 *   neither cancellation nor instant tests), silently caps Retry-After at 180 s instead of failing and saying
 *   how long Graph asked, exhausts into an ordinary error that does not say "throttled", retries POST on 504
 *   (Graph may have sent the mail), never retries a reset connection, and skips retries for streamed bodies;
 * - uploads: LargeFileUploadTask's upload() ends at the first failed chunk, throwing the raw error body
 *   (its retry handler skips octet-stream bodies; going on is a manual resume()), has no cancellation by
 *   signal, and sends chunks through the client's middleware, which adds the Authorization header to the
 *   pre-authenticated upload URL whenever that host is configured as a Graph host (a custom cloud);
 * - downloads: getStream() gives a WHATWG stream with no idle timeout and no atomic write; its redirect
 *   handler keeps the token on a same-origin redirect (the emulator's download URL);
 * - errors: it reads request-id from the body's innerError only.
 * What it does well (paging, batch bodies) is small; the gaps are the heart of a 2 a.m. job. So this client
 * keeps the interface Delegate needs and a few hundred lines of plain Node instead of a dependency.
 */
import { systemClock } from '../clock.js';
import { abortableSleep } from './cancellation.js';
import { sendBatch, type BatchRequest, type BatchResponse } from './batch-requests.js';
import type { DriveItem } from './drive-item.js';
import { downloadFile, type DownloadOptions, type DownloadResult } from './download-file.js';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_AFTER_SECONDS, DEFAULT_TIMEOUT_MS, type GraphClientOptions } from './graph-client-options.js';
import type { GraphContext } from './graph-context.js';
import { GraphExchange } from './graph-exchange.js';
import { describeRequest, graphUrl } from './graph-url.js';
import { createTransport } from '../net/transport-factory.js';
import type { HttpTransport, RequestBody } from '../net/http-transport.js';
import { readJson } from './response-body.js';
import { uploadFile, type UploadOptions } from './upload-file.js';
import { DelegateError } from '../errors/delegate-error.js';

export interface GraphRequestOptions {
  /** JSON-encoded, except a string or bytes, which are sent as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  /** OData query options and other parameters: `{ $select: 'id,subject', $top: '50' }`. */
  query?: Record<string, string>;
  signal?: AbortSignal;
  /** Whether sending twice does no harm; defaults from the method (a job's PUT may still say false). */
  idempotent?: boolean;
}

export interface GraphResponse<T> {
  status: number;
  /** Parsed JSON; text for other content types; undefined for an empty body (204). */
  body: T;
  requestId?: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export type GraphPageOptions = Omit<GraphRequestOptions, 'body'>;

export class GraphClient {
  private readonly transport: HttpTransport;
  private readonly context: GraphContext;

  constructor(options: GraphClientOptions) {
    this.transport = createTransport({
      ...(options.caFile ? { caFile: options.caFile } : {}),
      ...(options.proxy ? { proxy: options.proxy } : {}),
      ...(options.proxySource ? { proxySource: options.proxySource } : {}),
    });
    const exchange = new GraphExchange(this.transport, {
      getToken: options.getToken,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS,
      sleep: options.sleep ?? abortableSleep,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
    this.context = {
      exchange,
      url: (path, query) => graphUrl(options.baseUrl, path, query),
      describe: (method, url) => describeRequest(method, url, options.baseUrl),
      stateDir: options.stateDir,
    };
  }

  /** One Graph call. Throws GraphError for an error answer, DelegateError for network, cancellation and tokens. */
  async request<T>(method: string, path: string, options: GraphRequestOptions = {}): Promise<GraphResponse<T>> {
    const url = this.context.url(path, options.query);
    const verb = method.toUpperCase();
    const headers = { ...options.headers };
    const body = encodeBody(options.body, headers);
    return this.context.exchange.run(
      {
        method: verb,
        url,
        what: this.context.describe(verb, url),
        authenticated: true,
        timeout: 'deadline',
        headers,
        ...(body ? { body } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.idempotent !== undefined ? { idempotent: options.idempotent } : {}),
      },
      async (response) => {
        const parsed = await readJson<T>(response);
        const requestId = response.headers['request-id'];
        return { status: response.status, body: parsed, headers: response.headers, ...(requestId ? { requestId } : {}) };
      },
    );
  }

  /** The `value` items of a collection, page after page, following `@odata.nextLink` (absolute, on the Graph host). */
  async *paged<T>(path: string, options: GraphPageOptions = {}): AsyncIterable<T> {
    let next: string | undefined = path;
    let query = options.query;
    while (next !== undefined) {
      const pageOptions: GraphRequestOptions = { ...options };
      if (query) pageOptions.query = query;
      else delete pageOptions.query;
      const page: GraphResponse<{ value?: T[]; '@odata.nextLink'?: string }> = await this.request('GET', next, pageOptions);
      for (const item of page.body?.value ?? []) yield item;
      next = page.body?.['@odata.nextLink'];
      // The next link already carries the query ($skiptoken and the original options).
      query = undefined;
    }
  }

  /** `path` names the file item: `/me/drive/root:/Reports/daily.xlsx`, `/drives/{id}/items/{id}`. See download-file.ts. */
  download(path: string, destination: string, options: DownloadOptions = {}): Promise<DownloadResult> {
    return downloadFile(this.context, path, destination, options);
  }

  /** `parentPath` names the folder: `/me/drive/root:/Reports`, `/drives/{id}/root:/folder`. See upload-file.ts. */
  upload(parentPath: string, fileName: string, source: string, options: UploadOptions = {}): Promise<DriveItem> {
    return uploadFile(this.context, parentPath, fileName, source, options);
  }

  /** Answers in the order of `requests`, each with its own status. See batch-requests.ts. */
  batch(requests: BatchRequest[], options: { signal?: AbortSignal } = {}): Promise<BatchResponse[]> {
    return sendBatch(this.context, requests, options.signal);
  }

  /** Closes idle keep-alive connections (they never keep the process alive; this frees them sooner). */
  close(): void {
    this.transport.close();
  }
}

function encodeBody(body: unknown, headers: Record<string, string>): RequestBody | undefined {
  if (body === undefined) return undefined;
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (typeof body === 'string' || body instanceof Uint8Array) {
    if (!hasContentType) headers['content-type'] = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
    return { kind: 'bytes', bytes: Buffer.from(body) };
  }
  if (!hasContentType) headers['content-type'] = 'application/json';
  try {
    return { kind: 'bytes', bytes: Buffer.from(JSON.stringify(body)) };
  } catch (error) {
    throw new DelegateError({ code: 'invalid-input', message: `The request body cannot be sent as JSON: ${(error as Error).message}.`, action: 'Give a plain JSON value as the body.' }, { cause: error });
  }
}

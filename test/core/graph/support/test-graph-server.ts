/**
 * A tiny HTTPS server standing in for Graph in the client's unit tests: a route table of handlers, every
 * request recorded (method, URL, headers, body), and Graph's error shape on demand. The emulator covers the
 * real endpoints; this covers what must be scripted to the byte (a reset after a chunk was stored, a
 * Retry-After as an HTTP date).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createTlsMaterial } from '../../../emulator/tls/certificates.js';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent: `/v1.0/me?$select=id`. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Remaining uses; undefined = for ever. */
  times: number | undefined;
}

export class TestGraphServer {
  readonly requests: RecordedRequest[] = [];
  private routes: Route[] = [];

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly caFile: string,
    private readonly caDirectory: string,
  ) {}

  static async start(): Promise<TestGraphServer> {
    const tls = await createTlsMaterial();
    const caDirectory = await mkdtemp(join(tmpdir(), 'delegate-graph-test-'));
    const caFile = join(caDirectory, 'ca.pem');
    await writeFile(caFile, tls.caCertificatePem);
    const server = createServer({ key: tls.serverKeyPem, cert: tls.serverCertificatePem });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const instance = new TestGraphServer(server, `https://127.0.0.1:${port}`, caFile, caDirectory);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void instance.handle(request, response));
    return instance;
  }

  /** Graph's base URL for the client: the client adds /v1.0. */
  get baseUrl(): string {
    return this.origin;
  }

  /** Adds a route; the newest matching route wins, so a test can put a fault in front of a normal answer. */
  on(method: string, pattern: RegExp | string, handler: Handler, times?: number): this {
    const regex = typeof pattern === 'string' ? new RegExp(`^${escape(pattern)}$`) : pattern;
    this.routes.unshift({ method, pattern: regex, handler, times });
    return this;
  }

  /** Like `on`, for the next `times` matching requests only (default 1). */
  once(method: string, pattern: RegExp | string, handler: Handler, times = 1): this {
    return this.on(method, pattern, handler, times);
  }

  reset(): void {
    this.routes = [];
    this.requests.length = 0;
  }

  requestsTo(pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => pattern.test(request.path));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await rm(this.caDirectory, { recursive: true, force: true });
  }

  private async handle(message: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of message) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    const url = new URL(message.url ?? '/', this.origin);
    const request: RecordedRequest = {
      method: message.method ?? 'GET',
      url: message.url ?? '/',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: message.headers,
      body: Buffer.concat(chunks),
    };
    this.requests.push(request);
    const route = this.routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(request.path) && candidate.times !== 0);
    if (!route) return sendGraphError(response, 400, 'BadRequest', `Resource not found for the segment '${request.path}'.`);
    if (route.times !== undefined) route.times -= 1;
    try {
      await route.handler(request, response);
    } catch (error) {
      if (!response.headersSent) sendGraphError(response, 500, 'generalException', String(error));
    }
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json;odata.metadata=minimal', 'request-id': randomUUID(), ...headers });
  response.end(text);
}

/** Graph's error body; `request-id` in the header and innerError unless `headers` overrides it. */
export function sendGraphError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}, requestId: string = randomUUID()): void {
  const body = { error: { code, message, innerError: { date: '2026-11-21T01:05:41', 'request-id': requestId, 'client-request-id': requestId } } };
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
  response.end(JSON.stringify(body));
}

/** What a dropped connection looks like to the client. */
export function resetConnection(response: ServerResponse): void {
  response.socket?.destroy();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

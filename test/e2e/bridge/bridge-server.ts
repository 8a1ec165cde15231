/**
 * The test bridge: the real core behind the real renderer, with HTTP where Electron has IPC.
 *
 * There is no Electron binary on the test machines, so the end-to-end tests load the built renderer
 * (dist/renderer) in Chromium from this server. It runs what the Electron main process runs — the job engine,
 * the app service and the IPC router with its sender check — over a fresh Delegate home, and stands in for
 * Electron's plumbing:
 *
 * - `POST /ipc` `{channel, input}` → the router's IpcResult (the sender's URL is the request's Referer, else its
 *   Origin; the shim says whether it runs in the top frame, as Electron's `senderFrame` would);
 * - `GET /events` → Server-Sent Events, one `{channel, payload}` per app event, each payload through
 *   `toRendererSafe` as the shell does before `webContents.send`;
 * - `/__bridge/preload-shim.js` → the stand-in for the preload (`window.delegate`), put first in index.html's
 *   head so it runs before the renderer, as a preload does;
 * - everything else → dist/renderer, with the strict Content-Security-Policy the app's window uses.
 *
 * Only the person who started it gets in (bridge-access.ts): the window's URL carries a per-launch secret, traded
 * on first load for a cookie; every request without it, or from a foreign Host or Origin, is refused before it
 * does anything. It listens on 127.0.0.1 only.
 *
 * Every answer and event written to the page is kept in `sent` (the exact text), for the test that proves no
 * token ever reaches the renderer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { AppService } from '../../../electron/core/app/app-service.js';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { createGraphClient } from '../../../electron/core/graph/graph-factory.js';
import { createIpcHandlers } from '../../../electron/core/ipc/ipc-handlers.js';
import { createIpcRouter, toRendererSafe, type SenderInfo } from '../../../electron/core/ipc/ipc-router.js';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../../shared/ipc/ipc-contract.js';
import { createBridgeAccess, TOKEN_PARAMETER, type AccessDecision, type BridgeAccess } from './bridge-access.js';
import { createRecordingPlatform, type RecordingPlatform, type RecordingPlatformOptions } from './recording-platform.js';
import type { Clock } from '../../../electron/core/clock.js';

/** The window's Content-Security-Policy: the renderer must work under exactly this. */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');
const SHIM_PATH = fileURLToPath(new URL('./preload-shim.js', import.meta.url));
export const SHIM_URL_PATH = '/__bridge/preload-shim.js';
/** Largest request body the bridge reads; Electron's IPC has no such limit, but nothing legitimate comes near. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** SSE comment lines keep idle connections from being closed by anything in between. */
const KEEPALIVE_MS = 15_000;

export interface BridgeOptions {
  home: string;
  rendererDir?: string;
  version?: string;
  clock?: Clock;
  platform?: RecordingPlatformOptions;
  log?: (line: string) => void;
}

export interface SentPayload {
  kind: 'answer' | 'event';
  channel: string;
  /** The exact text written to the page. */
  text: string;
}

export interface Bridge {
  /** The window's launch URL (index.html with `?token=` the secret): open it to get in. */
  url: string;
  origin: string;
  /** The per-launch secret; Node clients send it as `Authorization: Bearer`. */
  secret: string;
  home: string;
  service: AppService;
  engine: JobEngine;
  platform: RecordingPlatform;
  /** Every answer and event written to the page, in order. */
  sent: SentPayload[];
  /** Requests the router refused, with the reason (for the log, and for tests). */
  refused: Array<{ channel: string; reason: string }>;
  /** How many pages are listening to events right now. */
  listeners(): number;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const version = options.version ?? (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const platform = createRecordingPlatform(options.platform);
  const engine = await JobEngine.start({
    home: options.home,
    createGraph: createGraphClient,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const service = new AppService({ home: options.home, version, engine, platform, ...(options.clock ? { clock: options.clock } : {}) });

  const sent: SentPayload[] = [];
  const refused: Bridge['refused'] = [];
  const clients = new Set<ServerResponse>();
  let origin = '';
  /** Set once the port is known (the Host and Origin checks need it); until then every request is refused. */
  const gate: { access?: BridgeAccess } = {};
  const router = createIpcRouter(createIpcHandlers(service), {
    // `origin + '/'`, not the bare origin: http://127.0.0.1:4000 must not trust http://127.0.0.1:40001.
    isTrustedSender: (sender) => sender.url.startsWith(`${origin}/`) && sender.isMainFrame,
    onRefused: (channel, reason) => refused.push({ channel, reason }),
  });

  const unsubscribe = service.events.onAny((channel, payload) => {
    const text = JSON.stringify({ channel, payload: toRendererSafe(payload) });
    for (const client of clients) {
      sent.push({ kind: 'event', channel, text });
      client.write(`data: ${text}\n\n`);
    }
  });

  const shim = readFileSync(SHIM_PATH, 'utf8').replace('/*@channels*/ null', JSON.stringify({ request: REQUEST_CHANNELS, events: EVENT_CHANNELS }));

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      options.log?.(`bridge: ${request.method} ${request.url} failed: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'bridge error');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const decision: AccessDecision = gate.access?.decide(request) ?? { kind: 'refused', status: 403, reason: 'the bridge is not ready' };
    if (decision.kind === 'refused') {
      refused.push({ channel: new URL(request.url ?? '/', origin).pathname, reason: decision.reason });
      options.log?.(`bridge: refused ${request.method} ${new URL(request.url ?? '/', origin).pathname}: ${decision.reason}`);
      return send(response, decision.status, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid-input', message: `Request refused: ${decision.reason}.`, action: 'Open the window from the link `npm run window` printed.' } }));
    }
    if (decision.kind === 'exchange') {
      response.writeHead(303, { location: decision.location, 'set-cookie': decision.setCookie, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-length': 0 });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/ipc') return handleIpc(request, response);
    if (url.pathname === '/events') return handleEvents(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
    if (url.pathname === SHIM_URL_PATH) return send(response, 200, 'text/javascript; charset=utf-8', shim);
    // Chromium asks every site for one; Electron's window never does, and the app has none.
    if (url.pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
    return serveStatic(url.pathname, response);
  }

  async function handleIpc(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'POST only');
    let body: { channel?: unknown; input?: unknown };
    try {
      body = JSON.parse(await readBody(request)) as typeof body;
    } catch (error) {
      return send(response, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid-input', message: `Request refused: ${(error as Error).message}.`, action: 'This is a bug in the window; reload it.' } }));
    }
    const channel = body !== null && typeof body === 'object' ? body.channel : undefined;
    const input = body !== null && typeof body === 'object' ? body.input : undefined;
    const result = await router(channel, input, senderOf(request));
    const text = JSON.stringify(result);
    sent.push({ kind: 'answer', channel: String(channel), text });
    send(response, 200, 'application/json', text);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    const sender = senderOf(request, true);
    if (!sender.url.startsWith(`${origin}/`)) return send(response, 403, 'text/plain; charset=utf-8', 'not from Delegate\'s window');
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'content-security-policy': APP_CSP });
    response.write(': connected\n\n');
    clients.add(response);
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS).unref();
    request.on('close', () => {
      clearInterval(keepalive);
      clients.delete(response);
    });
  }

  function senderOf(request: IncomingMessage, mainFrame?: boolean): SenderInfo {
    const referer = header(request, 'referer');
    const from = header(request, 'origin');
    const url = referer ?? (from && from !== 'null' ? `${from}/` : '');
    return { url, isMainFrame: mainFrame ?? header(request, 'x-delegate-frame') === 'main' };
  }

  function serveStatic(pathname: string, response: ServerResponse): void {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'bad path');
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = resolve(join(rendererDir, relative));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
    let isFile: boolean;
    try {
      isFile = statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      if (relative.endsWith('/index.html')) return send(response, 503, 'text/plain; charset=utf-8', `The renderer is not built: ${file} is missing (run \`npx vite build\`).`);
      return send(response, 404, 'text/plain; charset=utf-8', 'not found');
    }
    let contents: Buffer | string = readFileSync(file);
    if (extname(file) === '.html') contents = withShim(contents.toString('utf8'));
    send(response, 200, CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', contents);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const listening = server.address() as AddressInfo;
  if (listening.address !== '127.0.0.1') {
    server.close();
    throw new Error(`bridge: listening on ${listening.address}, not 127.0.0.1 only; refusing to serve`);
  }
  origin = `http://127.0.0.1:${listening.port}`;
  const access = createBridgeAccess(origin);
  gate.access = access;
  options.log?.(`bridge: ${origin}/ serving ${rendererDir} for ${options.home}`);

  let closed: Promise<void> | null = null;
  return {
    url: `${origin}/?${TOKEN_PARAMETER}=${access.secret}`,
    origin,
    secret: access.secret,
    home: options.home,
    service,
    engine,
    platform,
    sent,
    refused,
    listeners: () => clients.size,
    close() {
      closed ??= (async () => {
        unsubscribe();
        for (const client of clients) client.end();
        clients.clear();
        server.closeAllConnections();
        await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
        service.dispose();
        await engine.stop(5_000);
      })();
      return closed;
    },
  };
}

/**
 * index.html with the preload stand-in at the end of its head: a classic script runs while the page is parsed,
 * before any of the renderer's module scripts (which wait for the parse), as a preload runs before the page.
 * After the CSP <meta>, so the shim is held to the same policy as the renderer.
 */
function withShim(html: string): string {
  const tag = `<script src="${SHIM_URL_PATH}"></script>`;
  return /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${tag}</head>`) : `${tag}${html}`;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('the request is too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': APP_CSP,
  });
  response.end(body);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

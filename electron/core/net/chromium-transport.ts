/**
 * One HTTPS exchange over Chromium's network stack (Electron's `net.request`), for the desktop app.
 *
 * Chromium brings what node:https lacks on a managed laptop: the system proxy, PAC/WPAD, NTLM/Kerberos/Negotiate
 * with the person's own sign-in, and the OS trust store. This class adds what Delegate needs on top, with the
 * same contract as HttpsTransport: redirects come back unfollowed (Graph's 302 to a download host must not carry
 * the token), the two timeouts (`deadline` for the whole exchange, `idle` for silence while uploading or
 * downloading), the AbortSignal, the response body as an unread Node stream with backpressure, and Chromium's
 * `net::ERR_…` turned into ConnectionFailures that say whether resending a POST is safe (chromium-errors.ts).
 *
 * Proxy credentials: Chromium answers NTLM/Kerberos/Negotiate proxies itself with the ambient sign-in and asks
 * (the request's `login` event) only when it cannot; then the user name and password of the `proxy` setting
 * are offered once, to that proxy only, and never to a server. Without them, or when the proxy refuses them,
 * the request ends with a proxy-credentials error that says what to do.
 *
 * Request bodies: Chromium needs the length of a body before it starts (a Content-Length header set by hand is
 * refused with ERR_INVALID_ARGUMENT, and a chunked upload is refused by Graph's upload URLs), and Electron's
 * ClientRequest collects an unchunked body in memory anyway; so a stream body is read first, checked against its
 * declared length, then sent. That is at most one upload chunk (60 MiB at the very most; 10 MiB by default).
 */
import { Readable, Transform, pipeline } from 'node:stream';
import { DelegateError } from '../errors/delegate-error.js';
import { cancelledError, throwIfCancelled } from '../graph/cancellation.js';
import { ConnectionFailure } from './connection-failure.js';
import { chromiumErrorName, explainChromiumError, isProxyAuthError, proxyCredentialsError } from './chromium-errors.js';
import type { ChromiumNetwork, NetAuthInfo, NetClientRequest, NetResponse } from './chromium-net.js';
import { proxyName, type ChromiumProxySetting } from './chromium-proxy.js';
import type { HttpTransport, IncomingResponse, OutgoingRequest, RequestBody } from './http-transport.js';

export interface ChromiumTransportOptions {
  /** The Chromium session for this transport's proxy setting, set up (setProxy) before the first request. */
  network: () => Promise<ChromiumNetwork>;
  setting: ChromiumProxySetting;
  /** Called with each host this transport talks to, so the profile's CA is trusted there (profile-ca-trust.ts). */
  onHost?: (hostname: string) => void;
}

/**
 * Headers Chromium sets itself and refuses from the caller (ERR_INVALID_ARGUMENT): the length comes from the
 * body, the connection is Chromium's to manage.
 */
const CHROMIUM_OWNED_HEADERS = new Set(['content-length', 'host', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'proxy-connection', 'proxy-authorization']);

/** Encodings Chromium advertises and decodes on its own before the body reaches us. */
const DECODED_BY_CHROMIUM = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'zstd']);

export class ChromiumTransport implements HttpTransport {
  private closed = false;
  private readonly live = new Set<() => void>();

  constructor(private readonly options: ChromiumTransportOptions) {}

  async send(request: OutgoingRequest): Promise<IncomingResponse> {
    throwIfCancelled(request.signal);
    if (this.closed) throw new Error('This Chromium transport was closed.');
    const network = await this.options.network();
    const body = request.body ? await readBody(request.body, request.signal) : undefined;
    throwIfCancelled(request.signal);
    this.options.onHost?.(request.url.hostname);
    return this.exchange(network, request, body);
  }

  /** Stops every exchange still running; Chromium keeps its connection pool, shared by the session. */
  close(): void {
    this.closed = true;
    for (const stop of [...this.live]) stop();
  }

  private exchange(network: ChromiumNetwork, request: OutgoingRequest, body: Buffer | undefined): Promise<IncomingResponse> {
    const { url, signal } = request;
    const setting = this.options.setting;
    const proxy = proxyName(setting);

    return new Promise<IncomingResponse>((resolve, reject) => {
      let settled = false;
      let stream: Transform | undefined;
      // Why we cut the exchange short (a timeout); errors Chromium reports after that are explained by it.
      let ourReason: ConnectionFailure | undefined;
      let proxyAuth: 'none' | 'offered' | 'cancelled' | 'refused' = 'none';
      let timer: NodeJS.Timeout | undefined;

      const explain = (error: unknown): unknown => {
        if (signal?.aborted) return cancelledError();
        if (ourReason) return ourReason;
        if (error instanceof ConnectionFailure || error instanceof DelegateError) return error;
        if (error instanceof Error) {
          const name = chromiumErrorName(error);
          if (name && (isProxyAuthError(name) || proxyAuth === 'cancelled' || proxyAuth === 'refused')) {
            return proxyCredentialsError(url, proxy, proxyAuth === 'refused', error);
          }
          if (name) return explainChromiumError(url, error, proxy);
        }
        return error;
      };

      const stopTimer = (): void => {
        clearTimeout(timer);
        timer = undefined;
      };
      const finish = (): void => {
        stopTimer();
        signal?.removeEventListener('abort', onAbort);
        this.live.delete(stop);
      };
      const fail = (error: unknown): void => {
        if (settled) {
          stream?.destroy(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        settled = true;
        finish();
        reject(error);
      };
      const succeed = (response: IncomingResponse): void => {
        if (settled) return;
        settled = true;
        resolve(response);
      };

      let req: NetClientRequest;
      try {
        req = network.request({ method: request.method, url: url.href, redirect: 'manual', useSessionCookies: false, cache: 'no-store' });
        for (const [name, value] of Object.entries(request.headers)) {
          if (!CHROMIUM_OWNED_HEADERS.has(name.toLowerCase())) req.setHeader(name, value);
        }
      } catch (error) {
        // A header Electron refuses, a URL it cannot take: a local mistake, reported as it is.
        reject(error);
        return;
      }

      const stopWith = (reason: Error): void => {
        req.abort();
        fail(reason);
      };
      const stop = (): void => stopWith(cancelledError());
      this.live.add(stop);
      const onAbort = (): void => stopWith(cancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });

      const seconds = formatSeconds(request.timeoutMs);
      const cut = (message: string): void => {
        ourReason = new ConnectionFailure(url, Object.assign(new Error(message), { code: 'ETIMEDOUT' }));
        stopWith(ourReason);
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => cut(`no data for ${seconds}`), request.timeoutMs);
      };
      if (request.timeout === 'deadline') timer = setTimeout(() => cut(`no answer within ${seconds}`), request.timeoutMs);
      else arm();
      // Silence counts, not duration: every chunk uploaded or received starts the idle limit again.
      const activity = request.timeout === 'idle' ? arm : (): void => undefined;

      req.on('login', (authInfo: NetAuthInfo, callback: (username?: string, password?: string) => void) => {
        // A server's challenge is never answered: Graph and Entra use bearer tokens, no site gets a password.
        if (!authInfo.isProxy) {
          callback();
          return;
        }
        const credentials = setting.kind === 'fixed' && sameHost(setting.rules, authInfo.host) ? setting.credentials : undefined;
        if (credentials && proxyAuth === 'none') {
          proxyAuth = 'offered';
          callback(credentials.username, credentials.password);
          return;
        }
        // Asked again after our credentials: the proxy refused them. Never loop on a wrong password.
        proxyAuth = proxyAuth === 'offered' ? 'refused' : 'cancelled';
        callback();
      });

      req.on('upload-progress', () => activity());

      req.on('redirect', (status: number, _method: string, redirectUrl: string, responseHeaders: Record<string, string[]>) => {
        // Not following it (no followRedirect() here) makes Electron cancel the request after this event:
        // the 3xx goes back to the caller, with its Location, and the "Redirect was cancelled" error is ignored.
        const headers = flattenHeaders(responseHeaders);
        headers.location ??= redirectUrl;
        finish();
        succeed({ url, status, headers, stream: Readable.from([]), explain });
      });

      req.on('response', (response: NetResponse) => {
        activity();
        if (response.statusCode === 407) {
          response.resume();
          fail(proxyCredentialsError(url, proxy, proxyAuth === 'refused'));
          return;
        }
        const headers = flattenHeaders(response.headers);
        const encoding = headers['content-encoding']?.toLowerCase();
        if (encoding && DECODED_BY_CHROMIUM.has(encoding)) {
          // The body arrives decoded: the encoded length and the encoding would both mislead the reader.
          delete headers['content-encoding'];
          delete headers['content-length'];
        }
        const monitor = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            activity();
            done(null, chunk);
          },
        });
        stream = monitor;
        pipeline(response, monitor, () => finish());
        // The reader gave up (destroyed the stream): Chromium stops downloading too.
        monitor.once('close', () => {
          if (!monitor.readableEnded) req.abort();
          finish();
        });
        succeed({ url, status: response.statusCode, headers, stream: monitor, explain });
      });

      // Stays attached after the response: Electron reports a body cut short here as well as on the body.
      req.on('error', (error: Error) => fail(explain(error)));

      req.end(body);
    });
  }
}

/** Reads a request body whole (see the file comment), refusing one that is not the length it declared. */
async function readBody(body: RequestBody, signal: AbortSignal | undefined): Promise<Buffer> {
  if (body.kind === 'bytes') return body.bytes;
  const source = body.open();
  const onAbort = (): void => void source.destroy(cancelledError());
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > body.length) break;
      chunks.push(chunk);
    }
  } catch (error) {
    // A local read error (file gone, disk) is not a network failure: report it as it is.
    throw signal?.aborted ? cancelledError() : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    source.destroy();
  }
  if (length !== body.length) {
    throw new Error(`The request body has ${length > body.length ? 'more' : 'fewer'} bytes than the ${body.length} it declared (the file changed while being sent?).`);
  }
  return Buffer.concat(chunks, length);
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[key] = headers[key] === undefined ? text : `${headers[key]}, ${text}`;
  }
  return headers;
}

function sameHost(rules: string, host: string): boolean {
  try {
    return new URL(rules).hostname.replace(/^\[|\]$/g, '').toLowerCase() === host.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

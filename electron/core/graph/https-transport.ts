/**
 * One HTTPS exchange on node:https, nothing more: no retries, no tokens, no redirects.
 *
 * It owns what every Graph call shares: a keep-alive agent trusting the profile's extra CA, the two kinds of
 * timeout (a deadline for JSON calls, an idle limit for transfers that may rightly take an hour), the
 * AbortSignal, and turning socket errors into a `ConnectionFailure` that says whether resending is safe.
 * The response body is handed back as a stream, unread, so a 1 GiB download never sits in memory.
 */
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { httpsAgentOptions } from '../net/https-agent-options.js';
import { isCertificateFailure } from '../net/network-error.js';
import { ConnectionFailure } from '../net/connection-failure.js';
import type { HttpTransport, IncomingResponse, OutgoingRequest } from '../net/http-transport.js';
import { cancelledError, throwIfCancelled } from './cancellation.js';


export class HttpsTransport implements HttpTransport {
  private readonly agent: Agent;

  constructor(caFile?: string) {
    // keepAlive: paging and upload chunks reuse one TLS session instead of a handshake per request.
    this.agent = new Agent({ keepAlive: true, ...httpsAgentOptions(caFile) });
  }

  send(request: OutgoingRequest): Promise<IncomingResponse> {
    throwIfCancelled(request.signal);
    const { url, signal } = request;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body) headers['content-length'] = String(request.body.kind === 'bytes' ? request.body.bytes.length : request.body.length);

    return new Promise((resolve, reject) => {
      // Why the exchange was cut short by us (timeout); socket errors that follow are explained by it.
      let ourReason: ConnectionFailure | undefined;
      let sourceFailure: Error | undefined;
      let timer: NodeJS.Timeout | undefined;

      const explain = (error: unknown): unknown => {
        if (signal?.aborted) return cancelledError();
        if (ourReason) return ourReason;
        if (sourceFailure) return sourceFailure;
        if (error instanceof ConnectionFailure) return error;
        if (error instanceof Error && isSocketError(error)) return new ConnectionFailure(url, error, !secured);
        return error;
      };

      const req = httpsRequest(url, { method: request.method, headers, agent: this.agent, ...(signal ? { signal } : {}) });
      // The request is written only once TLS is up: a reset during the handshake proves nothing was sent,
      // so even a POST may be resent. A reused keep-alive socket is up already.
      let secured = false;
      req.once('socket', (socket: TLSSocket) => {
        if (socket.connecting || !socket.encrypted) socket.once('secureConnect', () => (secured = true));
        else secured = true;
      });
      const cut = (message: string): void => {
        ourReason = new ConnectionFailure(url, Object.assign(new Error(message), { code: 'ETIMEDOUT' }));
        req.destroy(ourReason);
      };
      const seconds = formatSeconds(request.timeoutMs);
      if (request.timeout === 'deadline') {
        timer = setTimeout(() => cut(`no answer within ${seconds}`), request.timeoutMs);
      } else {
        req.setTimeout(request.timeoutMs, () => cut(`no data for ${seconds}`));
      }
      const clear = (): void => clearTimeout(timer);

      req.on('response', (stream: IncomingMessage) => {
        stream.once('close', clear);
        resolve({ url, status: stream.statusCode ?? 0, headers: flattenHeaders(stream.headers), stream, explain });
      });
      req.on('error', (error) => {
        clear();
        reject(explain(error));
      });

      const body = request.body;
      if (!body) {
        req.end();
      } else if (body.kind === 'bytes') {
        req.end(body.bytes);
      } else {
        const source = body.open();
        source.once('error', (error) => {
          // A local read error (file gone, disk) is not a network failure: report it as it is.
          sourceFailure = error;
          req.destroy(error);
        });
        // An early answer (413, 401) or a broken socket ends the request first: close the file with it.
        req.once('close', () => source.destroy());
        source.pipe(req);
      }
    });
  }

  /** Closes every connection of this transport, idle or not: for when the client is done. */
  close(): void {
    this.agent.destroy();
  }
}

function isSocketError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return false;
  // errno names (ECONNRESET, EPIPE, ETIMEDOUT…), TLS and HTTP parser failures, a body cut short.
  return /^E[A-Z]+$/.test(code) || code.startsWith('ERR_TLS') || code.startsWith('HPE_') || code === 'ERR_STREAM_PREMATURE_CLOSE' || isCertificateFailure(code);
}

function flattenHeaders(raw: IncomingMessage['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

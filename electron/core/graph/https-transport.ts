/**
 * One HTTPS exchange on node:https, nothing more: no retries, no tokens, no redirects.
 *
 * It owns what every Graph and sign-in request shares: the proxy decision per request (proxy-decision.ts) with a
 * keep-alive agent per route (direct, or a CONNECT tunnel through a proxy), the trust (OS store, Node's roots and
 * the profile's CA), the two kinds of timeout (a deadline for JSON calls, an idle limit for transfers that may
 * rightly take an hour), the AbortSignal, and turning socket errors into a `ConnectionFailure` that says whether
 * resending is safe (a `ProxyConnectionFailure` when the proxy itself failed).
 * The response body is handed back as a stream, unread, so a 1 GiB download never sits in memory.
 */
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { quickTrustContext, trustContext } from '../net/https-agent-options.js';
import { isCertificateFailure } from '../net/network-error.js';
import { ConnectionFailure } from '../net/connection-failure.js';
import { resolveProxy, type ProxySetting } from '../net/proxy-decision.js';
import { ProxyConnectionFailure, ProxyError } from '../net/proxy-failure.js';
import { TunnelAgent } from '../net/tunnel-agent.js';
import type { HttpTransport, IncomingResponse, OutgoingRequest } from '../net/http-transport.js';
import { cancelledError, throwIfCancelled } from './cancellation.js';

export interface HttpsTransportOptions extends ProxySetting {
  /** PEM file of an extra CA to trust besides the OS trust store and Node's roots. */
  caFile?: string | undefined;
}

export class HttpsTransport implements HttpTransport {
  /** One keep-alive agent per route: '' for direct, else the proxy's URL with its credentials. */
  private readonly agents = new Map<string, Agent>();
  private readonly setting: ProxySetting;
  private readonly caFile: string | undefined;
  /**
   * False while connections use the quick trust (Node's roots and the profile's CA); true once a certificate it
   * did not trust made this transport take the OS store as well (https-agent-options.ts says why).
   */
  private fullTrust = false;
  private readonly retiredAgents: Agent[] = [];

  /** @param env read per request (HTTPS_PROXY, NO_PROXY…); tests pass their own. */
  constructor(
    options: HttpsTransportOptions = {},
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.caFile = options.caFile;
    this.setting = { proxy: options.proxy, proxySource: options.proxySource };
  }

  /** The agent for a target's route, made on first use so the trust store is read only when a request goes out. */
  private agentFor(url: URL): { agent: Agent; proxy: string | undefined } {
    const { decision, endpoint } = resolveProxy(url, this.setting, this.env);
    const key = endpoint ? `${endpoint.protocol}//${endpoint.hostPort}\0${endpoint.authorization ?? ''}` : '';
    let agent = this.agents.get(key);
    if (!agent) {
      const trust = () => (this.fullTrust ? trustContext(this.caFile) : quickTrustContext(this.caFile));
      // keepAlive: paging and upload chunks reuse one TLS session (and tunnel) instead of a handshake per request.
      agent = endpoint ? new TunnelAgent({ keepAlive: true, proxy: endpoint, via: decision.rule ?? 'the proxy setting', trust }) : new Agent({ keepAlive: true, secureContext: trust() });
      this.agents.set(key, agent);
    }
    return { agent, proxy: endpoint?.hostPort };
  }

  /**
   * A certificate the quick trust did not accept is tried once more with the full trust (the OS store too): a
   * failed certificate check ends the handshake before the request is written, so nothing was sent twice.
   */
  async send(request: OutgoingRequest): Promise<IncomingResponse> {
    try {
      return await this.sendOnce(request);
    } catch (error) {
      if (this.fullTrust || !(error instanceof ConnectionFailure) || !isCertificateFailure(error.code)) throw error;
      this.fullTrust = true;
      // New agents for every route; the old ones may still carry other requests, so they are closed only with
      // the transport (close()), not now.
      for (const agent of this.agents.values()) this.retiredAgents.push(agent);
      this.agents.clear();
      return this.sendOnce(request);
    }
  }

  private sendOnce(request: OutgoingRequest): Promise<IncomingResponse> {
    throwIfCancelled(request.signal);
    const { url, signal } = request;
    let route: { agent: Agent; proxy: string | undefined };
    try {
      route = this.agentFor(url);
    } catch (error) {
      // A proxy setting that cannot be used (garbage in HTTPS_PROXY) or an unreadable CA file: said as it is.
      return Promise.reject(error);
    }
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
        if (error instanceof ProxyError) return new ProxyConnectionFailure(url, error);
        if (error instanceof Error && isSocketError(error)) return new ConnectionFailure(url, error, !secured, route.proxy);
        return error;
      };

      const req = httpsRequest(url, { method: request.method, headers, agent: route.agent, ...(signal ? { signal } : {}) });
      // A request destroyed before the agent handed it a socket says so only once the socket arrives, and a
      // tunnel's socket arrives only when TLS is up behind the proxy: a proxy that answered CONNECT and then went
      // silent would hold a timed-out or cancelled request forever. So those two settle the promise themselves.
      const settleEarly = (reason: unknown): void => {
        if (req.socket) return;
        clearTimeout(timer);
        reject(explain(reason));
      };
      const onAbort = (): void => settleEarly(cancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('close', () => signal?.removeEventListener('abort', onAbort));
      // The request is written only once TLS is up: a reset during the handshake proves nothing was sent,
      // so even a POST may be resent. A reused keep-alive socket is up already.
      let secured = false;
      req.once('socket', (socket: TLSSocket) => {
        if (socket.connecting || !socket.encrypted) socket.once('secureConnect', () => (secured = true));
        else secured = true;
      });
      const cut = (message: string): void => {
        // Cut before TLS was up (a proxy silent after CONNECT, a stalled handshake): nothing was sent.
        ourReason = new ConnectionFailure(url, Object.assign(new Error(message), { code: 'ETIMEDOUT' }), !secured, route.proxy);
        req.destroy(ourReason);
        settleEarly(ourReason);
      };
      const seconds = formatSeconds(request.timeoutMs);
      if (request.timeout === 'deadline') {
        timer = setTimeout(() => cut(`no answer within ${seconds}`), request.timeoutMs);
      } else {
        // req.setTimeout arms only once the agent hands over a socket, and the tunnel agent does that only when
        // TLS is up: until then a proxy that answered CONNECT and went silent would hold the transfer forever.
        timer = setTimeout(() => cut(`no data for ${seconds}`), request.timeoutMs);
        req.once('socket', () => clearTimeout(timer));
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
    for (const agent of [...this.agents.values(), ...this.retiredAgents.splice(0)]) agent.destroy();
    this.agents.clear();
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

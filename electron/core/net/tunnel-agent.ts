/**
 * An https.Agent that reaches every server through an HTTP CONNECT tunnel to one proxy, with Basic credentials.
 *
 * Why our own ~100 lines instead of `https-proxy-agent` or Node's env-proxy support:
 * - Node 22's agents have no per-request proxy (NODE_USE_ENV_PROXY / `proxyEnv` arrived later and read only the
 *   environment, while Delegate's config.json setting must override it per profile);
 * - https-proxy-agent (only 5.0.1 at the top of our tree; 7.x would need a new direct dependency) replays a
 *   proxy's non-200 CONNECT answer as if the target server had sent it, so a proxy's 407 or 502 would read as
 *   Graph's own status (a 502 would even be retried as a Graph outage) and the message would name the wrong host.
 * Here a refused or failed tunnel is a ProxyError naming the proxy and the setting that chose it, while keep-alive
 * pooling stays Node's own: a tunnelled TLS socket is an ordinary socket to the agent, reused across requests.
 */
import { Agent, type AgentOptions } from 'node:https';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type SecureContext } from 'node:tls';
import type { Duplex } from 'node:stream';
import { ProxyError, type ProxyProblem } from './proxy-failure.js';
import type { ProxyEndpoint } from './proxy-url.js';

/** A proxy that neither answers nor fails is given this long to answer CONNECT. */
const CONNECT_TIMEOUT_MS = 30_000;
/** A CONNECT answer's head is a few hundred bytes; anything this long is not a proxy speaking HTTP. */
const MAX_HEAD_BYTES = 16 * 1024;

export interface TunnelAgentOptions extends AgentOptions {
  proxy: ProxyEndpoint;
  /** The setting that chose the proxy, for messages. */
  via: string;
  /** Trust for both the proxy (an https:// proxy) and the servers behind it. */
  trust: () => SecureContext;
}

type ConnectCallback = (error: Error | null, socket: Duplex) => void;

export class TunnelAgent extends Agent {
  private readonly proxy: ProxyEndpoint;
  private readonly via: string;
  private readonly trust: () => SecureContext;

  constructor(options: TunnelAgentOptions) {
    const { proxy, via, trust, ...agentOptions } = options;
    super(agentOptions);
    this.proxy = proxy;
    this.via = via;
    this.trust = trust;
  }

  // Node's Agent accepts the socket through the callback when createConnection returns nothing.
  override createConnection(options: ConnectionOptions & { host?: string; port?: number }, callback?: ConnectCallback): Duplex | null | undefined {
    const done = callback ?? (() => undefined);
    const host = (options.host ?? 'localhost').replace(/^\[(.*)\]$/, '$1');
    const port = Number(options.port ?? 443);
    const tunnelTo = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
    const fail = (problem: ProxyProblem): void => done(new ProxyError(this.proxy, this.via, tunnelTo, problem), undefined as unknown as Duplex);
    const raw = this.connectToProxy();
    let settled = false;
    let head = Buffer.alloc(0);
    const timer = setTimeout(() => raw.destroy(Object.assign(new Error(`no answer to CONNECT within ${CONNECT_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })), CONNECT_TIMEOUT_MS);
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      raw.off('data', onData);
      return true;
    };
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES && settle()) {
          raw.destroy();
          fail({ kind: 'broken', reason: 'the answer to CONNECT is not HTTP' });
        }
        return;
      }
      if (!settle()) return;
      const answer = parseHead(head.subarray(0, end).toString('latin1'));
      if (!answer) {
        raw.destroy();
        fail({ kind: 'broken', reason: 'the answer to CONNECT is not HTTP' });
        return;
      }
      if (answer.status !== 200) {
        raw.destroy();
        fail({ kind: 'refused', status: answer.status, statusText: answer.statusText, authenticate: answer.headers.get('proxy-authenticate') });
        return;
      }
      // Bytes after the head would belong to the server's TLS; a proxy has no business sending any yet.
      if (head.length > end + 4) raw.unshift(head.subarray(end + 4));
      const servername = options.servername || host;
      let secure: ReturnType<typeof tlsConnect>;
      try {
        secure = tlsConnect({ ...options, host, port, socket: raw, secureContext: options.secureContext ?? this.trust(), ...(isIP(servername) ? {} : { servername }) });
      } catch (error) {
        raw.destroy();
        done(error as Error, undefined as unknown as Duplex);
        return;
      }
      // Handed over only once TLS is up, so the request knows a failure before this point sent nothing
      // (and an untrusted certificate or a tunnel cut mid-handshake is told apart from a refused tunnel).
      const onHandshakeError = (error: Error): void => done(error, undefined as unknown as Duplex);
      secure.once('error', onHandshakeError);
      secure.once('secureConnect', () => {
        secure.off('error', onHandshakeError);
        done(null, secure);
      });
    };
    raw.on('data', onData);
    raw.once('error', (error: Error) => {
      if (settle()) fail({ kind: 'unreachable', cause: error });
    });
    raw.once('close', () => {
      if (settle()) fail({ kind: 'broken', reason: 'it closed the connection without answering CONNECT' });
    });
    raw.once(this.proxy.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      const lines = [`CONNECT ${tunnelTo} HTTP/1.1`, `Host: ${tunnelTo}`];
      if (this.proxy.authorization) lines.push(`Proxy-Authorization: ${this.proxy.authorization}`);
      raw.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    return undefined;
  }

  private connectToProxy(): Socket {
    const { hostname, port, protocol } = this.proxy;
    if (protocol === 'https:') {
      return tlsConnect({ host: hostname, port, secureContext: this.trust(), ...(isIP(hostname) ? {} : { servername: hostname }) });
    }
    return netConnect({ host: hostname, port });
  }
}

function parseHead(text: string): { status: number; statusText: string; headers: Map<string, string> } | undefined {
  const [statusLine, ...lines] = text.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine ?? '');
  if (!match) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { status: Number(match[1]), statusText: (match[2] ?? '').trim(), headers };
}

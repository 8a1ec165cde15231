/**
 * A real forward proxy for the tests: HTTP CONNECT on loopback, demanding Basic credentials, and the only thing
 * that can resolve names under `.test` (each to 127.0.0.1), so a request that reaches `login.delegate.test`
 * provably went through it. It records every tunnel it was asked for, and can misbehave on demand:
 * - `close-tunnel`: answers 200 to CONNECT, then closes the connection;
 * - `bad-gateway`: answers CONNECT with 502;
 * - `intercept`: a TLS-inspecting proxy: it ends the client's TLS with its own certificate for `*.delegate.test`
 *   (signed by its own root, which the test installs in the "OS trust store") and opens a new TLS connection to
 *   the real server, trusting that server's CA.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect as netConnect, isIP, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';

export type ProxyMode = 'tunnel' | 'close-tunnel' | 'bad-gateway' | 'intercept';

export interface Tunnel {
  /** `host:port` as asked for in CONNECT. */
  target: string;
  /** What the proxy answered. */
  status: number;
}

export interface ConnectProxyOptions {
  user?: string;
  password?: string;
  /** Listen on `::1` instead of 127.0.0.1. */
  ipv6?: boolean;
  /** For `intercept`: the proxy's own certificate and key, and the CA that the upstream server's certificate chains to. */
  interception?: { certificatePem: string; keyPem: string; upstreamCaPem: string };
}

export interface ConnectProxy {
  /** `http://user:password@127.0.0.1:P` (credentials as given, or as overridden). */
  url(credentials?: { user: string; password: string } | null): string;
  hostPort: string;
  tunnels: Tunnel[];
  mode: ProxyMode;
  close(): Promise<void>;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const user = options.user ?? 'proxyuser';
  const password = options.password ?? 'proxy-pa55';
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((_request, response) => {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('This test proxy only tunnels (CONNECT).\n');
  });
  const proxy: ConnectProxy = {
    url: (credentials = { user, password }) => `http://${credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@` : ''}${proxy.hostPort}`,
    hostPort: '',
    tunnels: [],
    mode: 'tunnel',
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    const target = request.url ?? '';
    const answer = (status: number, text: string, extra = ''): void => {
      proxy.tunnels.push({ target, status });
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Content-Length: 0\r\n\r\n`);
    };
    if (request.headers['proxy-authorization'] !== expected) {
      return answer(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="delegate-test-proxy"\r\n');
    }
    const address = resolve(target);
    if (!address) return answer(502, 'Bad Gateway');
    if (proxy.mode === 'bad-gateway') return answer(502, 'Bad Gateway');
    proxy.tunnels.push({ target, status: 200 });
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (proxy.mode === 'close-tunnel') {
      client.destroy();
      return;
    }
    if (proxy.mode === 'intercept') {
      const interception = options.interception;
      if (!interception) throw new Error('connect-proxy: intercept mode needs `interception` certificates');
      const inner = new TLSSocket(client, { isServer: true, cert: interception.certificatePem, key: interception.keyPem });
      track(inner);
      const upstream = tlsConnect({ host: address.host, port: address.port, servername: address.name, ca: interception.upstreamCaPem });
      track(upstream);
      inner.pipe(upstream).pipe(inner);
      bind(inner, upstream);
      return;
    }
    const upstream = netConnect({ host: address.host, port: address.port });
    track(upstream);
    upstream.once('connect', () => {
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    bind(client, upstream);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, options.ipv6 ? '::1' : '127.0.0.1', () => resolveListen());
  });
  const { address, port } = server.address() as AddressInfo;
  proxy.hostPort = isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
  return proxy;
}

/** One side going away takes the other with it, as a real proxy's tunnel does. */
function bind(a: Duplex, b: Duplex): void {
  a.once('close', () => b.destroy());
  b.once('close', () => a.destroy());
}

/** Names under `.test` and loopback IPs go to loopback; nothing else exists for this proxy. */
function resolve(target: string): { host: string; port: number; name: string } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  if (!match) return undefined;
  const name = (match[1] ?? '').toLowerCase();
  const port = Number(match[2]);
  if (name === '127.0.0.1' || name === '::1') return { host: name, port, name };
  if (name.endsWith('.test')) return { host: '127.0.0.1', port, name };
  return undefined;
}

/**
 * The low-level steps doctor takes towards one host: a DNS lookup (all addresses), a TCP connect, a CONNECT
 * tunnel through a proxy, and a TLS handshake that keeps the peer's certificate chain however it verifies, so
 * an untrusted chain can be shown and explained instead of only refused. Each step is bounded by its caller.
 */
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { effectivePort } from './proxy-credentials.js';

export interface Resolved {
  addresses: Array<{ address: string; family: number }>;
}

export async function resolveHost(hostname: string): Promise<Resolved> {
  const addresses = await lookup(bare(hostname), { all: true, verbatim: true });
  return { addresses };
}

/** Connects and closes; resolves with the address connected to. */
export function tcpConnect(host: string, port: number, register: (cleanup: () => void) => void): Promise<{ address: string }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: bare(host), port });
    register(() => socket.destroy());
    socket.once('connect', () => {
      const address = socket.remoteAddress ?? host;
      socket.destroy();
      resolve({ address });
    });
    socket.once('error', reject);
  });
}

export class ProxyRefused extends Error {
  override name = 'ProxyRefused';
  constructor(readonly status: number, readonly statusText: string) {
    super(`the proxy answered CONNECT with ${status} ${statusText}`.trim());
  }
}

/** Opens a CONNECT tunnel to `target` (host:port) through an http:// proxy; resolves with the tunnel's socket. */
export function openTunnel(proxy: URL, target: string, register: (cleanup: () => void) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: target };
    if (proxy.username) {
      const user = decodeURIComponent(proxy.username);
      const password = decodeURIComponent(proxy.password);
      headers['proxy-authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    }
    const request = httpRequest({ host: bare(proxy.hostname), port: effectivePort(proxy), method: 'CONNECT', path: target, headers, agent: false });
    register(() => request.destroy());
    request.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new ProxyRefused(response.statusCode ?? 0, response.statusMessage ?? ''));
        return;
      }
      resolve(socket);
    });
    request.once('error', reject);
    request.end();
  });
}

export interface Handshake {
  /** The peer's chain, leaf first, as the server sent it (plus what Node completed from the trust stores). */
  chain: X509Certificate[];
  authorized: boolean;
  /** Node's verification error code when not authorized (UNABLE_TO_GET_ISSUER_CERT_LOCALLY, CERT_HAS_EXPIRED…). */
  error: string | null;
  protocol: string | null;
}

/** A TLS handshake that does not refuse an untrusted peer, so its chain can be examined. */
export function tlsHandshake(
  options: { host: string; port: number; ca: string[]; socket?: Socket },
  register: (cleanup: () => void) => void,
): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const host = bare(options.host);
    const socket: TLSSocket = tlsConnect({
      ...(options.socket ? { socket: options.socket } : { host, port: options.port }),
      ...(isIP(host) ? {} : { servername: host }),
      ca: options.ca,
      // Deliberately not refused here: the verdict is `authorized`/`authorizationError`, read below.
      rejectUnauthorized: false,
    });
    register(() => socket.destroy());
    socket.once('secureConnect', () => {
      const chain = peerChain(socket.getPeerCertificate(true));
      const result: Handshake = {
        chain,
        authorized: socket.authorized,
        error: socket.authorized ? null : String(socket.authorizationError ?? 'unknown'),
        protocol: socket.getProtocol(),
      };
      socket.destroy();
      resolve(result);
    });
    socket.once('error', reject);
  });
}

function peerChain(leaf: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    // A self-signed root names itself as its issuer: the loop ends at it.
    current = current.issuerCertificate;
  }
  return chain;
}

/** `[::1]` → `::1`: URL keeps the brackets, sockets do not want them. */
function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

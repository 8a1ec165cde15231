/**
 * Which network stack Delegate's requests go through, chosen once per process by its entry point.
 *
 * The CLI and daemon keep the default, node:https; the desktop app's shell installs one over Electron's
 * `net.fetch` (Chromium's proxy, PAC/WPAD, NTLM/Kerberos and OS trust store) at start, so `electron/core` never
 * imports `electron` yet every request of the app goes through Chromium.
 */
import { HttpsTransport } from '../graph/https-transport.js';
import type { HttpTransport } from './http-transport.js';
import { resolveProxy, type ProxyDecision } from './proxy-decision.js';

export interface TransportOptions {
  /** PEM file of an extra CA to trust besides the OS trust store (the profile's `caFile`). */
  caFile?: string;
  /** The profile's or config.json's `proxy` setting (a URL or `direct`), which overrides the environment. */
  proxy?: string;
  /** Which config.json level gave `proxy` (see transportOptionsFor); for ProxyDecision.source. Default `config`. */
  proxySource?: 'profile' | 'config';
}

export interface TransportFactory {
  /** A short name for `doctor` and support: "node" or "chromium". */
  readonly name: string;
  create(options: TransportOptions): HttpTransport;
  /**
   * Which proxy (if any) a request to `target` would go through, and why. Rejects with a DelegateError
   * (invalid-config) naming the variable or setting when the proxy URL there cannot be used.
   */
  describeProxy(target: URL, options: TransportOptions): Promise<ProxyDecision>;
}

const nodeFactory: TransportFactory = {
  name: 'node',
  create: (options) => new HttpsTransport(options),
  describeProxy: async (target, options) => resolveProxy(target, options).decision,
};

let current: TransportFactory = nodeFactory;

/** Called once by an entry point (the Electron shell) before any request is made. */
export function useTransportFactory(factory: TransportFactory): void {
  current = factory;
}

export function transportFactory(): TransportFactory {
  return current;
}

export function createTransport(options: TransportOptions = {}): HttpTransport {
  return current.create(options);
}

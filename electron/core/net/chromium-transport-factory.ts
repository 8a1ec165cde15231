/**
 * The desktop app's TransportFactory ("chromium"): every request of the app over Chromium's stack.
 *
 * The shell gives it Chromium sessions, one per proxy setting (none: the system's proxy, PAC/WPAD; "direct";
 * or a fixed proxy from config.json), set up before their first request; and the ProfileCaTrust its verify
 * procedure consults, so a profile's `caFile` is honoured on exactly the hosts that profile talks to.
 */
import { ChromiumTransport } from './chromium-transport.js';
import type { ChromiumNetwork } from './chromium-net.js';
import { proxyDecisionFromPac, readProxySetting, type ChromiumProxySetting } from './chromium-proxy.js';
import type { ProfileCaTrust } from './profile-ca-trust.js';
import type { TransportFactory, TransportOptions } from './transport-factory.js';

export interface ChromiumTransportFactoryOptions {
  /** The session for a proxy setting, ready to use (its proxy applied); the same one for the same setting. */
  network: (setting: ChromiumProxySetting) => Promise<ChromiumNetwork>;
  trust: ProfileCaTrust;
}

export function createChromiumTransportFactory(options: ChromiumTransportFactoryOptions): TransportFactory {
  return {
    name: 'chromium',
    create: (transport: TransportOptions) => {
      const { caFile } = transport;
      let setting: ChromiumProxySetting;
      let network: () => Promise<ChromiumNetwork>;
      try {
        setting = readProxySetting(transport.proxy);
        const chosen = setting;
        network = () => options.network(chosen);
      } catch (error) {
        // A malformed proxy setting fails the requests (with the invalid-config error), not the client's creation.
        setting = { kind: 'system', key: 'system' };
        network = () => Promise.reject(error);
      }
      return new ChromiumTransport({ network, setting, ...(caFile ? { onHost: (hostname: string) => options.trust.allow(hostname, caFile) } : {}) });
    },
    describeProxy: async (target, transport) => {
      const setting = readProxySetting(transport.proxy);
      const network = await options.network(setting);
      return proxyDecisionFromPac(target, await network.resolveProxy(target.href), setting);
    },
  };
}

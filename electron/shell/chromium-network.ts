/**
 * Installs the Chromium transport for the whole app: from here on msal's and Graph's requests go through
 * Chromium's stack (system proxy, PAC/WPAD, NTLM/Kerberos/Negotiate, the OS trust store).
 *
 * Sessions: Delegate's requests never use the window's session (`session.defaultSession`). They get sessions of
 * their own, in memory (`delegate-net`, plus `delegate-net-<hash>` per fixed proxy setting): no web contents
 * is ever created on these partitions, so the renderer cannot send through them or see their state; the
 * window's CSP hook does not touch API answers; and nothing (no cache, no cookie) is written to disk, where
 * Graph answers such as mail would otherwise land. The one without a setting follows the system's proxy
 * configuration, which is Chromium's default; "direct" and fixed proxies are applied with `setProxy` before the
 * session's first request. Proxy passwords never reach Chromium's settings: they are given only in answer to
 * that proxy's challenge (chromium-transport.ts).
 *
 * Each session's certificate verify procedure consults ProfileCaTrust (a profile's `caFile`); everything else
 * keeps Chromium's own verdict.
 */
import { createHash } from 'node:crypto';
import { net, session as sessions, type Session } from 'electron';
import type { ChromiumNetwork, NetClientRequest } from '../core/net/chromium-net.js';
import type { ChromiumProxySetting } from '../core/net/chromium-proxy.js';
import { createChromiumTransportFactory } from '../core/net/chromium-transport-factory.js';
import { ProfileCaTrust } from '../core/net/profile-ca-trust.js';
import { useTransportFactory } from '../core/net/transport-factory.js';

export const NET_PARTITION = 'delegate-net';

/** Call once the app is ready (Electron's net needs it) and before the first request. */
export function installChromiumTransport(): ProfileCaTrust {
  const trust = new ProfileCaTrust();
  const ready = new Map<string, Promise<ChromiumNetwork>>();
  const network = (setting: ChromiumProxySetting): Promise<ChromiumNetwork> => {
    let session = ready.get(setting.key);
    if (!session) {
      session = openSession(setting, trust);
      ready.set(setting.key, session);
      // A failed setProxy is tried again by the next request rather than remembered.
      session.catch(() => ready.delete(setting.key));
    }
    return session;
  };
  useTransportFactory(createChromiumTransportFactory({ network, trust }));
  return trust;
}

export function partitionFor(setting: ChromiumProxySetting): string {
  if (setting.kind === 'system') return NET_PARTITION;
  return `${NET_PARTITION}-${createHash('sha256').update(setting.key).digest('hex').slice(0, 16)}`;
}

async function openSession(setting: ChromiumProxySetting, trust: ProfileCaTrust): Promise<ChromiumNetwork> {
  // No "persist:" prefix: an in-memory session.
  const session: Session = sessions.fromPartition(partitionFor(setting), { cache: false });
  session.setCertificateVerifyProc((request, callback) => callback(trust.verdict(request)));
  if (setting.kind === 'direct') await session.setProxy({ mode: 'direct' });
  if (setting.kind === 'fixed') await session.setProxy({ mode: 'fixed_servers', proxyRules: setting.rules });
  return {
    // Electron's ClientRequest and IncomingMessage are Node streams at run time; its typings declare them as
    // plain event emitters, hence the cast to the narrower shape core uses (chromium-net.ts).
    request: (options) => net.request({ ...options, session }) as unknown as NetClientRequest,
    resolveProxy: (url) => session.resolveProxy(url),
  };
}

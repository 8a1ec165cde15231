/**
 * Builds msal-node's PublicClientApplication for a profile: its authority, its keychain-backed cache plugin and
 * a network client on Delegate's transport with the profile's proxy and extra CA. Logging is off: msal logs can carry PII.
 */
import { LogLevel, PublicClientApplication, type ICachePlugin } from '@azure/msal-node';
import type { IPersistence } from '@azure/msal-node-extensions';
import { openCachePersistence, keychainUnavailable } from './cache-persistence.js';
import { LockedCachePlugin } from './cache-plugin.js';
import { authorityUrl, endpointsFor } from './cloud-endpoints.js';
import { NetworkClient } from './network-client.js';
import { transportOptionsFor } from '../net/profile-transport-options.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';

export interface MsalContext {
  app: PublicClientApplication;
  persistence: IPersistence;
  /** Kept so errors can name the real network cause msal wraps as `endpoints_resolution_error`. */
  network: NetworkClient;
  /** The locked keychain plugin, for cache edits msal has no call for (refresh-token-removal.ts). */
  cachePlugin: ICachePlugin;
}

export async function createMsalApp(profile: Profile, paths: ProfilePaths, options: { signal?: AbortSignal } = {}): Promise<MsalContext> {
  const persistence = await openCachePersistence(profile, paths);
  const cachePlugin = new LockedCachePlugin(persistence, paths.cacheLock, (error) => keychainUnavailable(profile, error));
  // The profile's CA and proxy (config.json), so sign-in goes the way its Graph calls go.
  const network = new NetworkClient({ ...transportOptionsFor(paths.home, profile), ...(options.signal ? { signal: options.signal } : {}) });
  const custom = profile.cloud === 'custom';
  const app = new PublicClientApplication({
    auth: {
      clientId: profile.clientId,
      authority: authorityUrl(profile),
      // A custom host is trusted as given (msal then reads its OpenID metadata) instead of asking the global
      // cloud's instance discovery about a host it cannot know.
      ...(custom ? { knownAuthorities: [new URL(endpointsFor(profile).authorityHost).host] } : {}),
    },
    cache: { cachePlugin },
    system: {
      networkClient: network,
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  });
  return { app, persistence, network, cachePlugin };
}

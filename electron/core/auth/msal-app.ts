/**
 * Builds msal-node's PublicClientApplication for a profile: its authority, its keychain-backed cache plugin and
 * a network client on Delegate's transport with the profile's proxy and extra CA. Logging is off: msal logs can carry PII.
 */
import { LogLevel, PublicClientApplication, type ICachePlugin } from '@azure/msal-node';
import type { IPersistence } from '@azure/msal-node-extensions';
import { openCachePersistence, keychainUnavailable, openCaeCachePersistence } from './cache-persistence.js';
import { CaePartitionStorage } from './cae-partition.js';
import { LockedCachePlugin } from './cache-plugin.js';
import { authorityUrl, endpointsFor } from './cloud-endpoints.js';
import type { AuthorityMetadata } from './authority-metadata.js';
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

/**
 * `cae`: the app of Delegate's own Graph calls — it declares client capability CP1 (Continuous Access Evaluation)
 * and keeps its access tokens in the CAE partition (cae-partition.ts). Without it: standard tokens, for scripts.
 */
export async function createMsalApp(
  profile: Profile,
  paths: ProfilePaths,
  options: { signal?: AbortSignal; cae?: boolean; memoryOnly?: boolean; metadata?: AuthorityMetadata; preloaded?: string } = {},
): Promise<MsalContext> {
  const persistence = await openCachePersistence(profile, paths);
  const storage = options.cae ? new CaePartitionStorage(persistence, await openCaeCachePersistence(profile, paths)) : persistence;
  // `preloaded`: the profile's entry as this process just read it (silent-token.ts), for msal's first lookup.
  const cachePlugin = new LockedCachePlugin(storage, paths.cacheLock, (error) => keychainUnavailable(profile, error), options.cae ? undefined : options.preloaded);
  // The profile's CA and proxy (config.json), so sign-in goes the way its Graph calls go.
  const network = new NetworkClient({ ...transportOptionsFor(paths.home, profile), ...(options.signal ? { signal: options.signal } : {}) });
  const custom = profile.cloud === 'custom';
  const app = new PublicClientApplication({
    auth: {
      clientId: profile.clientId,
      authority: authorityUrl(profile),
      ...(options.cae ? { clientCapabilities: ['CP1'] } : {}),
      // A custom host is trusted as given (msal then reads its OpenID metadata) instead of asking the global
      // cloud's instance discovery about a host it cannot know.
      ...(custom ? { knownAuthorities: [new URL(endpointsFor(profile).authorityHost).host] } : {}),
      // What an earlier run fetched (authority-metadata.ts): msal then asks the network for nothing but the token.
      ...(options.metadata?.authorityMetadata ? { authorityMetadata: options.metadata.authorityMetadata } : {}),
      ...(options.metadata?.cloudDiscoveryMetadata ? { cloudDiscoveryMetadata: options.metadata.cloudDiscoveryMetadata } : {}),
    },
    // memoryOnly: the cache stays in this process (import proves a refresh token before anything is stored).
    cache: options.memoryOnly ? {} : { cachePlugin },
    system: {
      networkClient: network,
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  });
  return { app, persistence, network, cachePlugin };
}

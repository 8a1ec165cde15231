/**
 * Deleting one account's refresh tokens from the msal cache, as Entra asks after AADSTS530036 ("the refresh token
 * should be deleted") and a Conditional Access block on refresh.
 *
 * The account, its ID token and any access token still valid stay: the profile still knows who is signed in (the
 * status can name them and say why they are blocked), and nothing will ever redeem the dead refresh token again.
 * Done through msal's token cache API inside one cache access of the locked plugin, so it is written back to the
 * keychain like any other change and cannot race the app, the daemon or another CLI process.
 */
import { TokenCacheContext, type ICachePlugin, type PublicClientApplication } from '@azure/msal-node';

/** An entry of msal's key-value store, as far as this needs to know it. */
interface CacheEntry {
  credentialType?: unknown;
  homeAccountId?: unknown;
}

/** Removes every refresh token of `homeAccountId` (family ones included); answers how many went. */
export async function removeRefreshTokens(app: PublicClientApplication, plugin: ICachePlugin, homeAccountId: string): Promise<number> {
  const cache = app.getTokenCache();
  const access = new TokenCacheContext(cache, true);
  await plugin.beforeCacheAccess(access);
  let removed = 0;
  try {
    // getKVStore is msal's live store (deserialize only ever adds to it); the write-back's merge drops what is gone.
    const store = cache.getKVStore() as Record<string, CacheEntry>;
    for (const [key, entry] of Object.entries(store)) {
      if (entry.credentialType === 'RefreshToken' && entry.homeAccountId === homeAccountId) {
        delete store[key];
        removed += 1;
      }
    }
  } finally {
    await plugin.afterCacheAccess(access);
  }
  return removed;
}

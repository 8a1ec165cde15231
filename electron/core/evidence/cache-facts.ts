/**
 * Where a profile's token cache lives, named as a reviewer can look it up: the keychain and its entries (service
 * and account), or the files that hold the cache. Names only: the cache is never opened here.
 */
import { caeKeychainAccount, KEYCHAIN_SERVICE, keychainAccount } from '../auth/keychain-names.js';
import { caeCacheFile } from '../auth/cache-persistence.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { CacheFacts } from './evidence-facts.js';

const SHARED = 'the account, ID token, refresh token and the access tokens handed to scripts';
const CAE = "the CAE access tokens Delegate's own Graph calls use";

export function cacheFacts(profile: Profile, paths: ProfilePaths, platform: NodeJS.Platform = process.platform): CacheFacts {
  if (profile.cacheBackend === 'plaintext') {
    return {
      backend: 'plaintext',
      store: 'Plaintext file readable only by the user (chosen explicitly for this profile; not encrypted)',
      keychainEntries: [],
      cacheFiles: [
        { path: paths.cache, holds: SHARED },
        { path: caeCacheFile(profile, paths), holds: CAE },
      ],
    };
  }
  if (platform === 'win32') {
    return {
      backend: 'keychain',
      store: "Files encrypted with Windows DPAPI for the user's account (CurrentUser scope)",
      keychainEntries: [],
      cacheFiles: [
        { path: paths.cache, holds: SHARED },
        { path: caeCacheFile(profile, paths), holds: CAE },
      ],
    };
  }
  return {
    backend: 'keychain',
    store: platform === 'darwin' ? "macOS Keychain (the user's login keychain)" : 'Secret Service through libsecret (GNOME Keyring, KWallet), the login keyring',
    keychainEntries: [
      { service: KEYCHAIN_SERVICE, account: keychainAccount(profile), holds: SHARED },
      { service: KEYCHAIN_SERVICE, account: caeKeychainAccount(profile), holds: CAE },
    ],
    cacheFiles: [],
  };
}

/**
 * Where one profile's files live inside Delegate's home.
 */
import { join } from 'node:path';

export interface ProfilePaths {
  dir: string;
  /** Per-profile metadata: account, last sign-ins, last probe. No secrets. */
  meta: string;
  /** The MSAL cache file: `{}` plus a fresh mtime when the cache is in the keychain; the cache itself when plaintext. */
  cache: string;
  cacheLock: string;
}

export function configPath(home: string): string {
  return join(home, 'config.json');
}

export function profilePaths(home: string, profileName: string): ProfilePaths {
  const dir = join(home, 'profiles', profileName);
  const cache = join(dir, 'msal-cache.json');
  return { dir, meta: join(dir, 'meta.json'), cache, cacheLock: `${cache}.lockfile` };
}

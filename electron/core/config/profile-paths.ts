/**
 * Where one profile's files live inside Delegate's home.
 */
import { join } from 'node:path';
import { profileDir } from '../home/home-paths.js';

export interface ProfilePaths {
  /** Delegate's home the profile belongs to (its config.json holds the global settings, e.g. `proxy`). */
  home: string;
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

/** A profile's files; throws for a name that is not a valid profile name or would leave `<home>/profiles`. */
export function profilePaths(home: string, profileName: string): ProfilePaths {
  const dir = profileDir(home, profileName);
  const cache = join(dir, 'msal-cache.json');
  return { home, dir, meta: join(dir, 'meta.json'), cache, cacheLock: `${cache}.lockfile` };
}

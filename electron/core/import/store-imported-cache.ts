/**
 * Puts an imported sign-in into the profile's keychain entry in one write, under the cache lock every Delegate
 * process takes (cache-plugin.ts), and gives back the way to undo it.
 *
 * `merge`: the profile is signed in as the same account: the imported entries join the cache (msal keys are the
 * same, so the newer tokens replace the older). `replace`: the profile is signed out: the entry becomes the
 * imported cache alone, and the CAE partition's leftovers (another person's CAE tokens) are emptied, as a sign-in
 * as someone else does. The undo restores both entries byte for byte, or removes what did not exist.
 */
import type { IPersistence } from '@azure/msal-node-extensions';
import { isDelegateError } from '../errors/delegate-error.js';
import { keychainUnavailable, openCachePersistence, openCaeCachePersistence } from '../auth/cache-persistence.js';
import { withKeychainDeadline } from '../auth/keychain-deadline.js';
import { withLock } from '../fs/file-lock.js';
import type { AuthContext } from '../auth/auth-context.js';

export type StoreMode = 'merge' | 'replace';

export type Undo = () => Promise<void>;

const SECTIONS = ['Account', 'IdToken', 'AccessToken', 'RefreshToken', 'AppMetadata'] as const;

export async function storeImportedCache(context: AuthContext, imported: string, mode: StoreMode): Promise<Undo> {
  const { profile, paths } = context;
  const keychain = (error: unknown) => (isDelegateError(error) ? error : keychainUnavailable(profile, error));
  const main = await openCachePersistence(profile, paths);
  const cae = await openCaeCachePersistence(profile, paths);
  const { previous, previousCae } = await withLock(paths.cacheLock, async () => {
    try {
      const before = await withKeychainDeadline(main.load());
      const beforeCae = mode === 'replace' ? await withKeychainDeadline(cae.load()) : null;
      await withKeychainDeadline(main.save(mode === 'merge' && before ? mergeCaches(before, imported) : imported));
      if (mode === 'replace' && beforeCae) await withKeychainDeadline(cae.save(JSON.stringify({ AccessToken: {} })));
      return { previous: before, previousCae: beforeCae };
    } catch (error) {
      throw keychain(error);
    }
  });
  return () =>
    withLock(paths.cacheLock, async () => {
      try {
        await restore(main, previous);
        if (mode === 'replace' && previousCae) await withKeychainDeadline(cae.save(previousCae));
      } catch (error) {
        throw keychain(error);
      }
    });
}

async function restore(storage: IPersistence, previous: string | null): Promise<void> {
  if (previous) await withKeychainDeadline(storage.save(previous));
  else await withKeychainDeadline(storage.delete());
}

/** Both are msal-node caches with msal-node's keys: section by section, the imported entries win. */
export function mergeCaches(existing: string, imported: string): string {
  const base = parseObject(existing);
  const incoming = parseObject(imported);
  const merged: Record<string, unknown> = { ...base };
  for (const section of SECTIONS) merged[section] = { ...asRecord(base[section]), ...asRecord(incoming[section]) };
  return JSON.stringify(merged);
}

function parseObject(text: string): Record<string, unknown> {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return {}; // a damaged existing entry: the imported cache alone is what is left worth keeping
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The MSAL cache plugin: every cache access reads the newest cache from storage under a cross-process lock,
 * and every change is written back before the lock is released, so the app, the daemon and twenty
 * `delegate token` processes can share one keychain entry without losing a rotated refresh token.
 *
 * Used instead of msal-node-extensions' PersistenceCachePlugin for its lock (see fs/file-lock.ts).
 * An in-process queue comes first because MSAL may run several cache accesses of one process at once.
 */
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { IPersistence } from '@azure/msal-node-extensions';
import { acquireLock, type ReleaseLock } from '../fs/file-lock.js';
import { isPersistenceError } from './cache-persistence.js';
import { KeychainUnusable, withKeychainDeadline } from './keychain-deadline.js';

export class LockedCachePlugin implements ICachePlugin {
  private queue: Promise<void> = Promise.resolve();
  private releaseCurrent: (() => void) | null = null;

  constructor(
    /** One storage, or the CAE partition's view of two (cae-partition.ts): only load and save are used. */
    private readonly persistence: Pick<IPersistence, 'load' | 'save'>,
    private readonly lockPath: string,
    private readonly onPersistenceError: (error: unknown) => Error,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const releaseQueue = await this.enterQueue();
    let releaseFile: ReleaseLock | null = null;
    try {
      releaseFile = await acquireLock(this.lockPath);
      const contents = await withKeychainDeadline(this.persistence.load());
      if (contents) context.tokenCache.deserialize(contents);
    } catch (error) {
      releaseFile?.();
      releaseQueue();
      throw isStorageError(error) ? this.onPersistenceError(error) : error;
    }
    const file = releaseFile;
    this.releaseCurrent = () => {
      file();
      releaseQueue();
    };
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    const release = this.releaseCurrent;
    this.releaseCurrent = null;
    try {
      if (context.cacheHasChanged) await withKeychainDeadline(this.persistence.save(context.tokenCache.serialize()));
    } catch (error) {
      throw isStorageError(error) ? this.onPersistenceError(error) : error;
    } finally {
      release?.();
    }
  }

  private async enterQueue(): Promise<() => void> {
    let leave!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (leave = resolve));
    await previous;
    return leave;
  }
}

/**
 * An error of the keychain itself. msal-node-extensions wraps some in PersistenceError, but libsecret's own
 * failures (no Secret Service on the bus: "Could not connect: No such file or directory") come through keytar as
 * plain errors without an errno code; a file error of the plaintext cache (EACCES, ENOSPC) has one and stays as is.
 * A Secret Service that hangs (stopped, stuck on a prompt) ends in GLib's "Timeout was reached" after D-Bus's 25 s.
 */
function isStorageError(error: unknown): boolean {
  if (isPersistenceError(error) || error instanceof KeychainUnusable) return true;
  return error instanceof Error && (error as NodeJS.ErrnoException).code === undefined && /could not connect|secret|keyring|dbus|d-bus|locked collection|timeout was reached/i.test(error.message);
}

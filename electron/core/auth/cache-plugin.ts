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
  /** Whether an earlier access of this app found a cache in storage. */
  private foundBefore = false;
  /** The stored cache was there and is gone now: someone signed out (or removed the entry) meanwhile. */
  private removedMeanwhile = false;
  /** Set during an access served from `preloaded`: the stored text that access's view rests on. */
  private unlockedView: string | undefined;

  constructor(
    /** One storage, or the CAE partition's view of two (cae-partition.ts): only load and save are used. */
    private readonly persistence: Pick<IPersistence, 'load' | 'save'>,
    private readonly lockPath: string,
    private readonly onPersistenceError: (error: unknown) => Error,
    /**
     * The stored cache as this process read it a moment ago (`delegate token`'s fast path), served to the first
     * access instead of a locked read. That is safe because a first access only looks tokens up: reading without
     * the lock is the same as reading under it just before another process writes. Should msal change the cache
     * during that access anyway, the change is written only if the storage still holds exactly this text.
     */
    private preloaded?: string,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const releaseQueue = await this.enterQueue();
    if (this.preloaded !== undefined) {
      const contents = this.preloaded;
      this.preloaded = undefined;
      try {
        context.tokenCache.deserialize(contents);
      } catch (error) {
        releaseQueue();
        throw error;
      }
      this.unlockedView = contents;
      this.foundBefore = true;
      this.releaseCurrent = releaseQueue;
      return;
    }
    let releaseFile: ReleaseLock | null = null;
    try {
      releaseFile = await acquireLock(this.lockPath);
      const contents = await withKeychainDeadline(this.persistence.load());
      if (contents) context.tokenCache.deserialize(contents);
      this.removedMeanwhile = this.foundBefore && !contents;
      this.foundBefore ||= Boolean(contents);
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
    const unlockedView = this.unlockedView;
    this.unlockedView = undefined;
    if (unlockedView !== undefined) {
      try {
        if (context.cacheHasChanged) await this.saveIfStillStored(unlockedView, context.tokenCache.serialize());
      } finally {
        release?.();
      }
      return;
    }
    try {
      // msal's memory still holds what was read before: writing it back would undo a sign-out that happened while
      // this app waited for Entra ID (a job's refresh), leaving a live refresh token behind a signed-out profile.
      if (context.cacheHasChanged && !this.removedMeanwhile) await withKeychainDeadline(this.persistence.save(context.tokenCache.serialize()));
    } catch (error) {
      throw isStorageError(error) ? this.onPersistenceError(error) : error;
    } finally {
      release?.();
    }
  }

  /** Writes `contents` under the lock, but only over exactly the stored text the change was made on. */
  private async saveIfStillStored(view: string, contents: string): Promise<void> {
    let releaseFile: ReleaseLock | null = null;
    try {
      releaseFile = await acquireLock(this.lockPath);
      if ((await withKeychainDeadline(this.persistence.load())) === view) await withKeychainDeadline(this.persistence.save(contents));
    } catch (error) {
      throw isStorageError(error) ? this.onPersistenceError(error) : error;
    } finally {
      releaseFile?.();
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

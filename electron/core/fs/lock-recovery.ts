/**
 * Stale locks taken over, told to whoever listens in this process (the daemon's and the app's log files).
 *
 * A process-wide listener, as damaged-file.ts does, rather than an option threaded through every lock user
 * (the scheduler, the token cache, profile metadata): recovering a lock is rare and always worth a log line.
 */
export interface LockRecovery {
  /** The lock file. */
  path: string;
  /** Why it was stale, in words: "process 4242 on host is gone", "the lock file was empty". */
  reason: string;
}

type Listener = (recovery: LockRecovery) => void;
const listeners = new Set<Listener>();

/** Subscribes; returns the unsubscribe function. */
export function onLockRecovered(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportLockRecovered(recovery: LockRecovery): void {
  for (const listener of listeners) {
    try {
      listener(recovery);
    } catch {
      // A listener that fails must not stop the lock from being taken.
    }
  }
}

/**
 * One scheduler per Delegate home: the app and `delegate daemon` both take this lock, so jobs never run twice.
 * Held for the scheduler's lifetime; a lock whose holder is not a live Delegate scheduler (a crash, a power cut,
 * a reused PID, garbage, another host) is stale and recovered at once — see fs/file-lock.ts.
 */
import { join } from 'node:path';
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { acquireLock, lockHolder, type ReleaseLock } from '../fs/file-lock.js';
import { ensurePrivateDir } from '../home/delegate-home.js';

/** The `kind` written into the lock, so a scheduler lock is told apart from any other file at that path. */
export const SCHEDULER_LOCK_KIND = 'delegate-scheduler';

/** How often a running scheduler touches its lock (see LockOptions.heartbeatMs): cheap, and 5 missed = 5 minutes. */
export const SCHEDULER_HEARTBEAT_MS = 60_000;

export function schedulerLockPath(home: string): string {
  return join(home, 'scheduler.lock');
}

export async function acquireSchedulerLock(home: string): Promise<ReleaseLock> {
  ensurePrivateDir(home);
  const path = schedulerLockPath(home);
  const options = { timeoutMs: 0, staleAfterMs: Number.POSITIVE_INFINITY, kind: SCHEDULER_LOCK_KIND, heartbeatMs: SCHEDULER_HEARTBEAT_MS };
  try {
    return await acquireLock(path, options);
  } catch (error) {
    if (!isDelegateError(error) || error.code !== 'cache-locked') throw error;
    const holder = lockHolder(path, options);
    const who = holder ? ` (process ${holder.pid}, running since ${holder.since.toISOString()}: the Delegate app or \`delegate daemon\`)` : '';
    throw new DelegateError({
      code: 'scheduler-running',
      message: `Another Delegate scheduler is already running for ${home}${who}; it holds ${path}.`,
      action: `Use the one that is running, or stop it first${holder ? ` (\`kill ${holder.pid}\` stops a daemon cleanly)` : ''}: only one scheduler may run per Delegate home, or jobs would run twice. Do not delete ${path} while that process runs.`,
    });
  }
}

/**
 * One scheduler per Delegate home: the app and `delegate daemon` both take this lock, so jobs never run twice.
 * Held for the scheduler's lifetime; only a dead holder makes it stale (a crash never blocks the next start).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { acquireLock, type ReleaseLock } from '../fs/file-lock.js';
import { ensurePrivateDir } from '../home/delegate-home.js';

export function schedulerLockPath(home: string): string {
  return join(home, 'scheduler.lock');
}

export async function acquireSchedulerLock(home: string): Promise<ReleaseLock> {
  ensurePrivateDir(home);
  const path = schedulerLockPath(home);
  try {
    return await acquireLock(path, { timeoutMs: 0, staleAfterMs: Number.POSITIVE_INFINITY });
  } catch (error) {
    if (!isDelegateError(error) || error.code !== 'cache-locked') throw error;
    const pid = readHolderPid(path);
    throw new DelegateError({
      code: 'scheduler-running',
      message: `Another Delegate scheduler is already running for ${home}${pid ? ` (process ${pid}: the Delegate app or \`delegate daemon\`)` : ''}.`,
      action: 'Use the one that is running, or stop it first: only one scheduler may run per Delegate home, or jobs would run twice.',
    });
  }
}

function readHolderPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').split(' ')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A cross-process lock file with stale-lock recovery.
 *
 * Why not msal-node-extensions' CrossPlatformLock: it never forgets its file handle after unlock, and its
 * PersistenceCachePlugin unlocks twice after a read, so a reader can delete another process's lock; and a
 * lock left by a killed process blocks everyone until its retries run out. This one:
 * - creates the lock with O_EXCL and writes `pid host time nonce`;
 * - releases only a lock that still carries its own nonce;
 * - treats a lock as stale when its process is gone (same host) or it is older than `staleAfterMs`;
 * - breaks a stale lock only under a guard folder (mkdir is atomic), re-reading it there first, so two
 *   processes cannot both "recover" and the second delete the first one's fresh lock.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, closeSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DelegateError } from '../errors/delegate-error.js';

export interface LockOptions {
  /** Give up after this long (the holder is alive and busy). */
  timeoutMs?: number;
  /** A lock older than this is stale even if its process seems alive (PID reuse, other host). */
  staleAfterMs?: number;
}

export type ReleaseLock = () => void;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_STALE_AFTER_MS = 30_000;
/** A lock file still empty after this long belongs to a process that died between create and write. */
const EMPTY_LOCK_GRACE_MS = 2_000;
/** A breaker guard older than this belongs to a breaker that died mid-break (its work takes a millisecond). */
const GUARD_STALE_MS = 5_000;

export async function acquireLock(path: string, options: LockOptions = {}): Promise<ReleaseLock> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const nonce = randomBytes(8).toString('hex');
  const started = Date.now();
  let delay = 5;
  for (;;) {
    if (tryCreate(path, nonce)) return () => release(path, nonce);
    const holder = readHolder(path);
    if (holder && isStale(holder, staleAfterMs)) {
      breakStaleLock(path, holder.raw);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new DelegateError({
        code: 'cache-locked',
        message: `Another Delegate process has held the lock ${path} for more than ${Math.round(timeoutMs / 1000)} seconds.`,
        action: holder?.pid
          ? `If process ${holder.pid} is stuck, end it; otherwise try again in a moment.`
          : 'Try again in a moment.',
      });
    }
    // Jittered backoff up to 50 ms: short critical sections (a keychain read and write) dominate.
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

export async function withLock<T>(path: string, work: () => Promise<T> | T, options?: LockOptions): Promise<T> {
  const release = await acquireLock(path, options);
  try {
    return await work();
  } finally {
    release();
  }
}

function tryCreate(path: string, nonce: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid} ${hostname()} ${Date.now()} ${nonce}`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function release(path: string, nonce: string): void {
  // Only delete the lock if it is still ours: if it was broken as stale, the file now belongs to someone else.
  const holder = readHolder(path);
  if (holder?.nonce !== nonce) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

interface Holder {
  raw: string;
  pid: number | undefined;
  host: string | undefined;
  createdAt: number;
  nonce: string | undefined;
}

function readHolder(path: string): Holder | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const createdAt = statSync(path).mtimeMs;
    const [pid, host, , nonce] = raw.trim().split(' ');
    const pidNumber = Number(pid);
    return { raw, pid: Number.isInteger(pidNumber) && pidNumber > 0 ? pidNumber : undefined, host, createdAt, nonce };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function isStale(holder: Holder, staleAfterMs: number): boolean {
  const age = Date.now() - holder.createdAt;
  if (age > staleAfterMs) return true;
  if (holder.pid === undefined) return age > EMPTY_LOCK_GRACE_MS;
  if (holder.host !== hostname()) return false;
  return !isProcessAlive(holder.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error, 'EPERM');
  }
}

function breakStaleLock(path: string, staleContents: string): void {
  const guard = `${path}.breaking`;
  try {
    mkdirSync(guard, { mode: 0o700 });
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
    removeStaleGuard(guard);
    return; // someone else is breaking it; the caller retries
  }
  try {
    const current = readHolder(path);
    if (current?.raw === staleContents) unlinkSync(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  } finally {
    rmdirSync(guard);
  }
}

function removeStaleGuard(guard: string): void {
  try {
    if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) rmdirSync(guard);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

/**
 * A cross-process lock file with stale-lock recovery.
 *
 * Why not msal-node-extensions' CrossPlatformLock: it never forgets its file handle after unlock, and its
 * PersistenceCachePlugin unlocks twice after a read, so a reader can delete another process's lock; and a
 * lock left by a killed process blocks everyone until its retries run out. This one:
 * - writes `pid host time nonce identity kind` to a private temporary file and hard-links it into place, so the
 *   lock appears complete or not at all (an empty lock is then always a leftover of a power cut or an older
 *   Delegate that died between create and write);
 * - releases only a lock that still carries its own nonce;
 * - treats a lock as stale when it is empty (after a short grace) or unreadable garbage, was written on another
 *   host (a renamed machine: that host's process cannot be asked, and it cannot be holding a lock in this home
 *   while this machine runs it), names a process that is gone, or names a live process that is not its writer
 *   (PID reuse: the recorded start time differs — see process-identity.ts), or is older than `staleAfterMs`, or
 *   (where the start time cannot be read) whose holder stopped its heartbeat (`heartbeatMs`);
 * - breaks a stale lock only under a guard folder (mkdir is atomic), re-reading it there first, so two
 *   processes cannot both "recover" and the second delete the first one's fresh lock.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DelegateError } from '../errors/delegate-error.js';
import { withOsWords } from '../errors/os-error.js';
import { reportLockRecovered } from './lock-recovery.js';
import { currentProcessIdentity, isProcessAlive, looksLikeDelegate, processCommandLine, processIdentity } from './process-identity.js';

export interface LockOptions {
  /** Give up after this long (the holder is alive and busy). */
  timeoutMs?: number;
  /** A lock older than this is stale even if its process seems alive (PID reuse, other host). */
  staleAfterMs?: number;
  /**
   * What the lock is for (one word, e.g. `scheduler`). Written into the lock; a lock at this path that another
   * Delegate wrote under a different kind is not a holder of this lock and is stale.
   */
  kind?: string;
  /**
   * For locks held for a long time (the scheduler's): the holder touches the lock this often, and a lock whose
   * writer's start time cannot be checked (macOS, Windows) is stale after HEARTBEAT_MISSES missed beats — the
   * age heuristic that stands in for /proc there. Linux checks the start time and never needs it.
   */
  heartbeatMs?: number;
}

export type ReleaseLock = () => void;

/** Missed heartbeats after which an unverifiable holder is taken for gone (a suspended laptop resumes within one). */
const HEARTBEAT_MISSES = 5;

/** Who holds a lock, for messages: the process, its host, and since when. */
export interface LockHolder {
  path: string;
  pid: number;
  host: string;
  since: Date;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_STALE_AFTER_MS = 30_000;
/** An empty lock younger than this may be an older Delegate between create and write: wait before breaking it. */
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
    if (tryCreate(path, nonce, options.kind)) return holdWithHeartbeat(path, nonce, options.heartbeatMs);
    const holder = readHolder(path);
    const verdict = holder ? judge(holder, staleAfterMs, options.kind, options.heartbeatMs) : 'gone';
    if (verdict === 'stale' && holder) {
      if (breakStaleLock(path, holder.raw)) reportLockRecovered({ path, reason: staleReason(holder) });
      continue;
    }
    // A young empty lock is waited out even with timeoutMs 0: it is either being written or soon stale.
    if (verdict === 'held' && Date.now() - started > timeoutMs) throw lockHeld(path, holder as Holder, timeoutMs);
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

/** The live holder of a lock, or null when the lock is free or stale. For "who is running?" messages. */
export function lockHolder(path: string, options: Pick<LockOptions, 'kind' | 'staleAfterMs' | 'heartbeatMs'> = {}): LockHolder | null {
  const holder = readHolder(path);
  if (!holder || holder.pid === undefined) return null;
  if (judge(holder, options.staleAfterMs ?? Number.POSITIVE_INFINITY, options.kind, options.heartbeatMs) !== 'held') return null;
  return { path, pid: holder.pid, host: holder.host ?? '', since: new Date(holder.takenAt) };
}

function holdWithHeartbeat(path: string, nonce: string, heartbeatMs: number | undefined): ReleaseLock {
  if (heartbeatMs === undefined) return () => release(path, nonce);
  const beat = setInterval(() => {
    try {
      if (readHolder(path)?.nonce === nonce) utimesSync(path, new Date(), new Date());
    } catch {
      // A missed beat is harmless: the next one follows, and Linux does not rely on beats at all.
    }
  }, heartbeatMs);
  beat.unref();
  return () => {
    clearInterval(beat);
    release(path, nonce);
  };
}

function lockHeld(path: string, holder: Holder, timeoutMs: number): DelegateError {
  const who = holder.pid ? `process ${holder.pid} on ${holder.host}, since ${new Date(holder.takenAt).toISOString()}` : 'a process that is still writing it';
  return new DelegateError({
    code: 'cache-locked',
    message: `Another Delegate process (${who}) has held the lock ${path} for more than ${Math.round(timeoutMs / 1000)} seconds.`,
    action: holder.pid ? `If process ${holder.pid} is stuck, end it; otherwise try again in a moment.` : 'Try again in a moment.',
  });
}

function tryCreate(path: string, nonce: string, kind: string | undefined): boolean {
  const contents = `${process.pid} ${hostname()} ${Date.now()} ${nonce} ${currentProcessIdentity() ?? '-'} ${kind ?? '-'}`;
  const staging = `${path}.${nonce}.new`;
  try {
    writeFileSync(staging, contents, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // A full disk may create the staging file and then refuse its contents: leave nothing behind, and say so
    // (with the lock's path) rather than leave an empty lock in place as well.
    unlinkQuietly(staging);
    if (NO_SPACE.some((code) => isErrno(error, code))) throw withOsWords(error, { path });
    return tryCreateInPlace(path, contents);
  }
  try {
    linkSync(staging, path);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    // A filesystem without hard links (FAT, some network shares): create in place instead.
    if (isErrno(error, 'EPERM') || isErrno(error, 'ENOTSUP') || isErrno(error, 'EOPNOTSUPP') || isErrno(error, 'ENOSYS')) return tryCreateInPlace(path, contents);
    throw error;
  } finally {
    try {
      unlinkSync(staging);
    } catch {
      // already gone
    }
  }
}

function tryCreateInPlace(path: string, contents: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    writeSync(fd, contents);
  } catch (error) {
    // The lock is ours and empty: remove it, so no one waits for it to go stale.
    closeSync(fd);
    unlinkQuietly(path);
    throw withOsWords(error, { path });
  }
  closeSync(fd);
  return true;
}

/** Errors that mean the disk cannot take even a lock file. */
const NO_SPACE = ['ENOSPC', 'EDQUOT'] as const;

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // not there
  }
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
  /** Empty file, or contents that are not a lock at all. */
  shape: 'empty' | 'garbage' | 'lock';
  pid: number | undefined;
  host: string | undefined;
  /** The lock file's mtime: when it was written or last touched by a heartbeat. */
  createdAt: number;
  nonce: string | undefined;
  /** The writer's process identity (process-identity.ts); undefined for locks written without one. */
  identity: string | undefined;
  /** Written by this version (six fields, heartbeats when asked), or by an older Delegate (four fields). */
  current: boolean;
  /** When the holder took the lock (from its contents; the file's mtime moves with heartbeats). */
  takenAt: number;
  /** The lock's kind; undefined for locks written without one (older Delegate versions). */
  kind: string | undefined;
}

function readHolder(path: string): Holder | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const createdAt = statSync(path).mtimeMs;
    const fields = raw.trim().split(' ');
    const [pid, host, time, nonce, identity, kind] = fields;
    const pidNumber = Number(pid);
    const wellFormed =
      fields.length >= 4 && fields.length <= 6 && /^\d+$/.test(pid ?? '') && pidNumber > 0 && Number.isSafeInteger(pidNumber) && /^\d+$/.test(time ?? '') && /^[\x21-\x7e]+$/.test(`${host}${nonce}`);
    if (!wellFormed) return { raw, shape: raw.trim() === '' ? 'empty' : 'garbage', pid: undefined, host: undefined, createdAt, nonce: undefined, identity: undefined, kind: undefined, current: false, takenAt: createdAt };
    return {
      raw,
      shape: 'lock',
      pid: pidNumber,
      host,
      createdAt,
      nonce,
      identity: identity && identity !== '-' ? identity : undefined,
      kind: kind && kind !== '-' ? kind : undefined,
      current: fields.length === 6,
      takenAt: Number(time),
    };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** 'held' by a live holder, 'stale' (break it), or 'wait' (a young empty lock: being written, or soon stale). */
function judge(holder: Holder, staleAfterMs: number, kind: string | undefined, heartbeatMs: number | undefined): 'held' | 'stale' | 'wait' {
  const age = Date.now() - holder.createdAt;
  if (holder.shape === 'garbage') return 'stale';
  // An empty lock dated in the future (the clock was set back since: NTP, a dual-boot RTC) is not being written now.
  if (holder.shape === 'empty') return age > EMPTY_LOCK_GRACE_MS || age < -EMPTY_LOCK_GRACE_MS ? 'stale' : 'wait';
  if (age > staleAfterMs) return 'stale';
  if (holder.host !== hostname()) return 'stale';
  // A lock of another kind at this path (or a Delegate lock copied here) is not this lock's holder.
  if (kind !== undefined && holder.kind !== undefined && holder.kind !== kind) return 'stale';
  const pid = holder.pid as number;
  if (!isProcessAlive(pid)) return 'stale';
  if (holder.identity !== undefined) {
    const now = processIdentity(pid);
    // On Linux a different start time proves PID reuse; elsewhere (null) the PID being alive is all we know.
    if (now !== null && now !== holder.identity) return 'stale';
    if (now !== null) return 'held';
  }
  // The start time cannot be checked here: a lock this version wrote, whose holder stopped beating, is gone.
  if (heartbeatMs !== undefined && holder.current && age > heartbeatMs * HEARTBEAT_MISSES) return 'stale';
  // No recorded identity (an older Delegate wrote it, or not Linux): a process that is plainly not Delegate
  // (init, a shell, a browser) is PID reuse.
  const commandLine = processCommandLine(pid);
  if (commandLine !== null && !looksLikeDelegate(commandLine)) return 'stale';
  if (pid === 1) return 'stale';
  return 'held';
}

/** Removes a stale lock; true when this process removed it (for the log: a lock was taken over). */
function breakStaleLock(path: string, staleContents: string): boolean {
  const guard = `${path}.breaking`;
  try {
    mkdirSync(guard, { mode: 0o700 });
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
    removeStaleGuard(guard);
    return false; // someone else is breaking it; the caller retries
  }
  try {
    const current = readHolder(path);
    if (current?.raw !== staleContents) return false;
    unlinkSync(path);
    return true;
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    return false;
  } finally {
    rmdirSync(guard);
  }
}

/** Why a lock was judged stale, in words for the log (never its nonce). */
function staleReason(holder: Holder): string {
  if (holder.shape === 'empty') return 'the lock file was empty (left by a process that stopped while writing it)';
  if (holder.shape === 'garbage') return 'the lock file did not hold a lock Delegate wrote';
  const since = new Date(holder.takenAt);
  // A hand-made lock may carry any number as its time: an invalid date must not make taking the lock throw.
  const when = Number.isNaN(since.getTime()) ? '' : ` since ${since.toISOString()}`;
  return `its holder, process ${holder.pid} on ${holder.host}${when}, was gone or no longer a Delegate process`;
}

function removeStaleGuard(guard: string): void {
  try {
    // Math.abs: a guard dated in the future (the clock was set back since) is as old as it is far off.
    if (Math.abs(Date.now() - statSync(guard).mtimeMs) > GUARD_STALE_MS) rmdirSync(guard);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

/**
 * Lock files: the scheduler's (one per home) and the profile's cache, sign-in record and config locks, plus any
 * per-job run lock. Each is reported absent, held (by which process, since when) or stale (left by a process
 * that is gone) — read only: doctor never breaks a lock, live or stale; Delegate recovers stale ones itself the
 * next time it needs them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lockHolder, type LockOptions } from '../fs/file-lock.js';
import { runLocksDir } from '../home/home-paths.js';
import { configPath } from '../config/profile-paths.js';
import { SCHEDULER_HEARTBEAT_MS, SCHEDULER_LOCK_KIND, schedulerLockPath } from '../jobs/scheduler-lock.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

/** The short locks' staleness rule, as acquireLock applies it (file-lock.ts's default). */
const SHORT_LOCK_STALE_MS = 30_000;

export type LockState = { state: 'absent' } | { state: 'held'; pid: number; host: string; since: string } | { state: 'stale' };

export function lockState(path: string, options: Pick<LockOptions, 'kind' | 'staleAfterMs' | 'heartbeatMs'>): LockState {
  const holder = lockHolder(path, options);
  if (holder) return { state: 'held', pid: holder.pid, host: holder.host, since: holder.since.toISOString() };
  return existsSync(path) ? { state: 'stale' } : { state: 'absent' };
}

interface LockToCheck {
  id: string;
  what: string;
  path: string;
  options: Pick<LockOptions, 'kind' | 'staleAfterMs' | 'heartbeatMs'>;
  /** Who normally holds it, for a held lock's line. */
  holder: string;
}

export function checkLocks(context: DoctorContext): DoctorFinding[] {
  const short = { staleAfterMs: SHORT_LOCK_STALE_MS };
  const locks: LockToCheck[] = [
    {
      id: 'lock:scheduler',
      what: 'The scheduler lock',
      path: schedulerLockPath(context.home),
      options: { kind: SCHEDULER_LOCK_KIND, staleAfterMs: Number.POSITIVE_INFINITY, heartbeatMs: SCHEDULER_HEARTBEAT_MS },
      holder: 'the scheduler (the Delegate app or `delegate daemon`) runs',
    },
    { id: 'lock:cache', what: `The token cache lock of profile "${context.profile.name}"`, path: context.paths.cacheLock, options: short, holder: 'a Delegate process is reading or writing the sign-in right now' },
    { id: 'lock:metadata', what: `The sign-in record lock of profile "${context.profile.name}"`, path: `${context.paths.meta}.lockfile`, options: short, holder: 'a Delegate process is updating the sign-in record right now' },
    { id: 'lock:config', what: 'The config.json lock', path: `${configPath(context.home)}.lockfile`, options: short, holder: 'a Delegate process is saving the settings right now' },
    ...runLocks(context.home),
  ];
  return locks.map((lock) => lockFinding(lock));
}

function runLocks(home: string): LockToCheck[] {
  const dir = runLocksDir(home);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.lock') && statSync(join(dir, name)).isFile());
  } catch {
    return [];
  }
  return names.sort().map((name) => ({
    id: `lock:run:${name.slice(0, -'.lock'.length)}`,
    what: `The run lock of job "${name.slice(0, -'.lock'.length)}"`,
    path: join(dir, name),
    // Held for a whole run: only a dead holder makes it stale (runner.ts).
    options: { staleAfterMs: Number.POSITIVE_INFINITY },
    holder: 'that job is running',
  }));
}

function lockFinding(lock: LockToCheck): DoctorFinding {
  const base = { id: lock.id, area: 'locks' as const, title: lock.what };
  let state: LockState;
  try {
    state = lockState(lock.path, lock.options);
  } catch (error) {
    return { ...base, status: 'warn', detail: `${lock.path} cannot be read: ${(error as Error).message}.`, action: `Check the permissions of ${lock.path}: it must belong to you.`, data: { path: lock.path } };
  }
  const data = { path: lock.path, ...state };
  switch (state.state) {
    case 'absent':
      return { ...base, status: 'pass', detail: 'Free (no lock file).', data };
    case 'held':
      return { ...base, status: 'pass', detail: `Held by process ${state.pid}${state.host ? ` on ${state.host}` : ''} since ${state.since}: ${lock.holder}.`, data };
    case 'stale':
      return {
        ...base,
        status: 'warn',
        detail: `Stale: ${lock.path} was left by a process that is gone (or is not a Delegate lock).`,
        action: `Nothing is blocked for long: Delegate removes a stale lock itself the next time it needs it. To tidy up now, delete ${lock.path} (no running Delegate holds it).`,
        data,
      };
  }
}

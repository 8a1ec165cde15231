/**
 * What a reload of the jobs file means for what is scheduled, and the event that announces it.
 *
 * A file that cannot be read at all (not YAML, not a jobs file, a FIFO…) does not stop the jobs: the scheduler
 * keeps running the jobs of the last version it could read, because stopping every job over a typo is worse.
 * But the view must not mix versions: it shows the new file's error, no problem from an older version (they
 * described a file that is gone), and the jobs still scheduled marked with the version they came from, so the
 * window can say "still running from the version read at 14:02". A missing file is not an error: no jobs.
 */
import type { Job } from '../../../shared/jobs/job-schema.js';
import { isDelegateError } from '../errors/delegate-error.js';
import { jobsFilePath, jobsFileVersion, readJobsFileText, type LoadedJobs } from './jobs-file.js';
import { loadHomeJobs } from './job-world.js';

/**
 * The home's jobs file, checked against its profiles. A config.json that cannot be read (broken by hand) leaves
 * the jobs unchecked: that is one error for the whole file, like a file that is not YAML, so the jobs of the last
 * good version keep running and the window says why — instead of the reload throwing (an uncaught error in a
 * timer ended the app) or the engine refusing to start.
 */
export function readHomeJobs(home: string): LoadedJobs {
  try {
    return loadHomeJobs(home);
  } catch (error) {
    if (!isDelegateError(error)) throw error;
    const path = jobsFilePath(home);
    let version: string | null = null;
    try {
      version = jobsFileVersion(readJobsFileText(path));
    } catch {
      // Unreadable as well: the config's error is the one to fix first.
    }
    return { path, exists: version !== null, version, jobs: [], problems: [], fileError: { severity: 'error', path: '', message: `The jobs could not be checked against the profiles: ${error.message} ${error.action}` } };
  }
}

/** The jobs the scheduler runs and the readable version of the file they came from. */
export interface ScheduledVersion {
  jobs: Job[];
  version: string;
  loadedAt: string;
}

/**
 * The engine's truth after reading the file again. `next` is what was just read; `scheduled` the last readable
 * version (null when none was ever read, or the file was deleted since).
 */
export function jobsAfterReload(next: LoadedJobs, scheduled: ScheduledVersion | null): LoadedJobs {
  if (!next.fileError) return next;
  return {
    ...next,
    jobs: scheduled?.jobs ?? [],
    problems: [],
    ...(scheduled ? { scheduledFrom: { version: scheduled.version, loadedAt: scheduled.loadedAt } } : {}),
  };
}

/** After a good load: the version now scheduled (null when there is no file, so nothing is left to keep). */
export function scheduledVersion(loaded: LoadedJobs, loadedAt: Date): ScheduledVersion | null {
  if (loaded.fileError || loaded.version === null) return null;
  return { jobs: loaded.jobs, version: loaded.version, loadedAt: loadedAt.toISOString() };
}

/** One line for the log: what is scheduled after the reload, and why. */
export function describeReload(loaded: LoadedJobs): string {
  if (loaded.fileError) {
    const kept = loaded.scheduledFrom
      ? `keeping the ${loaded.jobs.length} job(s) of the version read at ${loaded.scheduledFrom.loadedAt}`
      : 'no job is scheduled: no earlier version of the file was read';
    return `jobs file: ${loaded.fileError.message} (${kept})`;
  }
  if (!loaded.exists) return `jobs file: ${loaded.path} does not exist; no job is scheduled`;
  return `jobs file: ${loaded.jobs.length} job(s) scheduled${loaded.problems.length ? `, ${loaded.problems.length} problem(s)` : ''}`;
}

export type ReloadListener = (loaded: LoadedJobs) => void;

/** Told after every reload of the jobs file, with what is scheduled now. */
export class ReloadEvents {
  private readonly listeners = new Set<ReloadListener>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: ReloadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(loaded: LoadedJobs): void {
    for (const listener of this.listeners) {
      try {
        listener(loaded);
      } catch {
        // A window that went away must not stop the reload (the scheduler already has the new jobs).
      }
    }
  }
}

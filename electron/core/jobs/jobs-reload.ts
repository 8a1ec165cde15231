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
import type { LoadedJobs } from './jobs-file.js';

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

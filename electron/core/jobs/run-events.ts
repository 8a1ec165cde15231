/**
 * Run events — started, finished, failed — that the app turns into notifications and live updates.
 */
import type { JobRun } from '../../../shared/models/job-run.js';

export type RunEvent = { type: 'run-started'; run: JobRun } | { type: 'run-finished'; run: JobRun } | { type: 'run-failed'; run: JobRun };

export type RunListener = (event: RunEvent) => void;

export class RunEvents {
  private readonly listeners = new Set<RunListener>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A faulty listener (a notification that failed) must never break the run that emitted the event.
      }
    }
  }
}

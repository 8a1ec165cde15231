/**
 * Folds a run's news (`run:updated`) into the jobs list until the next `jobs:changed` brings the whole picture.
 */
import type { JobsView } from '../../shared/ipc/ipc-models.js';
import type { JobRun } from '../../shared/models/job-run.js';

export function withRun(view: JobsView, run: JobRun): JobsView {
  if (!view.jobs.some((job) => job.id === run.jobId)) return view;
  return {
    ...view,
    jobs: view.jobs.map((job) => {
      if (job.id !== run.jobId) return job;
      if (job.lastRun && job.lastRun.id > run.id) return job;
      return { ...job, lastRun: run, running: run.status === 'running' };
    }),
  };
}

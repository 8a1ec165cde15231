import { describe, expect, it } from 'vitest';
import type { JobsView } from '../../shared/ipc/ipc-models.js';
import type { JobRun } from '../../shared/models/job-run.js';
import { withRun } from '../../renderer/jobs/with-run.js';

const run = (id: number, status: JobRun['status']): JobRun => ({
  id,
  jobId: 'etl',
  trigger: 'manual',
  scheduledFor: null,
  startedAt: '2026-11-20T02:00:00.000Z',
  endedAt: status === 'running' ? null : '2026-11-20T02:00:30.000Z',
  status,
  attempt: 1,
  summary: null,
  error: null,
  outputTail: null,
});

const view: JobsView = {
  path: '/home/alex/.config/Delegate/jobs.yaml',
  version: null,
  problems: [],
  fileError: null,
  scheduledFromEarlierVersion: null,
  jobs: [{ id: 'etl', name: 'Nightly ETL', kind: 'script', enabled: true, profile: null, schedule: '0 2 * * *', timezone: null, scheduleInWords: 'At 02:00', nextRun: null, running: false, lastRun: run(5, 'succeeded') }],
};

describe('a run folded into the jobs list', () => {
  it('shows a job as running while its new run runs, then its result', () => {
    const running = withRun(view, run(6, 'running'));
    expect(running.jobs[0]).toMatchObject({ running: true, lastRun: { id: 6 } });
    expect(withRun(running, run(6, 'failed')).jobs[0]).toMatchObject({ running: false, lastRun: { id: 6, status: 'failed' } });
  });

  it('ignores news older than the last run it shows, and runs of jobs it does not list', () => {
    expect(withRun(view, run(4, 'failed'))).toEqual(view);
    expect(withRun(view, { ...run(9, 'failed'), jobId: 'gone' })).toBe(view);
  });
});

import { describe, expect, it } from 'vitest';
import type { JobProblemView } from '../../shared/ipc/ipc-models.js';
import { groupLabel, groupProblemsByJob, jobsAreFromEarlierVersion, leftOutTitle, warningsTitle } from '../../renderer/jobs/job-problem-groups.js';

const error = (path: string, message: string, jobId?: string): JobProblemView => ({ severity: 'error', path, message, ...(jobId ? { jobId } : {}) });
const warning = (path: string, message: string, jobId?: string): JobProblemView => ({ severity: 'warning', path, message, ...(jobId ? { jobId } : {}) });

describe('the Jobs page counts problems per job', () => {
  it('one invalid job with three errors is one job left out, with its three problems under it', () => {
    const grouped = groupProblemsByJob([error('jobs[2].schedule', 'bad cron', 'digest'), error('jobs[2].action.to', 'is required', 'digest'), error('jobs[2].timeoutMinutes', 'must be 1 or more', 'digest')]);
    expect(grouped.jobsWithErrors).toBe(1);
    expect(grouped.jobs).toHaveLength(1);
    expect(grouped.jobs[0]?.problems.map((problem) => problem.message)).toEqual(['bad cron', 'is required', 'must be 1 or more']);
    expect(leftOutTitle(grouped.jobsWithErrors)).toBe('A job has problems and is left out');
  });

  it('a job without an id is grouped by its place in the file and named by it', () => {
    const grouped = groupProblemsByJob([error('jobs[4].id', 'is required'), error('jobs[4].kind', 'is required')]);
    expect(grouped.jobs).toHaveLength(1);
    expect(groupLabel(grouped.jobs[0]!)).toBe('Job 5 in the file (no id)');
  });

  it('two jobs sharing an id stay two jobs', () => {
    const grouped = groupProblemsByJob([error('jobs[1].schedule', 'bad cron', 'report'), error('jobs[3].id', 'duplicate id "report"', 'report')]);
    expect(grouped.jobsWithErrors).toBe(2);
  });

  it('warnings are counted separately, and a job with an error is not also counted as having warnings', () => {
    const grouped = groupProblemsByJob([
      warning('jobs[0].action.source', 'does not exist yet', 'export'),
      warning('jobs[1].action.folder', 'is empty', 'invoices'),
      warning('jobs[2].action.folder', 'is empty', 'digest'),
      error('jobs[2].schedule', 'never fires', 'digest'),
    ]);
    expect(grouped.jobsWithErrors).toBe(1);
    expect(grouped.jobsWithWarnings).toBe(2);
    expect(warningsTitle(grouped.jobsWithWarnings)).toBe('2 jobs have warnings');
    // The job left out comes first, its error before its warning.
    expect(grouped.jobs[0]?.jobId).toBe('digest');
    expect(grouped.jobs[0]?.problems[0]?.severity).toBe('error');
  });

  it('a problem of no single job is a problem of the file', () => {
    const grouped = groupProblemsByJob([error('', 'something about the file')]);
    expect(grouped.jobs).toHaveLength(0);
    expect(grouped.file).toHaveLength(1);
  });

  it('counts read as words: three jobs left out', () => {
    expect(leftOutTitle(3)).toBe('3 jobs have problems and are left out');
    expect(warningsTitle(1)).toBe('A job has warnings');
  });
});

describe('jobs still scheduled from the last readable version', () => {
  const fileError = error('', 'not valid YAML');
  const earlier = { version: 'a'.repeat(64), loadedAt: '2026-12-03T07:00:00.000Z' };
  it('are marked when the file cannot be read and main says the jobs come from an earlier version', () => {
    expect(jobsAreFromEarlierVersion({ fileError, scheduledFromEarlierVersion: earlier })).toBe(true);
  });
  it('are not there when the file reads, or when nothing was ever read', () => {
    expect(jobsAreFromEarlierVersion({ fileError: null, scheduledFromEarlierVersion: null })).toBe(false);
    expect(jobsAreFromEarlierVersion({ fileError, scheduledFromEarlierVersion: null })).toBe(false);
  });
});

/**
 * "There is no job X": for commands given a job id that neither the jobs file nor the history knows, so a typo is
 * not answered with an empty list that looks like "it never ran".
 */
import { badInput } from './cli-io.js';
import type { DelegateError } from '../core/errors/delegate-error.js';
import type { LoadedJobs } from '../core/jobs/jobs-file.js';

/** An error naming the known ids when `jobId` is neither in the jobs file (valid or not) nor in the history; else null. */
export function unknownJobError(jobId: string, loaded: LoadedJobs, historyJobs: ReadonlyMap<string, unknown>): DelegateError | null {
  const inFile = new Set([...loaded.jobs.map((job) => job.id), ...loaded.problems.flatMap((problem) => (problem.jobId ? [problem.jobId] : []))]);
  if (inFile.has(jobId) || historyJobs.has(jobId)) return null;
  const known = [...new Set([...inFile, ...historyJobs.keys()])].sort();
  return badInput(
    `There is no job "${jobId}" in ${loaded.path} or in the history.`,
    known.length > 0 ? `Known jobs: ${known.join(', ')}.` : 'There are no jobs yet: write them in the jobs file (see the README), then run `delegate jobs` to check it.',
  );
}

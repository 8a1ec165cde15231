/**
 * The jobs file's problems gathered per job, and the words that count them: one invalid job with three errors is
 * one job left out, not three.
 */
import type { JobProblemView, JobsView } from '../../shared/ipc/ipc-models.js';

export interface JobProblemGroup {
  /** Stable React key: the job's place in the file, else its id. */
  key: string;
  /** The job's id when the file gives one. */
  jobId?: string;
  /** The job's place in the file (0-based `jobs[N]`), when the problem's path says it. */
  index?: number;
  /** 'error' when any of its problems is an error: the job is left out. */
  severity: 'error' | 'warning';
  problems: JobProblemView[];
}

export interface GroupedProblems {
  /** One group per job, in file order of first mention; jobs with errors first. */
  jobs: JobProblemGroup[];
  /** Problems that belong to no single job (the file as a whole). */
  file: JobProblemView[];
  /** How many jobs are left out (have at least one error). */
  jobsWithErrors: number;
  /** How many jobs still run but have warnings. */
  jobsWithWarnings: number;
}

const INDEX = /^jobs\[(\d+)\]/;

/**
 * Groups by the job's place in the file (`jobs[N]` in the path) first, then by its id: two jobs that share an id
 * (itself a problem) stay two jobs.
 */
export function groupProblemsByJob(problems: readonly JobProblemView[]): GroupedProblems {
  const groups = new Map<string, JobProblemGroup>();
  const file: JobProblemView[] = [];
  for (const problem of problems) {
    const match = INDEX.exec(problem.path);
    const index = match ? Number(match[1]) : undefined;
    const key = index !== undefined ? `index:${index}` : problem.jobId !== undefined ? `id:${problem.jobId}` : undefined;
    if (key === undefined) {
      file.push(problem);
      continue;
    }
    let group = groups.get(key);
    if (!group) {
      group = { key, ...(problem.jobId !== undefined ? { jobId: problem.jobId } : {}), ...(index !== undefined ? { index } : {}), severity: 'warning', problems: [] };
      groups.set(key, group);
    }
    if (group.jobId === undefined && problem.jobId !== undefined) group.jobId = problem.jobId;
    if (problem.severity === 'error') group.severity = 'error';
    group.problems.push(problem);
  }
  const jobs = [...groups.values()];
  const ordered = [...jobs.filter((group) => group.severity === 'error'), ...jobs.filter((group) => group.severity === 'warning')];
  for (const group of ordered) group.problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    jobs: ordered,
    file,
    jobsWithErrors: ordered.filter((group) => group.severity === 'error').length,
    jobsWithWarnings: ordered.filter((group) => group.severity === 'warning').length,
  };
}

/** "A job has problems and is left out", "3 jobs have problems and are left out". */
export function leftOutTitle(count: number): string {
  return count === 1 ? 'A job has problems and is left out' : `${count} jobs have problems and are left out`;
}

/** "A job has warnings", "2 jobs have warnings". */
export function warningsTitle(count: number): string {
  return count === 1 ? 'A job has warnings' : `${count} jobs have warnings`;
}

/** How a group is named in the list: its id, else its place in the file ("Job 3 in the file", counting from 1). */
export function groupLabel(group: JobProblemGroup): string {
  if (group.jobId !== undefined) return group.jobId;
  return group.index !== undefined ? `Job ${group.index + 1} in the file (no id)` : 'A job';
}

/**
 * Whether the listed jobs are the ones still scheduled from the last version of the file Delegate could read (the
 * file cannot be read now). One place to switch to main's own flag once JobsView carries it.
 */
export function jobsAreFromEarlierVersion(view: Pick<JobsView, 'fileError' | 'scheduledFromEarlierVersion'>): boolean {
  return view.fileError !== null && view.scheduledFromEarlierVersion !== null;
}

/**
 * `delegate jobs [--json]`: each job, its schedule in words, next run and last result, and the jobs file's
 * problems. Exit 2 when the file or a job is invalid (so it doubles as a check), 0 otherwise.
 */
import { historyPath } from '../../core/history/history-store.js';
import { readLastRunsByJob } from '../../core/history/last-runs.js';
import { loadConfig } from '../../core/config/config-store.js';
import { describeSchedule, nextRunAfter } from '../../../shared/jobs/job-schedule.js';
import { loadHomeJobs } from '../../core/jobs/job-world.js';
import { jobsLackingScopes, scopeFlag } from '../../core/jobs/job-scopes.js';
import { jobsFilePath } from '../../core/jobs/jobs-file.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-codes.js';
import { formatRunLine } from '../format-run.js';
import { parseCommand } from '../parse-options.js';
import { escapeField } from '../terminal-text.js';

const USAGE = 'delegate jobs [--json]';

export async function runJobs(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('jobs', args, { json: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(`${USAGE}\n\nLists the jobs in ${jobsFilePath(io.home)}: schedule, next run, last result, and any problems.\n`);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`jobs: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  // config.json is read once: for the profiles the jobs name, then for the scopes their tokens were granted.
  const config = loadConfig(io.home);
  const loaded = loadHomeJobs(io.home, config);
  const lastRuns = readLastRunsByJob(historyPath(io.home));
  const now = new Date();
  // Jobs share schedules: each schedule's next run (and words) is worked out once, not once per job.
  const nextRuns = new Map<string, string | null>();
  const nextRun = (job: (typeof loaded.jobs)[number]) => {
    const key = `${job.schedule}\u0000${job.timezone ?? ''}`;
    if (!nextRuns.has(key)) nextRuns.set(key, nextRunAfter(job, now)?.toISOString() ?? null);
    return nextRuns.get(key) ?? null;
  };
  // Flagged before they run: the profile's token lacks a permission the job needs (job-scopes.ts).
  const lacking = new Map(jobsLackingScopes(io.home, undefined, loaded, config).map((verdict) => [verdict.jobId, verdict]));
  const jobs = loaded.jobs.map((job) => ({
    id: job.id,
    name: job.name ?? job.id,
    kind: job.action.kind,
    enabled: job.enabled,
    profile: job.profile ?? null,
    schedule: job.schedule,
    timezone: job.timezone ?? null,
    scheduleInWords: describeSchedule(job),
    nextRun: job.enabled ? nextRun(job) : null,
    lastRun: lastRuns.get(job.id) ?? null,
    missingScopes: scopeFlag(lacking.get(job.id)),
  }));
  const invalid = Boolean(loaded.fileError) || loaded.problems.some((problem) => problem.severity === 'error');
  if (values.json) {
    printJson(io, { path: loaded.path, exists: loaded.exists, jobs, problems: loaded.problems, fileError: loaded.fileError ?? null });
    return invalid ? ExitCode.badInput : ExitCode.ok;
  }
  if (!loaded.exists) io.out(`No jobs yet. Write them in ${loaded.path} (see the README for the format).\n`);
  for (const job of jobs) {
    io.out(`${job.id}${job.name !== job.id ? ` — ${escapeField(job.name)}` : ''} [${job.kind}]${job.enabled ? '' : ' DISABLED'}\n`);
    io.out(`  ${job.scheduleInWords}; next: ${job.nextRun ? new Date(job.nextRun).toLocaleString() : '—'}\n`);
    io.out(`  last: ${job.lastRun ? formatRunLine(job.lastRun) : 'never run'}\n`);
    if (job.missingScopes) io.out(`  MISSING SCOPES (will be skipped): ${escapeField(job.missingScopes.message)}\n    What to do: ${escapeField(job.missingScopes.action)}\n`);
  }
  if (loaded.fileError) io.out(`\nThe jobs file cannot be read: ${escapeField(loaded.fileError.message)}\n`);
  if (loaded.problems.length > 0) {
    io.out(`\nProblems in ${loaded.path}:\n`);
    for (const problem of loaded.problems) io.out(`  ${problem.severity === 'error' ? 'ERROR' : 'warning'} line ${problem.line ?? '?'} ${escapeField(problem.path)}: ${escapeField(problem.message)}\n`);
  }
  return invalid ? ExitCode.badInput : ExitCode.ok;
}


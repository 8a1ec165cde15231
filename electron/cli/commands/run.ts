/**
 * `delegate run JOB [--json]`: runs a job now, waits for it, and exits with its result: 0 succeeded,
 * 1 failed or timed out, 2 no such (valid) job, 3 sign-in required, 4 network, 5 keychain locked.
 */
import { systemClock } from '../../core/clock.js';
import { HistoryStore, historyPath } from '../../core/history/history-store.js';
import { loadHomeJobs } from '../../core/jobs/job-world.js';
import { Runner } from '../../core/jobs/runner.js';
import { createGraphClient } from '../../core/graph/graph-factory.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { formatRunLine } from '../format-run.js';
import { parseCommand } from '../parse-options.js';
import type { JobRun } from '../../../shared/models/job-run.js';

const USAGE = 'delegate run JOB [--json]';

export async function runRun(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('run', args, { json: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(`${USAGE}\n\nRuns a job now and waits for it. Exit codes: 0 succeeded, 1 failed, 2 bad job, 3 sign-in required, 4 network, 5 keychain locked.\n`);
    return 0;
  }
  const [jobId, extra] = positionals;
  if (!jobId) throw badInput('run: which job? Give its id.', `Usage: ${USAGE} (see the ids with \`delegate jobs\`)`);
  if (extra) throw badInput(`run: unexpected argument "${extra}".`, `Usage: ${USAGE}`);
  const loaded = loadHomeJobs(io.home);
  if (loaded.fileError) throw badInput(loaded.fileError.message, 'Fix the jobs file; `delegate jobs` lists every problem.');
  const job = loaded.jobs.find((candidate) => candidate.id === jobId);
  if (!job) {
    const problems = loaded.problems.filter((problem) => problem.jobId === jobId && problem.severity === 'error');
    if (problems.length > 0) throw badInput(`Job "${jobId}" is not valid:\n  ${problems.map((problem) => `line ${problem.line ?? '?'} ${problem.path}: ${problem.message}`).join('\n  ')}`, `Fix it in ${loaded.path}.`);
    throw badInput(`There is no job "${jobId}" in ${loaded.path}${loaded.jobs.length ? ` (jobs: ${loaded.jobs.map((candidate) => candidate.id).join(', ')})` : ''}.`, 'See the jobs with `delegate jobs`.');
  }
  const history = new HistoryStore(historyPath(io.home));
  try {
    const controller = new AbortController();
    const stop = () => controller.abort(new Error('Stopped by Ctrl+C.'));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Log lines (a script's token broker refusing a request) go to stderr: stdout is the result (or its JSON).
    const runner = new Runner({ home: io.home, clock: systemClock, history, createGraph: createGraphClient, signal: controller.signal, log: (line) => io.err(`${line}\n`) });
    const run = await runner.run(job, 'manual', null);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (values.json) printJson(io, run);
    else {
      io.out(`${formatRunLine(run)}\n`);
      if (run.error?.action) io.out(`  What to do: ${run.error.action}\n`);
      if (run.outputTail && run.status !== 'succeeded') io.out(`  Output (last part):\n${run.outputTail.replace(/^/gm, '    ')}\n`);
    }
    return exitCodeForRun(run);
  } finally {
    history.close();
  }
}

export function exitCodeForRun(run: JobRun): ExitCodeValue {
  if (run.status === 'succeeded') return ExitCode.ok;
  const code = run.error?.code;
  if (code === 'sign-in-required' || code === 'signed-out' || code === 'blocked-by-policy') return ExitCode.signInRequired;
  if (code === 'network') return ExitCode.network;
  if (code === 'keychain-locked') return ExitCode.keychainLocked;
  return ExitCode.failed;
}

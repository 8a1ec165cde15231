/**
 * `delegate history [JOB] [--status S] [--limit N] [--json]`: recent runs, newest first. A JOB that neither the
 * jobs file nor the history knows is bad input (exit 2) naming the known ones; a deleted job's runs still show.
 */
import { HistoryStore, historyPath } from '../../core/history/history-store.js';
import { loadHomeJobs } from '../../core/jobs/job-world.js';
import { RUN_STATUSES, type RunStatus } from '../../../shared/models/job-run.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { formatRunLine } from '../format-run.js';
import { numberOption } from '../number-option.js';
import { parseCommand } from '../parse-options.js';
import { unknownJobError } from '../unknown-job.js';

const USAGE = 'delegate history [JOB] [--status running|succeeded|failed|skipped|timed-out|interrupted] [--limit N] [--json]';

export async function runHistory(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('history', args, { status: { type: 'string', multiple: true }, limit: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) throw badInput(`history: unexpected argument "${positionals[1]}".`, `Usage: ${USAGE}`);
  const statuses = values.status?.flatMap((status) => status.split(','));
  const unknown = statuses?.find((status) => !(RUN_STATUSES as readonly string[]).includes(status));
  if (unknown) throw badInput(`history: "${unknown}" is not a run status.`, `Use one of ${RUN_STATUSES.join(', ')}.`);
  const limit = values.limit === undefined ? 20 : numberOption('history', '--limit', values.limit, { min: 1, max: 10_000, integer: true, unit: 'runs' }, USAGE);
  const history = new HistoryStore(historyPath(io.home));
  try {
    const page = history.recentRuns({ limit, ...(positionals[0] ? { jobId: positionals[0] } : {}), ...(statuses ? { status: statuses as RunStatus[] } : {}) });
    const jobId = positionals[0];
    if (jobId !== undefined && page.runs.length === 0) {
      const unknown = unknownJobError(jobId, loadHomeJobs(io.home), history.lastRunsByJob());
      if (unknown) throw unknown;
    }
    if (values.json) printJson(io, page.runs);
    else if (page.runs.length === 0) io.out(jobId === undefined ? 'No runs recorded yet.\n' : `No runs of ${jobId} recorded yet.\n`);
    else for (const run of page.runs) io.out(`${formatRunLine(run)}\n`);
    return 0;
  } finally {
    history.close();
  }
}

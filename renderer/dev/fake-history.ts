/**
 * The fake history: a believable year of runs (100,000 by default), newest last, with the same keyset paging
 * as the real store (`id < before`, newest first).
 */
import type { HistoryPage, HistoryQuery } from '../../shared/ipc/ipc-models.js';
import type { JobRun, RunError, RunStatus, RunTrigger } from '../../shared/models/job-run.js';
import { FAKE_JOBS } from './fake-jobs.js';
import { pick, seededRandom } from './fake-random.js';

const SUMMARIES: Record<string, readonly string[]> = {
  'mail.send': ["Sent 'Daily sales report' to 3 recipients with 2 attachments", "Sent 'Daily sales report' to 4 recipients with 1 attachment"],
  'files.download': ['Downloaded Budget/2026.xlsx (2.4 MB)', 'Budget/2026.xlsx unchanged since the last run; nothing downloaded'],
  'files.upload': ['Uploaded export.csv (18.2 MB) to Exports in an upload session', 'Uploaded export.csv (6.1 MB) to Exports'],
  'teams.message': ['Posted to Finance › General', 'Posted to Finance › General'],
  'mail.attachments': ['Saved 2 attachments from 1 message in ops@contoso.com', 'No new messages matched the filter', 'Saved 5 attachments from 3 messages in ops@contoso.com'],
  'graph.request': ['GET /me answered 200; saved to out/me.json (1.1 KB)'],
  script: ['python3 etl.py exited with code 0 after processing 12,408 rows', 'python3 etl.py exited with code 0 after processing 11,950 rows'],
};

const ERRORS: readonly RunError[] = [
  {
    code: 'graph-error',
    message: 'Microsoft Graph refused access to the mailbox ops@contoso.com (ErrorAccessDenied).',
    action: "Ask the mailbox's owner to give you full access or read permission on the folder, then run the job again.",
    graphRequestId: '7f3c2a9e-41d2-4c55-9a1e-2b6f0c8d7e31',
    httpStatus: 403,
  },
  {
    code: 'graph-throttled',
    message: 'Microsoft Graph kept throttling the requests (429 Too Many Requests) after 5 attempts.',
    action: 'Nothing to do: the next scheduled run usually gets through. If it keeps happening, run the job less often.',
    graphRequestId: 'c0a8e1f4-7d2b-4a9e-b3c5-1f6e2d8a9b70',
    httpStatus: 429,
  },
  {
    code: 'network',
    message: 'Could not reach graph.microsoft.com (the connection timed out).',
    action: 'Check the network, VPN or proxy. Your sign-in is unchanged.',
  },
  {
    code: 'file-access',
    message: 'Could not write data/budget.xlsx: the file is open in another program.',
    action: 'Close the file in Excel, then run the job again.',
  },
];

const SIGN_IN_ERROR: RunError = {
  code: 'sign-in-required',
  message: 'The refresh token was not used for 90 days and has expired.',
  // As the core writes it (for the CLI too): the window rewrites it and offers its own button.
  action: 'Sign in again: `delegate login --profile work`, or "Sign in again…" in the Delegate tray menu.',
  aadsts: 700082,
};

const SCRIPT_OUTPUT = [
  '2026-11-20 02:00:01 INFO  connecting to warehouse',
  '2026-11-20 02:00:03 INFO  pulled 12,408 rows from sales.daily',
  '2026-11-20 02:00:09 INFO  wrote reports/sales.xlsx (412 KB)',
  '2026-11-20 02:00:10 INFO  GRAPH_TOKEN=[redacted] used for upload',
  '2026-11-20 02:00:12 INFO  done in 11.2 s',
].join('\n');

const SCRIPT_FAILURE = [
  'Traceback (most recent call last):',
  '  File "etl.py", line 88, in <module>',
  '    rows = warehouse.fetch("sales.daily")',
  '  File "etl.py", line 41, in fetch',
  '    raise ConnectionError("warehouse did not answer within 30 s")',
  'ConnectionError: warehouse did not answer within 30 s',
].join('\n');

function chooseStatus(random: () => number): RunStatus {
  const roll = random();
  if (roll < 0.9) return 'succeeded';
  if (roll < 0.94) return 'failed';
  if (roll < 0.97) return 'skipped';
  if (roll < 0.985) return 'timed-out';
  return 'interrupted';
}

function chooseTrigger(random: () => number): RunTrigger {
  const roll = random();
  if (roll < 0.9) return 'schedule';
  if (roll < 0.95) return 'manual';
  if (roll < 0.98) return 'catch-up';
  return 'retry';
}

export function makeRun(id: number, jobId: string, kind: string, startedAtMs: number, status: RunStatus, trigger: RunTrigger, random: () => number): JobRun {
  const seconds = kind === 'script' ? 8 + random() * 60 : kind === 'files.upload' ? 4 + random() * 90 : 0.3 + random() * 4;
  const startedAt = new Date(startedAtMs).toISOString();
  const endedAt = status === 'running' ? null : new Date(startedAtMs + (status === 'timed-out' ? 30 * 60_000 : seconds * 1000)).toISOString();
  let error: RunError | null = null;
  let summary: string | null = null;
  let outputTail: string | null = null;
  if (status === 'succeeded') summary = pick(random, SUMMARIES[kind] ?? ['Done']);
  if (status === 'failed') error = kind === 'script' ? { code: 'script-failed', message: 'python3 etl.py exited with code 1.', action: 'Look at the output below; fix the script or what it depends on, then run it again.' } : pick(random, ERRORS);
  if (status === 'skipped') error = SIGN_IN_ERROR;
  if (status === 'timed-out') error = { code: 'timed-out', message: 'The run took longer than its 30-minute limit and was stopped.', action: 'Raise timeoutMinutes for this job if it needs longer.' };
  if (status === 'interrupted') error = { code: 'interrupted', message: 'Delegate stopped (crash, quit or power loss) before this run finished.', action: 'Nothing to do: the next run starts as scheduled.' };
  if (kind === 'script' && status !== 'skipped' && status !== 'running') outputTail = status === 'succeeded' ? SCRIPT_OUTPUT : SCRIPT_FAILURE;
  return {
    id,
    jobId,
    trigger,
    scheduledFor: trigger === 'manual' ? null : startedAt,
    startedAt,
    endedAt,
    status,
    attempt: trigger === 'retry' ? 2 : 1,
    summary,
    error,
    outputTail,
  };
}

/** The final run of each job, so the Jobs view tells a story: one failed, one skipped for sign-in. */
const LAST_STATUS: Record<string, RunStatus> = { invoices: 'failed', whoami: 'skipped' };

export function generateRuns(count: number, nowMs: number): JobRun[] {
  const random = seededRandom(42);
  const runs: JobRun[] = [];
  const spacing = 5 * 60_000;
  const bulk = Math.max(0, count - FAKE_JOBS.length);
  for (let index = 0; index < bulk; index += 1) {
    const job = pick(random, FAKE_JOBS);
    // The bulk ends before the last run of each job (below), so ids and times rise together.
    const startedAt = nowMs - FAKE_JOBS.length * 47 * 60_000 - (bulk - index) * spacing - Math.floor(random() * 60_000);
    runs.push(makeRun(index + 1, job.id, job.kind, startedAt, chooseStatus(random), chooseTrigger(random), random));
  }
  FAKE_JOBS.slice(0, Math.min(FAKE_JOBS.length, count)).forEach((job, offset) => {
    const startedAt = nowMs - (FAKE_JOBS.length - offset) * 47 * 60_000;
    const status = LAST_STATUS[job.id] ?? 'succeeded';
    runs.push(makeRun(bulk + offset + 1, job.id, job.kind, startedAt, status, 'schedule', random));
  });
  // The invoices job failed on a shared mailbox: the Graph error is the interesting one.
  const lastInvoices = runs.findLast((run) => run.jobId === 'invoices');
  if (lastInvoices) lastInvoices.error = ERRORS[0] ?? null;
  return runs;
}

/** The history store over an array of runs sorted by id, oldest first. */
export class FakeHistory {
  private filtered = new Map<string, JobRun[]>();

  constructor(private readonly runs: JobRun[]) {}

  get all(): readonly JobRun[] {
    return this.runs;
  }

  nextId(): number {
    return (this.runs[this.runs.length - 1]?.id ?? 0) + 1;
  }

  upsert(run: JobRun): void {
    const index = this.runs.findIndex((candidate) => candidate.id === run.id);
    if (index >= 0) this.runs[index] = run;
    else this.runs.push(run);
    this.filtered.clear();
  }

  get(id: number): JobRun | undefined {
    const index = this.lastIndexBelow(this.runs, id + 1);
    const run = this.runs[index];
    return run?.id === id ? run : undefined;
  }

  lastOf(jobId: string): JobRun | null {
    return this.runs.findLast((run) => run.jobId === jobId) ?? null;
  }

  query(query: HistoryQuery): HistoryPage {
    const key = `${query.jobId ?? ''}|${(query.status ?? []).join(',')}`;
    let rows = this.filtered.get(key);
    if (!rows) {
      rows = this.runs.filter((run) => (query.jobId === undefined || run.jobId === query.jobId) && (query.status === undefined || query.status.includes(run.status)));
      this.filtered.set(key, rows);
    }
    const limit = query.limit ?? 50;
    const from = query.before === undefined ? rows.length - 1 : this.lastIndexBelow(rows, query.before);
    const page: JobRun[] = [];
    for (let index = from; index >= 0 && page.length < limit; index -= 1) {
      const run = rows[index];
      if (run) page.push(run);
    }
    const last = page[page.length - 1];
    const more = last !== undefined && from - page.length >= 0;
    return { runs: page, nextCursor: more ? last.id : null, total: rows.length };
  }

  /** Index of the last run with id < before, or -1. */
  private lastIndexBelow(rows: readonly JobRun[], before: number): number {
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((rows[middle]?.id ?? 0) < before) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }
}

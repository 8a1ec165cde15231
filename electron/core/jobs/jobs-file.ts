/**
 * Loads and validates the jobs file (`jobs.yaml` in Delegate's home).
 *
 * Every problem names the job, the field, the line and the reason. A bad job is left out and reported; the
 * valid ones are returned and keep running. A file that is not YAML at all is one error for the whole file,
 * and the caller keeps the jobs it had.
 */
import { join } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { jobSchema, jobsFileSchema, type Job } from '../../../shared/jobs/job-schema.js';
import { checkJobAgainstWorld, type JobWorld } from './job-checks.js';
import { checkSchedule } from './schedule-checks.js';
import { readBoundedTextFile } from '../fs/read-bounded-file.js';
import { offendingLine } from '../fs/offending-line.js';
import { isDelegateError } from '../errors/delegate-error.js';
import { nameKey } from '../../../shared/models/portable-name.js';

export const JOBS_FILE_NAME = 'jobs.yaml';

/**
 * The largest jobs file Delegate reads: 4 MiB. A job is a few hundred bytes, so this is thousands of jobs, and
 * room for inline HTML bodies; anything bigger is not a jobs file someone wrote (a log, a disk image behind a
 * symlink), and parsing it would only cost memory.
 */
export const JOBS_FILE_MAX_BYTES = 4 * 1024 * 1024;

export interface JobProblem {
  /** `error`: the job is not scheduled. `warning`: it is, but something will likely fail at run time. */
  severity: 'error' | 'warning';
  jobId?: string;
  /** e.g. `jobs[2].action.to[0]` */
  path: string;
  line?: number;
  message: string;
}

export interface LoadedJobs {
  path: string;
  exists: boolean;
  /** A digest of the bytes these jobs were read from (jobsFileVersion), null when there was no file to read. */
  version: string | null;
  jobs: Job[];
  problems: JobProblem[];
  /**
   * Set when the whole file could not be read as a jobs file. `version` is still the file's (so a fix can be
   * told apart); `jobs` and `problems` are then the engine's business (jobs-reload.ts).
   */
  fileError?: JobProblem;
  /**
   * Only with `fileError`, from the engine: `jobs` are still scheduled from this earlier, readable version of the
   * file, read at `loadedAt` (ISO). Absent with `fileError` when no version was ever read: then nothing runs.
   */
  scheduledFrom?: { version: string; loadedAt: string };
}

export function jobsFilePath(home: string): string {
  return join(home, JOBS_FILE_NAME);
}

export function loadJobsFile(path: string, world: JobWorld): LoadedJobs {
  let text: string | undefined;
  try {
    text = readJobsFileText(path);
  } catch (error) {
    // A FIFO, a device, a folder or a huge file: one error for the whole file, at once, and the caller keeps its jobs.
    if (!isDelegateError(error)) throw error;
    return { path, exists: true, version: null, jobs: [], problems: [], fileError: { severity: 'error', path: '', message: `${error.message} ${error.action}` } };
  }
  if (text === undefined) return { path, exists: false, version: null, jobs: [], problems: [] };
  return parseJobs(path, text, world);
}

/**
 * The version of the jobs file's text: its SHA-256 in hex, null when there is no file. The window sends back the
 * version it read with every edit, and an edit of a file that changed since is refused.
 */
export function jobsFileVersion(text: string | undefined): string | null {
  // Loaded on first use, not imported: `delegate jobs` never needs a version, and node:crypto costs it ~3 ms to load.
  return text === undefined ? null : process.getBuiltinModule('node:crypto').createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The jobs file's text (undefined when there is none), read only if it is a regular file of at most 4 MiB. */
export function readJobsFileText(path: string): string | undefined {
  return readBoundedTextFile(path, { what: 'the jobs file', limit: JOBS_FILE_MAX_BYTES });
}

export function parseJobs(path: string, text: string, world: JobWorld): LoadedJobs {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  let version: string | null | undefined;
  const base = {
    path,
    exists: true,
    // Worked out when first read (the engine, the window's edits), so a `delegate jobs` never hashes the file.
    get version(): string | null {
      return (version ??= jobsFileVersion(text));
    },
    jobs: [] as Job[],
    problems: [] as JobProblem[],
  };
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    const quoted = offendingLine(text, line);
    return { ...base, fileError: { severity: 'error', path: '', line, message: `${path}:${line}: not valid YAML: ${(syntaxError.message.split('\n')[0] ?? '').slice(0, 120)}${quoted ? ` (line ${line}: ${quoted})` : ''}` } };
  }
  let data: unknown;
  try {
    data = document.toJS() ?? {};
  } catch (error) {
    // yaml refuses to expand aliases of aliases past a limit (a "billion laughs" file) instead of filling the memory.
    const why = /alias/i.test((error as Error).message) ? 'its aliases (*name) expand to far more data than the file holds, as a "billion laughs" file does' : (error as Error).message;
    return { ...base, fileError: { severity: 'error', path: '', message: `${path}: Delegate did not read it: ${why}. Write the jobs out without aliases that repeat other aliases` } };
  }
  // `jobs:` with every job commented out is null in YAML: no jobs, not an unreadable file (which keeps the jobs
  // loaded before running, the very jobs the person just commented out).
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && (data as { jobs?: unknown }).jobs === null) data = { ...data, jobs: [] };
  const top = jobsFileSchema.safeParse(data);
  if (!top.success) {
    // Never list what the file holds: it may be someone else's file behind a symlink. At most its first stray line.
    const issue = top.error.issues[0];
    const stray = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const line = stray !== undefined ? lineOf(document, lineCounter, [stray]) : issue && issue.path.length > 0 ? lineOf(document, lineCounter, issue.path) : undefined;
    const quoted = offendingLine(text, line);
    const what = issue?.code === 'unrecognized_keys' ? `has ${issue.keys.length} top-level field(s) other than "jobs"` : issue?.path.length ? `${issue.path.join('.')} ${issue.message.replace(/^Invalid input: /, '')}` : 'is not a YAML mapping';
    const where = line !== undefined ? `:${line}` : '';
    return { ...base, fileError: { severity: 'error', path: issue?.path.join('.') ?? '', ...(line !== undefined ? { line } : {}), message: `${path}${where}: ${what}${quoted ? ` (line ${line}: ${quoted})` : ''}; the file should be "jobs:" followed by a list of jobs` } };
  }

  const locate = (segments: ReadonlyArray<PropertyKey>) => lineOf(document, lineCounter, segments);
  const seen = new Map<string, { id: string; index: number }>();
  top.data.jobs.forEach((raw, index) => {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
    const label = (segments: ReadonlyArray<PropertyKey>) => `jobs[${index}]${segments.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('')}`;
    const parsed = jobSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) base.problems.push(toProblem(issue, raw, index, id, label, locate));
      return;
    }
    const job = parsed.data;
    // Compared ignoring case: on macOS and Windows `Invoices` and `invoices` would share one lock file and one
    // saved-attachments record, so one job would skip the attachments the other saved.
    const earlier = seen.get(nameKey(job.id));
    if (earlier !== undefined) {
      const also = earlier.id === job.id ? `also used by jobs[${earlier.index}]` : `jobs[${earlier.index}] is "${earlier.id}", which differs only in case`;
      base.problems.push({ severity: 'error', jobId: job.id, path: label(['id']), line: locate(['jobs', index, 'id']), message: `duplicate id "${job.id}" (${also}): ids must be unique, ignoring case` });
      return;
    }
    seen.set(nameKey(job.id), { id: job.id, index });
    const worldProblems = [...checkJobAgainstWorld(job, world), ...checkSchedule(job)].map((problem) => ({
      ...problem,
      jobId: job.id,
      path: label(problem.segments),
      line: locate(['jobs', index, ...problem.segments]),
    }));
    for (const { segments: _segments, ...problem } of worldProblems) base.problems.push(problem);
    if (!worldProblems.some((problem) => problem.severity === 'error')) base.jobs.push(job);
  });
  return base;
}

function toProblem(
  issue: z.core.$ZodIssue,
  raw: unknown,
  index: number,
  id: string | undefined,
  label: (segments: ReadonlyArray<PropertyKey>) => string,
  locate: (segments: ReadonlyArray<PropertyKey>) => number | undefined,
): JobProblem {
  const segments = issue.path;
  let message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`;
  else if (issue.code === 'invalid_type' && valueAt(raw, segments) === undefined) message = 'is required';
  return { severity: 'error', ...(id ? { jobId: id } : {}), path: label(segments), line: locate(['jobs', index, ...segments]), message };
}

/** The value at a path inside the raw job, or undefined where the path does not exist. */
function valueAt(raw: unknown, segments: ReadonlyArray<PropertyKey>): unknown {
  let value = raw;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The line of the deepest node that exists along the path (a missing field points at its job). */
function lineOf(document: Document, lineCounter: LineCounter, segments: ReadonlyArray<PropertyKey>): number | undefined {
  for (let length = segments.length; length > 0; length--) {
    const node = document.getIn(segments.slice(0, length) as unknown[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

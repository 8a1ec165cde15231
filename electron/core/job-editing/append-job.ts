/**
 * Adds a job at the end of the `jobs:` list, written like the jobs before it.
 *
 * The new item goes right after the last job's own lines (before any trailing comments at the list's column),
 * with the last job's `-` column, and after a blank line when the file separates its jobs with blank lines.
 * A file without jobs gets a `jobs:` block list; a new file is `jobs:\n  - id: …`.
 */
import { checkIdFree, checkJob } from './check-job.js';
import { fileStyle } from './file-style.js';
import { readJobsText, type JobsText } from './jobs-text.js';
import { ownEnd, ownStart } from './item-region.js';
import { renderItem } from './render-yaml.js';
import { columnOf, isBlankLine, lineAt, lineStartOf, nextLineStart, splice } from './text-lines.js';
import { keepFinalNewline } from './final-newline.js';
import { withoutNullValue } from './null-jobs-value.js';
import { verifyEdit } from './verify-edit.js';
import { withoutUnwrittenDefaults } from './unwritten-defaults.js';

/** The file's text with `job` appended (text undefined: there is no file yet). */
export function appendJob(text: string | undefined, sent: Record<string, unknown>): string {
  const id = checkJob(sent);
  // A new job gets what the person set, not the defaults the form filled in (`enabled: true`, `catchUp: once`).
  const job = withoutUnwrittenDefaults(sent, {});
  if (text === undefined) return verifyEdit(readJobsText(''), `jobs:\n${'  ' + renderItem(job, 2, { indent: 2, lineBreak: '\n' })}\n`, [job]);
  const jobs = readJobsText(text);
  checkIdFree(jobs.items, id);
  const expected = [...jobs.items.map((item) => item.raw), job];
  return verifyEdit(jobs, keepFinalNewline(text, insertItem(jobs, job)), expected);
}

function insertItem(jobs: JobsText, job: unknown): string {
  const { text, lineBreak } = jobs;
  const style = fileStyle(jobs);
  const last = jobs.items[jobs.items.length - 1];
  if (jobs.shape === 'block' && last) {
    const column = columnOf(text, last.dashOffset);
    const end = ownEnd(text, last);
    const previous = jobs.items[jobs.items.length - 2];
    const separated = previous !== undefined && hasBlankLineBetween(text, ownEnd(text, previous), ownStart(text, last));
    const before = end === text.length && !text.endsWith('\n') ? lineBreak : '';
    return splice(text, end, end, `${before}${separated ? lineBreak : ''}${' '.repeat(column) + renderItem(job, column, style)}${lineBreak}`);
  }
  if (jobs.shape === 'empty-flow' && jobs.list?.range) {
    // `jobs: []` (maybe with a comment after it): the brackets go, the list starts on the next line.
    const [open, close] = jobs.list.range;
    const lineStart = lineStartOf(text, open);
    const lineEnd = nextLineStart(text, close);
    const rest = text.slice(close, lineEnd);
    const line = text.slice(lineStart, trimSpacesBefore(text, open)) + (rest.trim() === '' ? rest.replace(/^[ \t]+/, '') : rest);
    const broken = line.endsWith('\n') ? line : line + lineBreak;
    return text.slice(0, lineStart) + broken + '  ' + renderItem(job, 2, style) + lineBreak + text.slice(lineEnd);
  }
  if (jobs.shape === 'null' && jobs.jobsKeyEnd !== undefined) {
    // `jobs:` with nothing (or only comments, often jobs commented out) under it: the job goes at the end of the
    // document; a `~` / `null` after `jobs:` goes (it is earlier in the text, so it is removed after the insert).
    const appended = appendAtEnd(text, `${'  ' + renderItem(job, 2, style)}${lineBreak}`, lineBreak, jobs.documentEnd);
    return jobs.nullValue ? withoutNullValue(appended, jobs.nullValue) : appended;
  }
  return appendAtEnd(text, `jobs:${lineBreak}${'  ' + renderItem(job, 2, style)}${lineBreak}`, lineBreak, jobs.documentEnd);
}

function hasBlankLineBetween(text: string, start: number, end: number): boolean {
  for (let cursor = start; cursor < end; cursor = nextLineStart(text, cursor)) if (isBlankLine(lineAt(text, cursor))) return true;
  return false;
}

function trimSpacesBefore(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return start;
}

/** `insert` at `at` (the document's end: before a `...` marker, which always starts a line). */
function appendAtEnd(text: string, insert: string, lineBreak: string, at: number): string {
  const head = text.slice(0, at);
  const before = head === '' || head === '\uFEFF' || head.endsWith('\n') ? '' : lineBreak;
  return head + before + insert + text.slice(at);
}

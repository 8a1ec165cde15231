/**
 * Removes a job from jobs.yaml: its lines and its own comments (item-region.ts says which those are).
 *
 * Blank lines: the blank lines after the job go with it, so the jobs around it stay separated as before; the last
 * job takes the blank lines before it instead (nothing dangles at the end of the list), unless they are the end of
 * the previous job's `|+` text.
 */
import { refuseAliases } from './alias-check.js';
import { blankLinesAfter, blankLinesBefore, ownEnd, ownStart } from './item-region.js';
import { readJobsText, theJob } from './jobs-text.js';
import { keepFinalNewline } from './final-newline.js';
import { splice } from './text-lines.js';
import { verifyEdit } from './verify-edit.js';

export function deleteJob(text: string, jobId: string): string {
  const jobs = readJobsText(text, 'delete');
  const item = theJob(jobs, jobId, 'delete');
  refuseAliases(item, 'delete');
  let start = ownStart(text, item);
  let end = ownEnd(text, item);
  const afterBlanks = blankLinesAfter(text, end);
  if (afterBlanks > end) end = afterBlanks;
  // Never into the job before: blank lines at the end of a `|+` text are part of its value.
  else if (item.index === jobs.items.length - 1) start = Math.max(blankLinesBefore(text, start), jobs.items[item.index - 1]?.contentEnd ?? 0);
  const expected = jobs.items.filter((other) => other !== item).map((other) => other.raw);
  return verifyEdit(jobs, keepFinalNewline(text, splice(text, start, end, '')), expected, 'delete');
}

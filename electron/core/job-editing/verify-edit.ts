/**
 * The last check before an edit is written: parse the new text and make sure it says exactly what was intended.
 *
 * The edited job must equal the job the editor sent, and every other job must be deep-equal to what it was. If
 * not (a quoting or indentation case the splicing got wrong), nothing is written: a refused save is a nuisance,
 * a corrupted jobs file stops every job.
 */
import { isDeepStrictEqual } from 'node:util';
import { DelegateError } from '../errors/delegate-error.js';
import { JOBS_FILE_MAX_BYTES } from '../jobs/jobs-file.js';
import { didNot, stoppedBefore, type EditAction } from './edit-action.js';
import { readJobsText, type JobsText } from './jobs-text.js';

/** What the edit should have done: the jobs as plain data, in file order, after the edit. */
export function verifyEdit(before: JobsText, afterText: string, expected: unknown[], action: EditAction = 'save'): string {
  const internal = (why: string) => stopped(why, action);
  if (Buffer.byteLength(afterText, 'utf8') > JOBS_FILE_MAX_BYTES) {
    throw new DelegateError({ code: 'invalid-input', message: `With this change jobs.yaml would be larger than ${JOBS_FILE_MAX_BYTES / 1024 / 1024} MiB, more than Delegate reads, so it ${didNot(action)}.`, action: 'Make the job smaller (an HTML body can be read from a file instead).' });
  }
  let after: JobsText;
  try {
    after = readJobsText(afterText);
  } catch (error) {
    throw internal(`the edited file would not parse (${(error as Error).message.slice(0, 200)})`);
  }
  const jobs = after.items.map((item) => item.raw);
  if (jobs.length !== expected.length) throw internal(`the edited file would hold ${jobs.length} jobs instead of ${expected.length}`);
  const wrong = jobs.findIndex((job, index) => !isDeepStrictEqual(plain(job), plain(expected[index])));
  if (wrong >= 0) throw internal(`job ${wrong + 1} would read back differently from what was intended`);
  if (after.lineBreak !== before.lineBreak && before.text.includes('\n') && afterText.includes('\n')) throw internal('the edit would change the file\'s line breaks');
  if (afterText.startsWith('\uFEFF') !== before.text.startsWith('\uFEFF') && before.text !== '') throw internal('the edit would change the file\'s byte order mark');
  return afterText;
}

/** Plain data for comparison: JSON's view (the yaml library and the editor may differ in prototypes only). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function stopped(why: string, action: EditAction): DelegateError {
  return new DelegateError({ code: 'unexpected', message: `Delegate stopped before ${stoppedBefore(action)} because ${why}; jobs.yaml was not changed.`, action: 'Make this change in jobs.yaml by hand, and report the problem (with the job, not your file) so it can be fixed.' });
}

/**
 * Edits one field of one job in jobs.yaml the way a person would: comments, order and formatting stay.
 */
import { parseDocument } from 'yaml';
import { DelegateError } from '../errors/delegate-error.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { linkedFileTarget } from '../fs/linked-file-target.js';
import { readJobsFileText } from '../jobs/jobs-file.js';

export function setJobEnabled(path: string, jobId: string, enabled: boolean): void {
  const text = readJobsFileText(path);
  if (text === undefined) throw new DelegateError({ code: 'invalid-input', message: `There is no jobs file at ${path}.`, action: 'Create it with your jobs first; the README shows the format.' });
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new DelegateError({ code: 'invalid-config', message: `${path} is not valid YAML, so Delegate will not edit it.`, action: 'Fix the file first; the Jobs view lists the problem.' });
  }
  const jobs = document.get('jobs');
  const items = (jobs as { items?: unknown[] } | undefined)?.items ?? [];
  const index = items.findIndex((item) => (item as { get?: (key: string) => unknown }).get?.('id') === jobId);
  if (index < 0) throw new DelegateError({ code: 'invalid-input', message: `There is no job "${jobId}" in ${path}.`, action: 'Reload the Jobs view.' });
  document.setIn(['jobs', index, 'enabled'], enabled);
  writeFileAtomic(linkedFileTarget(path), document.toString(), 0o600);
}

/**
 * One job as written in jobs.yaml (no defaults filled in, unknown fields kept), for the editor to start from.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { jobsFileVersion, readJobsFileText } from '../jobs/jobs-file.js';
import { readJobsText, theJob } from './jobs-text.js';

export interface JobSourceData {
  jobId: string;
  version: string;
  source: Record<string, unknown>;
}

export function readJobSource(path: string, jobId: string): JobSourceData {
  const text = readJobsFileText(path);
  const version = jobsFileVersion(text);
  if (text === undefined || version === null) {
    throw new DelegateError({ code: 'invalid-input', message: `There is no job "${jobId}": there is no jobs file yet.`, action: 'Reload the Jobs view.' });
  }
  const item = theJob(readJobsText(text, 'open'), jobId, 'open');
  const raw = item.raw;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DelegateError({ code: 'invalid-config', message: `Job "${jobId}" in jobs.yaml is not a set of fields.`, action: 'Fix it in jobs.yaml by hand.' });
  return { jobId, version, source: raw as Record<string, unknown> };
}

/**
 * What a job from the editor must pass before it is written: the jobs file's schema, a unique id, and sane size.
 *
 * The same schema the loader uses (shared/jobs/job-schema.ts), so a saved job is never one the Jobs page then
 * reports as broken. Messages name the first field and its problem (`action.to[0]: must be an email address`).
 */
import { jobSchema } from '../../../shared/jobs/job-schema.js';
import { nameKey } from '../../../shared/models/portable-name.js';
import { DelegateError } from '../errors/delegate-error.js';
import type { JobItem } from './jobs-text.js';

/** As the IPC contract bounds a job: 512 KiB of JSON. The file itself may hold 4 MiB (JOBS_FILE_MAX_BYTES). */
export const JOB_MAX_JSON_CHARS = 512 * 1024;
/** Deeper than any job needs (a Graph request body included); deeper would only strain the YAML writer. */
export const JOB_MAX_DEPTH = 32;

/** Refuses a job that is not a plain object, too big, too deep, or not a valid job; returns the job's id. */
export function checkJob(job: unknown): string {
  if (typeof job !== 'object' || job === null || Array.isArray(job)) throw refusal('the job is not a set of fields');
  if (depthOf(job, 0) > JOB_MAX_DEPTH) throw refusal(`the job nests deeper than ${JOB_MAX_DEPTH} levels`);
  let json: string;
  try {
    json = JSON.stringify(job);
  } catch {
    throw refusal('the job is not plain data');
  }
  if (json.length > JOB_MAX_JSON_CHARS) throw refusal(`the job is ${Math.round(json.length / 1024)} KiB, more than the ${JOB_MAX_JSON_CHARS / 1024} KiB a job may be`);
  const parsed = jobSchema.safeParse(job);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('') : '';
    let message = (issue?.message ?? 'is not valid').replace(/^Invalid input: /, '');
    if (issue?.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}`;
    throw new DelegateError({ code: 'invalid-input', message: `The job was not saved: ${where ? `${where}: ` : ''}${message}.`, action: 'Correct that field and save again.' });
  }
  return parsed.data.id;
}

/** Refuses an id another job already has, ignoring case (as the loader does: they would share a lock file). */
export function checkIdFree(items: JobItem[], id: string, except?: JobItem): void {
  const clash = items.find((item) => item !== except && item.id !== undefined && nameKey(item.id) === nameKey(id));
  if (clash) {
    const how = clash.id === id ? '' : ` ("${clash.id ?? ''}" differs only in case, and ids are compared ignoring case)`;
    throw new DelegateError({ code: 'invalid-input', message: `Another job in jobs.yaml already has the id "${id}"${how}, so the job was not saved.`, action: 'Choose another id.' });
  }
}

function refusal(why: string): DelegateError {
  return new DelegateError({ code: 'invalid-input', message: `The job was not saved: ${why}.`, action: 'Correct the job and save again.' });
}

function depthOf(value: unknown, depth: number): number {
  if (depth > JOB_MAX_DEPTH) return depth;
  if (typeof value !== 'object' || value === null) return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}

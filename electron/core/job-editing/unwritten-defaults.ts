/**
 * Leaves out of a job what the file did not say and what means nothing but the schema's default.
 *
 * The editor's form may send `enabled: true`, `catchUp: once`, `retries: {attempts: 0, backoffSeconds: 60}` or an
 * action's `attachments: []` although the person never set them. Written into the file they would be noise the
 * person did not write, and a save without a change would rewrite the job. A field the job did not have (at
 * `original`'s same place) is left out when the job, read by the loader's schema, means exactly the same without
 * it; a field the file already had always stays, whatever its value.
 */
import { isDeepStrictEqual } from 'node:util';
import { jobSchema } from '../../../shared/jobs/job-schema.js';

/** Defaults live at most three levels down (`action.filter.unreadOnly`); an object with many keys is data, not settings. */
const MAX_PATH = 3;
const MAX_KEYS = 32;

export function withoutUnwrittenDefaults(job: Record<string, unknown>, original: unknown): Record<string, unknown> {
  const meaning = meaningOf(job);
  if (meaning === undefined) return job;
  let result = job;
  const walk = (path: string[], node: Record<string, unknown>, written: unknown): void => {
    if (Object.keys(node).length > MAX_KEYS) return;
    for (const key of Object.keys(node)) {
      const at = [...path, key];
      const wasWritten = isRecord(written) && Object.hasOwn(written, key);
      if (!wasWritten && at.join('.') !== 'id' && at.join('.') !== 'action') {
        const candidate = without(result, at);
        if (isDeepStrictEqual(meaningOf(candidate), meaning)) {
          result = candidate;
          continue;
        }
      }
      const child = node[key];
      if (isRecord(child) && at.length < MAX_PATH) walk(at, child, wasWritten && isRecord(written) ? written[key] : undefined);
    }
  };
  walk([], job, original);
  return result;
}

/** The job as the loader reads it (defaults filled in), as plain data; undefined for a job the schema refuses. */
function meaningOf(job: Record<string, unknown>): unknown {
  const parsed = jobSchema.safeParse(job);
  return parsed.success ? (JSON.parse(JSON.stringify(parsed.data)) as unknown) : undefined;
}

/** A copy of `job` without the key at `path` (the objects on the way copied, nothing else touched). */
function without(job: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const [key, ...rest] = path as [string, ...string[]];
  const copy = { ...job };
  if (rest.length === 0) delete copy[key];
  else copy[key] = without(copy[key] as Record<string, unknown>, rest);
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

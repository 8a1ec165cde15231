/**
 * The JSON Schema of the jobs file, generated from the zod schema, for editor completion and checking
 * (`# yaml-language-server: $schema=…` at the top of jobs.yaml). Published as build/jobs.schema.json.
 */
import { z } from 'zod';
import { jobSchema } from '../../../shared/jobs/job-schema.js';

export function jobsJsonSchema(): Record<string, unknown> {
  const file = z.strictObject({ jobs: z.array(jobSchema) }).meta({
    title: 'Delegate jobs',
    description: "Scheduled Microsoft 365 jobs that Delegate runs with your own sign-in. See Delegate's README for each kind.",
  });
  // `input`: what a person writes (defaults optional, single recipients allowed), not what the engine sees.
  return z.toJSONSchema(file, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
}

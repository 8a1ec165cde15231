/**
 * The doctor line naming jobs whose profile lacks a scope they need, before they run.
 *
 * The verdicts are the runner's own (jobs/job-scopes.ts, from the scopes the profile's tokens really carry), so
 * doctor never says a job is fine that the scheduler would skip, or the other way round.
 */
import { jobsLackingScopes } from '../jobs/job-scopes.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

/** A `scopes:jobs` finding: pass when every job of the profile is covered, warn naming each job otherwise. */
export function jobsLackingScopesFinding(context: DoctorContext): DoctorFinding | null {
  let lacking: ReturnType<typeof jobsLackingScopes>;
  try {
    lacking = jobsLackingScopes(context.home, context.profile.name);
  } catch {
    return null; // an unreadable jobs file is `delegate jobs`'s finding to report, with its line number
  }
  const title = 'Jobs and scopes';
  if (lacking.length === 0) {
    return { id: 'scopes:jobs', area: 'scopes', status: 'pass', title, detail: "Every job of this profile is covered by the sign-in's scopes." };
  }
  const first = lacking[0];
  return {
    id: 'scopes:jobs',
    area: 'scopes',
    status: 'warn',
    title,
    detail: lacking.map((job) => `${job.jobId}: ${job.message}`).join(' '),
    action: first ? first.action : 'Add the missing scopes to the profile and sign in again.',
    data: { jobs: lacking.map((job) => ({ id: job.jobId, missing: job.missing, refused: job.refused })) },
  };
}

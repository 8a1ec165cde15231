/**
 * PLUG-IN POINT (issue 8, scopes): the doctor line naming jobs whose profile lacks a scope they need.
 *
 * The scopes work exports a function listing the jobs that lack scopes; the lead wires it in here at merge.
 * Until then this returns null and doctor shows no line. Keep it the only place doctor learns about jobs.
 */
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

/**
 * @param granted the scopes the profile's current Graph token really carries (from its `scp`).
 * @returns a `scopes:jobs` finding (warn, naming each job, the missing scopes and the fix), or null.
 */
export function jobsLackingScopesFinding(context: DoctorContext, granted: readonly string[]): DoctorFinding | null {
  void context;
  void granted;
  // TODO(merge, scopes helper): e.g.
  //   const lacking = jobsLackingScopes(context.home, context.profile.name, granted);
  //   if (lacking.length === 0) return { id: 'scopes:jobs', area: 'scopes', status: 'pass', title: 'Jobs and scopes', detail: 'Every job of this profile has the scopes it needs.' };
  //   return { id: 'scopes:jobs', area: 'scopes', status: 'warn', title: 'Jobs and scopes',
  //            detail: lacking.map((job) => `${job.id} needs ${job.missing.join(', ')}`).join('; '),
  //            action: `Add the scopes and sign in again: \`delegate profiles set ${context.profile.name} --scopes …\` then \`delegate login\`.` };
  return null;
}

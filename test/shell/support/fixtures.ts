/**
 * Plain data for shell and notification tests: a profile's health, a job in the Jobs view, a run.
 */
import type { HealthStatus, ProfileHealth } from '../../../shared/models/health.js';
import type { JobSummary } from '../../../shared/ipc/ipc-models.js';
import type { JobRun, RunStatus } from '../../../shared/models/job-run.js';

export const NOW = new Date('2026-11-21T09:00:00Z');
const DAY = 24 * 60 * 60_000;

export function health(profile: string, status: HealthStatus, overrides: Partial<ProfileHealth> = {}): ProfileHealth {
  const signedIn = status !== 'signed-out';
  const daysRemaining = status === 'ok' ? 60 : status === 'warning' ? 6 : status === 'expired' || status === 'blocked' ? 0 : null;
  const lastInteractiveAuth = signedIn ? new Date(NOW.getTime() - (90 - (daysRemaining ?? 90)) * DAY).toISOString() : null;
  return {
    profile,
    status,
    reason: status === 'blocked' ? 'Conditional Access blocks the device code sign-in here (AADSTS53003). Use the browser sign-in.' : status === 'expired' ? 'The refresh token expired (AADSTS700082). Sign in again.' : `Status ${status}.`,
    account: signedIn ? { username: `${profile}@contoso.com`, tenantId: 't', homeAccountId: 'h' } : null,
    daysRemaining,
    expiresAt: lastInteractiveAuth ? new Date(Date.parse(lastInteractiveAuth) + 90 * DAY).toISOString() : null,
    lastInteractiveAuth,
    lastSilentAuth: null,
    lastProbe: null,
    cacheBackend: 'keychain',
    clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    scopes: ['User.Read'],
    lifetimeDays: 90,
    warningDays: 7,
    ...overrides,
  };
}

let nextRunId = 100;

export function run(jobId: string, status: RunStatus, overrides: Partial<JobRun> = {}): JobRun {
  return {
    id: nextRunId++,
    jobId,
    trigger: 'schedule',
    scheduledFor: '2026-11-21T02:00:00.000Z',
    startedAt: '2026-11-21T02:00:00.000Z',
    endedAt: status === 'running' ? null : '2026-11-21T02:00:30.000Z',
    status,
    attempt: 1,
    summary: status === 'succeeded' ? 'Sent the report to 3 recipients' : null,
    error: status === 'failed' ? { code: 'graph-error', message: 'Graph answered 403 Forbidden.' } : status === 'timed-out' ? { code: 'timed-out', message: 'The run took longer than 10 minutes and was stopped.' } : null,
    outputTail: null,
    ...overrides,
  };
}

export function job(id: string, overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id,
    name: id,
    kind: 'graph.request',
    enabled: true,
    profile: null,
    schedule: '0 2 * * *',
    timezone: null,
    scheduleInWords: 'At 02:00',
    nextRun: null,
    running: false,
    lastRun: null,
    ...overrides,
  };
}

/**
 * What the tray shows: the icon's colour, the tooltip that says why, and the menu — as data, without Electron.
 *
 * Colour (PRODUCT.md): green when all is well, amber for a sign-in expiring soon or a failed last run, red when a
 * person must sign in (expired) or policy blocks the sign-in, grey when nobody is signed in. A locked keychain is
 * amber (runs wait; unlocking fixes it) and never offers "Sign in again" as the fix. The shell turns the
 * menu items' actions into calls on the app service.
 */
import { formatRunTime, type TimeFormat } from '../notifications/format-time.js';
import type { JobSummary } from '../../../shared/ipc/ipc-models.js';
import type { HealthStatus, ProfileHealth } from '../../../shared/models/health.js';

export type TrayState = 'ok' | 'warning' | 'error' | 'signed-out';

export interface TrayInput {
  profiles: readonly ProfileHealth[];
  jobs: readonly JobSummary[];
  /**
   * jobs.yaml cannot be read: `jobs` are then still scheduled from an earlier version (JobsView), and nothing the
   * person saved since takes effect until the file is fixed — worth an amber icon, like a failed run.
   */
  jobsFileBroken?: boolean;
  paused: boolean;
  /** Set when another process (`delegate daemon`) runs the schedule: pausing is then not the app's to do. */
  scheduleElsewhere?: string | null;
  /** Offer "Install command line tool…" (macOS, the AppImage: where no installer puts `delegate` on PATH). */
  commandLineTool?: boolean;
  now: Date;
  format?: TimeFormat;
}

export type TrayAction =
  | { type: 'sign-in'; profile: string | null }
  | { type: 'run-now'; jobId: string }
  | { type: 'set-paused'; paused: boolean }
  | { type: 'open' }
  | { type: 'install-command-line-tool' }
  | { type: 'quit' };

export interface TrayMenuItem {
  label: string;
  kind: 'normal' | 'separator' | 'checkbox' | 'submenu';
  enabled: boolean;
  checked?: boolean;
  action?: TrayAction;
  submenu?: TrayMenuItem[];
}

export interface TrayModel {
  state: TrayState;
  tooltip: string;
  statusLine: string;
  menu: TrayMenuItem[];
}

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

const STATUS_RANK: Record<HealthStatus, number> = { expired: 0, blocked: 0, 'keychain-locked': 1, warning: 1, unknown: 2, ok: 3, 'signed-out': 4 };
const FAILED = new Set(['failed', 'timed-out']);
const JOBS_FILE_BROKEN = 'jobs.yaml cannot be read';

export function trayModel(input: TrayInput): TrayModel {
  const profiles = [...input.profiles].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  const failed = input.jobs.filter((job) => job.lastRun && FAILED.has(job.lastRun.status));
  const state = trayState(profiles, failed.length > 0 || input.jobsFileBroken === true);

  const profileParts = profiles.filter((health) => health.status !== 'signed-out' || profiles.every((other) => other.status === 'signed-out')).map(describeProfile);
  const failureParts = [...(input.jobsFileBroken ? [JOBS_FILE_BROKEN] : []), ...describeFailures(failed, input.now, input.format)];
  const parts = [...(profileParts.length > 0 ? profileParts : ['not signed in']), ...failureParts];
  if (input.paused) parts.push('schedule paused');
  if (input.scheduleElsewhere) parts.push(`schedule run by ${input.scheduleElsewhere}`);
  const tooltip = truncate(`Delegate — ${parts.join('; ')}`, TOOLTIP_MAX);

  const statusLine = truncate(headline(state, profiles, failureParts), 60);
  // A locked keychain is fixed by unlocking it, not by signing in: never offer the re-auth dialog for it.
  const needsSignIn =
    profiles.find((health) => health.status !== 'ok' && health.status !== 'signed-out' && health.status !== 'keychain-locked') ?? profiles.find((health) => health.status === 'signed-out');
  return { state, tooltip, statusLine, menu: trayMenu(input, statusLine, needsSignIn?.profile ?? null) };
}

function trayState(profiles: readonly ProfileHealth[], anyFailed: boolean): TrayState {
  if (profiles.some((health) => health.status === 'expired' || health.status === 'blocked')) return 'error';
  if (anyFailed || profiles.some((health) => health.status === 'warning' || health.status === 'unknown' || health.status === 'keychain-locked')) return 'warning';
  if (profiles.some((health) => health.status === 'ok')) return 'ok';
  return 'signed-out';
}

function describeProfile(health: ProfileHealth): string {
  switch (health.status) {
    case 'expired':
      return `${health.profile}: sign-in required`;
    case 'blocked':
      return `${health.profile}: sign-in blocked by policy`;
    case 'unknown':
      return `${health.profile}: sign-in state unknown`;
    case 'keychain-locked':
      return `${health.profile}: keychain locked, unlock it`;
    case 'signed-out':
      return `${health.profile}: signed out`;
    case 'ok':
    case 'warning':
      return health.daysRemaining === null ? `${health.profile}: signed in` : `${health.profile}: ${health.daysRemaining} ${health.daysRemaining === 1 ? 'day' : 'days'} left`;
  }
}

function describeFailures(failed: readonly JobSummary[], now: Date, format: TimeFormat | undefined): string[] {
  if (failed.length === 0) return [];
  if (failed.length === 1) {
    const job = failed[0] as JobSummary;
    const run = job.lastRun;
    const verb = run?.status === 'timed-out' ? 'timed out' : 'failed';
    return [`${job.name} ${verb}${run ? ` at ${formatRunTime(run.scheduledFor ?? run.startedAt, now, format)}` : ''}`];
  }
  return [`${failed.length} jobs failed: ${failed.map((job) => job.name).join(', ')}`];
}

function headline(state: TrayState, profiles: readonly ProfileHealth[], failures: readonly string[]): string {
  const worst = profiles[0];
  switch (state) {
    case 'error':
      return worst?.status === 'blocked' ? `Sign-in blocked: ${worst.profile}` : `Sign in again: ${worst?.profile ?? ''}`;
    case 'warning':
      if (worst?.status === 'keychain-locked') return 'Keychain locked: unlock it; runs wait';
      if (worst && (worst.status === 'warning' || worst.status === 'unknown')) return describeProfile(worst);
      return failures[0] ?? 'Needs attention';
    case 'ok':
      return worst ? `All good · ${describeProfile(worst)}` : 'All good';
    case 'signed-out':
      return 'Not signed in';
  }
}

function trayMenu(input: TrayInput, statusLine: string, signInProfile: string | null): TrayMenuItem[] {
  const runNow: TrayMenuItem[] =
    input.jobs.length === 0
      ? [{ label: 'No jobs yet', kind: 'normal', enabled: false }]
      : input.jobs.map((job) => ({
          label: job.running ? `${job.name} (running)` : job.name,
          kind: 'normal' as const,
          enabled: !job.running,
          action: { type: 'run-now' as const, jobId: job.id },
        }));
  const items: TrayMenuItem[] = [
    { label: statusLine, kind: 'normal', enabled: false },
    { label: '', kind: 'separator', enabled: true },
    { label: 'Sign in again…', kind: 'normal', enabled: true, action: { type: 'sign-in', profile: signInProfile } },
    { label: 'Run now', kind: 'submenu', enabled: input.jobs.length > 0, submenu: runNow },
    input.scheduleElsewhere
      ? { label: `Pause schedule (run by ${input.scheduleElsewhere})`, kind: 'checkbox', enabled: false, checked: false }
      : { label: 'Pause schedule', kind: 'checkbox', enabled: true, checked: input.paused, action: { type: 'set-paused', paused: !input.paused } },
    { label: '', kind: 'separator', enabled: true },
    ...(input.commandLineTool ? [{ label: 'Install command line tool…', kind: 'normal' as const, enabled: true, action: { type: 'install-command-line-tool' as const } }] : []),
    { label: 'Open Delegate', kind: 'normal', enabled: true, action: { type: 'open' } },
    { label: 'Quit', kind: 'normal', enabled: true, action: { type: 'quit' } },
  ];
  return items;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

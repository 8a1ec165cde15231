/**
 * The Graph permissions each job needs, and whether a profile's granted scopes cover them.
 *
 * A need is a list of alternatives: any one of them is enough (Graph accepts `Files.ReadWrite.All` where
 * `Files.Read` would do). The alternatives come from the permissions section of each Graph API's reference page:
 * sendMail → Mail.Send; chatMessage → ChatMessage.Send, Chat.ReadWrite; channel message → ChannelMessage.Send,
 * Group.ReadWrite.All; another person's (shared) mailbox → the `.Shared` permissions; drive items → Files.* (own
 * OneDrive) or Files.*.All / Sites.* (libraries and other drives).
 *
 * A job whose needs are not met is skipped before it runs rather than tried: the granted set is the token's own
 * `scp`, which is everything Entra will put in any token for this profile, so Graph would answer 403 — or worse, a
 * job could do half its work (a draft made, never sent) first. Jobs whose needs are unknown (a `graph.request` or
 * script token without declared scopes) are never flagged, and neither is any job while the granted set is unknown
 * (a profile signed in before Delegate read `scp`).
 */
import { readMetadata } from '../auth/profile-metadata.js';
import { parseScope } from '../../../shared/scopes.js';
import { clientAdvice, refusalFor } from '../auth/recorded-refusal.js';
import { profilePaths } from '../config/profile-paths.js';
import { loadConfig, type LoadedConfig } from '../config/config-store.js';
import { loadHomeJobs } from './job-world.js';
import type { LoadedJobs } from './jobs-file.js';
import type { DriveLocation, Job } from '../../../shared/jobs/job-schema.js';
import type { RunError } from '../../../shared/models/job-run.js';
import type { JobScopeFlag } from '../../../shared/ipc/ipc-models.js';
import { CLIENT_PRESETS, presetForClientId } from '../../../shared/client-presets.js';
import { preauthorizedListFor, suggestClientFor } from '../../../shared/preauthorized-scopes.js';

export interface ScopeNeed {
  /** Any one of these permissions is enough. */
  anyOf: string[];
  /** What it is for, in words: "send mail as you". */
  purpose: string;
}

export interface MissingScopes {
  jobId: string;
  profile: string;
  /** The needs no granted scope covers. */
  missing: ScopeNeed[];
  /** Of those, the permissions Microsoft refused to the profile's client ID (AADSTS65002), if recorded. */
  refused: string[];
  message: string;
  action: string;
}

const ownDriveRead = ['Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All'];
const ownDriveWrite = ['Files.ReadWrite', 'Files.ReadWrite.All'];
const anyDriveRead = ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const anyDriveWrite = ['Files.ReadWrite.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
// A library named by its site URL is found with `GET /sites/{host}:/{path}` first, which takes a Sites.* permission
// (Graph's "Get a site resource"); Files.*.All alone reaches a drive only by its ID.
const siteRead = ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const siteWrite = ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];

function isOwnDrive(location: DriveLocation): boolean {
  return 'drive' in location;
}

/**
 * The Graph permission a declared scope stands for, as the token's `scp` spells it: `https://graph.microsoft.com/
 * Sites.Read.All` is `Sites.Read.All`. A scope no `scp` ever lists — OpenID (`offline_access`), `.default` (whatever
 * was granted), another resource's permission — is no need Delegate can check, so none (never a false flag).
 */
function permissionNeeded(scope: string): string[] {
  const parsed = parseScope(scope);
  if (parsed.kind === 'graph') return [parsed.canonical ?? parsed.name];
  if (parsed.kind === 'malformed') return [scope];
  return [];
}

function driveNeed(location: DriveLocation, access: 'read' | 'write'): ScopeNeed {
  if (isOwnDrive(location)) return access === 'read' ? { anyOf: ownDriveRead, purpose: 'read your OneDrive' } : { anyOf: ownDriveWrite, purpose: 'write to your OneDrive' };
  if ('site' in location) return access === 'read' ? { anyOf: siteRead, purpose: 'read a SharePoint site\'s library' } : { anyOf: siteWrite, purpose: 'write to a SharePoint site\'s library' };
  return access === 'read' ? { anyOf: anyDriveRead, purpose: 'read a SharePoint library or another drive' } : { anyOf: anyDriveWrite, purpose: 'write to a SharePoint library or another drive' };
}

/** What a job needs from Graph; `null` when unknown (a Graph request or script that declares nothing). */
export function scopesNeeded(job: Job): ScopeNeed[] | null {
  const action = job.action;
  switch (action.kind) {
    case 'mail.send':
      return [{ anyOf: ['Mail.Send'], purpose: 'send mail as you' }];
    case 'teams.message':
      return action.chatId !== undefined
        ? [{ anyOf: ['ChatMessage.Send', 'Chat.ReadWrite'], purpose: 'post in a Teams chat' }]
        : [{ anyOf: ['ChannelMessage.Send', 'Group.ReadWrite.All'], purpose: 'post in a Teams channel' }];
    case 'mail.attachments': {
      const writes = action.markRead || action.moveTo !== undefined;
      if (action.mailbox !== undefined) {
        return [writes
          ? { anyOf: ['Mail.ReadWrite.Shared'], purpose: `read, mark and move mail in ${action.mailbox}` }
          : { anyOf: ['Mail.Read.Shared', 'Mail.ReadWrite.Shared'], purpose: `read mail in ${action.mailbox}` }];
      }
      return [writes ? { anyOf: ['Mail.ReadWrite'], purpose: 'read, mark and move your mail' } : { anyOf: ['Mail.Read', 'Mail.ReadWrite'], purpose: 'read your mail' }];
    }
    case 'files.download':
      return [driveNeed(action.source, 'read')];
    case 'files.upload':
      return [driveNeed(action.destination, 'write')];
    case 'graph.request':
      return action.scopes ? action.scopes.flatMap(permissionNeeded).map((scope) => ({ anyOf: [scope], purpose: `${action.method} ${action.path}` })) : null;
    case 'script': {
      const declared = action.tokens.flatMap((token) => (token.resource === undefined ? (token.scopes ?? []) : []).flatMap(permissionNeeded).map((scope) => ({ anyOf: [scope], purpose: `the script's ${token.env}` })));
      return declared.length > 0 ? declared : null;
    }
    default:
      return null;
  }
}

/** The needs of `job` that `granted` does not cover (names compare without regard to case); [] when all are met. */
export function missingScopes(job: Job, granted: readonly string[]): ScopeNeed[] {
  const have = new Set(granted.map((scope) => scope.toLowerCase()));
  return (scopesNeeded(job) ?? []).filter((need) => !need.anyOf.some((scope) => have.has(scope.toLowerCase())));
}

/** What a profile really has: the last Graph token's `scp`; null when no token was read yet (then nothing is flagged). */
export function grantedScopesOf(home: string, profileName: string, config: LoadedConfig = loadConfig(home)): { granted: string[] | null; refused: string[]; clientId: string } | null {
  const entry = config.entries.find((candidate) => candidate.name === profileName);
  if (!entry?.ok) return null;
  const { metadata } = readMetadata(profilePaths(home, profileName));
  if (!metadata.account) return { granted: null, refused: [], clientId: entry.profile.clientId };
  const refused = refusalFor(entry.profile, metadata)?.scopes ?? [];
  // A scope refused after the last token was read (Microsoft changed the client's list) is no longer granted.
  const refusedLower = new Set(refused.map((scope) => scope.toLowerCase()));
  const granted = metadata.tokenScopes ? metadata.tokenScopes.scopes.filter((scope) => !refusedLower.has(scope.toLowerCase())) : null;
  return { granted, refused, clientId: entry.profile.clientId };
}

/** The verdict for one job against its profile's granted scopes; null when nothing is missing (or unknown). */
export function checkJobScopes(job: Job, profileName: string, state: { granted: string[] | null; refused: string[]; clientId: string }): MissingScopes | null {
  if (state.granted === null) return null;
  const missing = missingScopes(job, state.granted);
  if (missing.length === 0) return null;
  const refusedLower = new Set(state.refused.map((scope) => scope.toLowerCase()));
  const refused = [...new Set(missing.flatMap((need) => need.anyOf.filter((scope) => refusedLower.has(scope.toLowerCase()))))];
  const needs = missing.map((need) => (need.anyOf.length === 1 ? need.anyOf[0] : `one of ${need.anyOf.join(', ')}`)).join('; ');
  const purposes = missing.map((need) => need.purpose).join(' and ');
  // Not refused, but not asked for either: on Office or Azure CLI it is worth asking only if Microsoft is known to
  // pre-authorise the client for it; otherwise adding it to the profile would just fail the sign-in (AADSTS65002).
  const beyondClient = refused.length === 0 ? needsBeyondClient(missing, state.clientId) : [];
  const message = refused.length > 0
    ? `Profile "${profileName}" cannot ${purposes}: Microsoft does not let client ID ${state.clientId.toLowerCase()} use ${refused.join(', ')} (AADSTS65002), and the sign-in has no ${needs}.`
    : beyondClient.length > 0
      ? `Profile "${profileName}" cannot ${purposes}: its sign-in has no ${needs}, and Microsoft is not known to let client ID ${clientText(state.clientId)} ask for ${beyondClient.map((need) => need.preferred).join(', ')} (AADSTS65002).`
      : `Profile "${profileName}" cannot ${purposes}: its sign-in was not granted ${needs}.`;
  const first = missing[0]?.anyOf[0] ?? '';
  const switchClient = clientAdvice({ name: profileName, clientId: state.clientId }, refused).replace(/^ Or switch/, 'Switch');
  const action = refused.length > 0
    ? switchClient || `Run this job with a profile whose client ID has ${refused.length === 1 ? 'it' : 'them'} (\`profile:\` in the job).`
    : beyondClient.length > 0
      ? otherProfileAdvice(profileName, beyondClient, state.clientId)
      : `Add ${first} to the profile's scopes (\`delegate profiles set ${profileName} --scopes ...\`) and sign in again: \`delegate login --profile ${profileName}\`.`;
  return { jobId: job.id, profile: profileName, missing, refused, message, action };
}

/**
 * The needs whose preferred (least privileged, first) permission the client's known pre-authorised list lacks, with
 * the broader alternative it does have, if any ([] for a client not limited by pre-authorisation).
 */
function needsBeyondClient(missing: readonly ScopeNeed[], clientId: string): Array<{ preferred: string; fallback: string | undefined }> {
  const known = preauthorizedListFor(clientId);
  if (known === 'any') return [];
  const has = new Set(known.map((scope) => scope.toLowerCase()));
  return missing
    .filter((need) => !has.has((need.anyOf[0] ?? '').toLowerCase()))
    .map((need) => ({ preferred: need.anyOf[0] ?? '', fallback: need.anyOf.find((scope) => has.has(scope.toLowerCase())) }));
}

function clientText(clientId: string): string {
  const preset = presetForClientId(clientId);
  return `${clientId.toLowerCase()}${preset ? ` (${preset.label})` : ''}`;
}

/** Run the job as a profile on a client that may ask for `scopes`: the job keeps its profile's other jobs as they are. */
function otherProfileAdvice(profileName: string, beyond: ReadonlyArray<{ preferred: string; fallback: string | undefined }>, clientId: string): string {
  const scopes = beyond.map((need) => need.preferred);
  const preset = suggestClientFor(scopes, clientId);
  const other = `${profileName}-${preset ?? 'other'}`;
  const run = preset
    ? `Run it with a profile on ${CLIENT_PRESETS.find((candidate) => candidate.id === preset)?.label ?? preset}: \`delegate profiles add ${other} --client-id ${preset}\` (with this profile's cloud and tenant options), \`delegate login --profile ${other}\`, then \`profile: ${other}\` in the job.`
    : `Run this job with a profile whose client ID may ask for ${scopes.join(', ')} (\`profile:\` in the job).`;
  // A broader permission the client does have (Group.ReadWrite.All for channel posts) works too, at a wider reach.
  const fallbacks = beyond.every((need) => need.fallback !== undefined) ? beyond.map((need) => need.fallback ?? '') : [];
  return fallbacks.length > 0 ? `${run} Or add the broader ${fallbacks.join(', ')} to this profile's scopes (\`delegate profiles set ${profileName} --scopes ...\`), which this client may ask for, and sign in again.` : run;
}

/**
 * Every valid job of `home` (of one profile, if given) whose profile lacks a scope it needs — for `delegate jobs`,
 * the window's Jobs view and `delegate doctor`. `loaded`: the jobs file as the caller already read it (reading and
 * validating it again is most of a `delegate jobs`' time); `config`: config.json as the caller read it, likewise.
 */
export function jobsLackingScopes(home: string, profileName?: string, loaded?: LoadedJobs, config: LoadedConfig = loadConfig(home)): MissingScopes[] {
  const jobs = (loaded ?? loadHomeJobs(home, config)).jobs;
  const fallback = config.defaultProfile ?? (config.entries.length === 1 ? config.entries[0]?.name : undefined);
  const states = new Map<string, ReturnType<typeof grantedScopesOf>>();
  const found: MissingScopes[] = [];
  for (const job of jobs) {
    const profile = job.profile ?? fallback;
    if (profile === undefined || (profileName !== undefined && profile !== profileName)) continue;
    if (!states.has(profile)) states.set(profile, grantedScopesOf(home, profile, config));
    const state = states.get(profile);
    if (!state) continue;
    const verdict = checkJobScopes(job, profile, state);
    if (verdict) found.push(verdict);
  }
  return found;
}

/** The runner's check before a run: the reason to skip it, or null to go ahead. */
export function scopeProblemBeforeRun(home: string, job: Job, profileName: string): RunError | null {
  const state = grantedScopesOf(home, profileName);
  const verdict = state ? checkJobScopes(job, profileName, state) : null;
  if (!verdict) return null;
  return { code: verdict.refused.length > 0 ? 'scope-not-preauthorized' : 'scope-missing', message: `Skipped before it ran: ${verdict.message}`, action: verdict.action, ...(verdict.refused.length > 0 ? { aadsts: 65002 } : {}) };
}

/** A verdict as the CLI's JSON and the window show it. */
export function scopeFlag(verdict: MissingScopes | undefined): JobScopeFlag | null {
  if (!verdict) return null;
  return { needs: verdict.missing.map((need) => need.anyOf), refused: verdict.refused, message: verdict.message, action: verdict.action };
}

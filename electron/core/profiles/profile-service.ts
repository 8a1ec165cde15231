/**
 * Creating, changing, listing and removing sign-in profiles. Input is validated here, in core, so the CLI and
 * the app's settings give the same precise errors.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { DelegateError } from '../errors/delegate-error.js';
import { loadConfig } from '../config/config-store.js';
import { updateConfig } from '../config/config-writer.js';
import { profilePaths } from '../config/profile-paths.js';
import { assertProfileName } from '../home/home-paths.js';
import { nameKey } from '../../../shared/models/portable-name.js';
import { removeProfileFolder } from './remove-profile-folder.js';
import { defaultProfileTemplate } from '../config/profile-resolver.js';
import { configSchemas, describeIssues } from '../config/config-schema.js';
import { checkScopes } from '../auth/scope-check.js';
import { CLOUD_NAMES, type CloudName } from '../../../shared/clouds.js';
import { resolveClientId } from '../../../shared/client-presets.js';
import { defaultScopesFor, isDefaultScopeSetFor } from '../../../shared/default-scopes.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { ProfileInput } from '../../../shared/ipc/ipc-models.js';

/** Changes to a profile, as the CLI and the app's settings give them (validated here). */
export type ProfileChanges = ProfileInput;

/** Validates changes on top of a base profile and returns the resulting profile. */
export function applyProfileChanges(base: Profile, changes: ProfileChanges): Profile {
  const problems: string[] = [];
  const next: Profile = { ...base };
  if (changes.cloud !== undefined) {
    if (!(CLOUD_NAMES as readonly string[]).includes(changes.cloud)) problems.push(`--cloud: "${changes.cloud}" is not one of ${CLOUD_NAMES.join(', ')}`);
    else next.cloud = changes.cloud as CloudName;
  }
  if (changes.clientId !== undefined) {
    const clientId = resolveClientId(changes.clientId);
    if (!clientId) problems.push(`--client-id: "${changes.clientId}" is not a GUID nor a preset (office, azure-cli, graph-powershell)`);
    else next.clientId = clientId;
  }
  if (changes.tenant !== undefined) next.tenant = changes.tenant;
  if (changes.authorityHost !== undefined) next.authorityHost = changes.authorityHost.replace(/\/+$/, '');
  if (changes.graphBaseUrl !== undefined) next.graphBaseUrl = changes.graphBaseUrl.replace(/\/+$/, '');
  if (changes.caFile === '') {
    // `--ca-file ""` takes the extra CA away again.
    delete next.caFile;
  } else if (changes.caFile !== undefined) {
    if (!existsSync(changes.caFile)) problems.push(`--ca-file: ${changes.caFile} does not exist`);
    next.caFile = changes.caFile;
  }
  if (changes.scopes !== undefined) next.scopes = changes.scopes;
  // Scopes nobody chose follow the client: Office's default set on Graph PowerShell would leave Teams out, and
  // Graph PowerShell's on Office would fail the sign-in (AADSTS65002).
  else if (next.clientId !== base.clientId && isDefaultScopeSetFor(base.clientId, base.scopes)) next.scopes = defaultScopesFor(next.clientId);
  if (changes.extraResources !== undefined) next.extraResources = changes.extraResources;
  if (changes.lifetimeDays !== undefined) next.lifetimeDays = changes.lifetimeDays;
  if (changes.warningDays !== undefined) next.warningDays = changes.warningDays;
  if (changes.cacheBackend !== undefined) next.cacheBackend = changes.cacheBackend;
  // As the window's form: a warning period as long as the lifetime would warn from the moment of sign-in, forever.
  if (Number.isInteger(next.warningDays) && Number.isInteger(next.lifetimeDays) && next.warningDays >= next.lifetimeDays) {
    problems.push(`--warning-days ${next.warningDays} must be fewer days than --lifetime-days ${next.lifetimeDays}: warn before the lifetime is over`);
  }
  // --ca-file is for every cloud: behind a TLS-inspecting proxy the global cloud needs the company's root too.
  if (next.cloud !== 'custom' && (changes.authorityHost || changes.graphBaseUrl)) {
    problems.push('--authority-host and --graph-url are for --cloud custom only');
  }
  if (next.cloud === 'custom') {
    if (!next.authorityHost) problems.push('--authority-host is required for --cloud custom');
    if (!next.graphBaseUrl) problems.push('--graph-url is required for --cloud custom');
  } else {
    delete next.authorityHost;
    delete next.graphBaseUrl;
  }
  const { name, ...record } = next;
  const parsed = configSchemas().profileSchema.safeParse(record);
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, name));
  if (problems.length > 0) {
    throw new DelegateError({ code: 'invalid-input', message: `Profile "${name}" is not valid:\n  ${problems.join('\n  ')}`, action: 'Correct the options named above and run the command again.' });
  }
  next.scopes = checkScopes(next.scopes);
  return next;
}

export async function addProfile(home: string, name: string, changes: ProfileChanges, options: { makeDefault?: boolean } = {}): Promise<Profile> {
  assertProfileName(name);
  const profile = applyProfileChanges({ ...defaultProfileTemplate(name), id: randomUUID() }, changes);
  await updateConfig(home, (raw) => {
    // Ignoring case: on macOS and Windows `Work` would share the folder of an existing `work`.
    const existing = Object.keys(raw.profiles).find((other) => nameKey(other) === nameKey(name));
    if (existing !== undefined) {
      throw new DelegateError({ code: 'invalid-input', message: `A profile named "${existing}" already exists${existing === name ? '' : ` (names may not differ only in case: on macOS and Windows both would share one folder)`}.`, action: `Change it with \`delegate profiles set ${existing} ...\`, remove it first, or choose another name.` });
    }
    raw.profiles[name] = toRecord(profile);
    if (options.makeDefault || (!raw.defaultProfile && Object.keys(raw.profiles).length === 1)) raw.defaultProfile = name;
  });
  return profile;
}

/** Saves a profile as it is (the first sign-in saves the built-in default this way). */
export async function saveProfile(home: string, profile: Profile): Promise<void> {
  assertProfileName(profile.name);
  await updateConfig(home, (raw) => {
    raw.profiles[profile.name] = { ...toRecord(profile), ...proxyOf(raw.profiles[profile.name]) };
    if (!raw.defaultProfile && Object.keys(raw.profiles).length === 1) raw.defaultProfile = profile.name;
  });
}

export async function setDefaultProfile(home: string, name: string): Promise<void> {
  requireExisting(home, name);
  await updateConfig(home, (raw) => {
    raw.defaultProfile = name;
  });
}

/**
 * Removes a profile's config entry and its folder, `<home>/profiles/NAME` and nothing else. Signing out
 * (removing the keychain entry) is the caller's first step. The name is checked before anything is touched.
 */
export async function removeProfile(home: string, name: string): Promise<void> {
  requireExisting(home, name);
  const { dir } = profilePaths(home, name);
  // On a disk that ignores case, `profiles/Work` IS `profiles/work`: the folder stays while another profile may use it.
  const sharesFolder = loadConfig(home).entries.some((entry) => entry.name !== name && nameKey(entry.name) === nameKey(name));
  await updateConfig(home, (raw) => {
    delete raw.profiles[name];
    if (raw.defaultProfile === name) delete raw.defaultProfile;
  });
  if (!sharesFolder) removeProfileFolder(dir);
}

/** Throws unless `name` is a valid profile name that config.json has (valid entry or not). */
export function requireExisting(home: string, name: string): void {
  assertProfileName(name);
  if (!loadConfig(home).entries.some((entry) => entry.name === name)) {
    throw new DelegateError({ code: 'unknown-profile', message: `There is no profile named "${name}".`, action: 'See the profiles with `delegate profiles list`.' });
  }
}

/** The hand-written `proxy` of a profile's record: not in the Profile model (see profile-transport-options.ts), kept on save. */
function proxyOf(record: unknown): { proxy?: unknown } {
  return typeof record === 'object' && record !== null && 'proxy' in record ? { proxy: (record as { proxy: unknown }).proxy } : {};
}

function toRecord(profile: Profile): Record<string, unknown> {
  const { name: _name, ...record } = profile;
  return record;
}

/** Fields whose change makes the cached tokens useless: the old sign-in must go. */
const IDENTITY_FIELDS = ['cloud', 'clientId', 'tenant', 'authorityHost', 'cacheBackend'] as const;

export interface ProfileUpdate {
  before: Profile;
  after: Profile;
  /** True when the change invalidates the existing sign-in (another client, tenant, cloud or cache). */
  needsSignIn: boolean;
}

export function planProfileUpdate(before: Profile, changes: ProfileChanges): ProfileUpdate {
  const after = applyProfileChanges(before, changes);
  const needsSignIn = IDENTITY_FIELDS.some((field) => before[field] !== after[field]);
  return { before, after, needsSignIn };
}

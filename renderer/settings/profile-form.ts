/**
 * The profile editor's form: text fields as typed, turned into the changes `settings:save-profile` takes, and the checks
 * the window can make by itself before main checks everything again. Pure.
 */
import type { RequestInput } from '../../shared/ipc/ipc-contract.js';
import type { ClientPresetView } from '../../shared/ipc/ipc-models.js';
import type { CloudName } from '../../shared/clouds.js';
import { defaultScopesFor, isDefaultScopeSetFor } from '../../shared/default-scopes.js';
import type { CacheBackend } from '../../shared/models/health.js';
import { DEFAULT_LIFETIME_DAYS, DEFAULT_WARNING_DAYS, PROFILE_NAME_PATTERN, type Profile } from '../../shared/models/profile.js';

export const CUSTOM_CLIENT = 'custom';

/**
 * The changes `settings:save-profile` takes. Derived from the channel's schema rather than ipc-models'
 * ProfileInput, whose `cloud` is a plain string where the schema wants a cloud name.
 */
export type ProfileChanges = RequestInput<'settings:save-profile'>['changes'];

export interface ProfileForm {
  name: string;
  cloud: CloudName;
  authorityHost: string;
  graphBaseUrl: string;
  caFile: string;
  /** A preset's id, or CUSTOM_CLIENT. */
  clientPreset: string;
  customClientId: string;
  tenant: string;
  scopesText: string;
  extraResourcesText: string;
  lifetimeDays: string;
  warningDays: string;
  cacheBackend: CacheBackend;
  /** The person read the plaintext warning and ticked the box. */
  plaintextAcknowledged: boolean;
}

export type FormField = Exclude<keyof ProfileForm, 'plaintextAcknowledged'> | 'plaintext';
export type FormErrors = Partial<Record<FormField, string>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Scope text as the CLI reads it (shared/scopes.ts splitScopeText): spaces, commas, semicolons or new lines. */
export function splitScopes(text: string): string[] {
  return text.split(/[\s,;]+/).filter((part) => part !== '');
}

/** Extra resources: URLs separated by new lines, spaces or commas. */
export function splitResources(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Replaces every entry equal to `scope` with `replacement` (one or several), one scope per line. */
export function replaceScope(text: string, scope: string, replacement: readonly string[]): string {
  return splitScopes(text)
    .flatMap((entry) => (entry === scope ? replacement : [entry]))
    .join('\n');
}

export function formFromProfile(profile: Profile | null, presets: readonly ClientPresetView[]): ProfileForm {
  const clientId = profile?.clientId ?? presets[0]?.clientId ?? '';
  const preset = presets.find((candidate) => candidate.clientId.toLowerCase() === clientId.toLowerCase());
  return {
    name: profile?.name ?? '',
    cloud: profile?.cloud ?? 'global',
    authorityHost: profile?.authorityHost ?? '',
    graphBaseUrl: profile?.graphBaseUrl ?? '',
    caFile: profile?.caFile ?? '',
    clientPreset: preset ? preset.id : CUSTOM_CLIENT,
    customClientId: preset ? '' : clientId,
    tenant: profile?.tenant ?? 'organizations',
    scopesText: (profile?.scopes ?? defaultScopesFor(clientId)).join('\n'),
    extraResourcesText: (profile?.extraResources ?? []).join('\n'),
    lifetimeDays: String(profile?.lifetimeDays ?? DEFAULT_LIFETIME_DAYS),
    warningDays: String(profile?.warningDays ?? DEFAULT_WARNING_DAYS),
    cacheBackend: profile?.cacheBackend ?? 'keychain',
    plaintextAcknowledged: profile?.cacheBackend === 'plaintext',
  };
}

export function clientIdOf(form: ProfileForm, presets: readonly ClientPresetView[]): string {
  if (form.clientPreset === CUSTOM_CLIENT) return form.customClientId.trim();
  return presets.find((preset) => preset.id === form.clientPreset)?.clientId ?? '';
}

/**
 * Another client chosen: scopes still at the old client's default follow to the new client's (as `profiles set
 * --client-id` does), so Office is never left asking for what it cannot get; scopes the person chose stay.
 */
export function withClientPreset(form: ProfileForm, clientPreset: string, presets: readonly ClientPresetView[]): ProfileForm {
  const before = clientIdOf(form, presets);
  const next = { ...form, clientPreset };
  const after = clientIdOf(next, presets);
  if (before === '' || after === '' || !isDefaultScopeSetFor(before, splitScopes(form.scopesText))) return next;
  return { ...next, scopesText: defaultScopesFor(after).join('\n') };
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** What the window can tell before asking main; main checks it all again. */
export function checkForm(form: ProfileForm, options: { creating: boolean; existingNames: readonly string[]; presets: readonly ClientPresetView[] }): FormErrors {
  const errors: FormErrors = {};
  if (options.creating) {
    const name = form.name.trim();
    if (name === '') errors.name = 'Give the profile a name.';
    else if (!PROFILE_NAME_PATTERN.test(name)) errors.name = 'Use letters, digits, dots, dashes and underscores (up to 40), starting with a letter or digit.';
    else if (options.existingNames.some((existing) => existing.toLowerCase() === name.toLowerCase())) errors.name = `There is already a profile named "${name}".`;
  }
  if (form.cloud === 'custom') {
    if (!/^https:\/\/\S+$/i.test(form.authorityHost.trim())) errors.authorityHost = 'Enter the sign-in host as an https:// address.';
    if (!/^https:\/\/\S+$/i.test(form.graphBaseUrl.trim())) errors.graphBaseUrl = 'Enter the Graph address as an https:// address.';
  }
  if (form.clientPreset === CUSTOM_CLIENT && !GUID.test(form.customClientId.trim())) {
    errors.customClientId = 'A client ID is a GUID such as 04b07795-8ddb-461a-bbee-02f9e1bf7b46.';
  }
  if (form.tenant.trim() === '') errors.tenant = 'Enter "organizations", a tenant ID or a domain.';
  if (splitScopes(form.scopesText).length === 0) errors.scopesText = 'Ask for at least one scope.';
  const badResource = splitResources(form.extraResourcesText).find((line) => !/^https:\/\/\S+$/i.test(line));
  if (badResource !== undefined) errors.extraResourcesText = `"${badResource}" is not an https:// address.`;
  const lifetime = wholeNumber(form.lifetimeDays);
  if (lifetime === null || lifetime < 1 || lifetime > 3650) errors.lifetimeDays = 'Between 1 and 3650 days.';
  const warning = wholeNumber(form.warningDays);
  if (warning === null || warning < 0 || warning > 365) errors.warningDays = 'Between 0 and 365 days.';
  else if (lifetime !== null && warning >= lifetime) errors.warningDays = 'Warn before the lifetime is over: fewer days than the lifetime.';
  if (form.cacheBackend === 'plaintext' && !form.plaintextAcknowledged) errors.plaintext = 'Tick the box to confirm you accept a plaintext token cache.';
  return errors;
}

/**
 * The changes to send: every field for a new profile, only what differs for an existing one (so a save
 * never touches what the person did not).
 */
export function profileInput(form: ProfileForm, original: Profile | null, presets: readonly ClientPresetView[]): ProfileChanges {
  const full: ProfileChanges = {
    cloud: form.cloud,
    clientId: clientIdOf(form, presets),
    tenant: form.tenant.trim(),
    scopes: splitScopes(form.scopesText),
    extraResources: splitResources(form.extraResourcesText),
    lifetimeDays: Number(form.lifetimeDays.trim()),
    warningDays: Number(form.warningDays.trim()),
    cacheBackend: form.cacheBackend,
    ...(form.cloud === 'custom' ? { authorityHost: form.authorityHost.trim(), graphBaseUrl: form.graphBaseUrl.trim() } : {}),
    // For every cloud: behind a TLS-inspecting proxy whose root is not in the OS store, the global cloud needs it too.
    ...(form.caFile.trim() === '' ? {} : { caFile: form.caFile.trim() }),
  };
  if (!original) return full;
  const changes: ProfileChanges = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (full.cloud !== original.cloud) changes.cloud = full.cloud;
  if (full.clientId?.toLowerCase() !== original.clientId.toLowerCase()) changes.clientId = full.clientId;
  if (full.tenant !== original.tenant) changes.tenant = full.tenant;
  if (!same(full.scopes, original.scopes)) changes.scopes = full.scopes;
  if (!same(full.extraResources, original.extraResources)) changes.extraResources = full.extraResources;
  if (full.lifetimeDays !== original.lifetimeDays) changes.lifetimeDays = full.lifetimeDays;
  if (full.warningDays !== original.warningDays) changes.warningDays = full.warningDays;
  if (full.cacheBackend !== original.cacheBackend) changes.cacheBackend = full.cacheBackend;
  if (full.authorityHost !== undefined && full.authorityHost !== original.authorityHost) changes.authorityHost = full.authorityHost;
  if (full.graphBaseUrl !== undefined && full.graphBaseUrl !== original.graphBaseUrl) changes.graphBaseUrl = full.graphBaseUrl;
  if (full.caFile !== undefined && full.caFile !== original.caFile) changes.caFile = full.caFile;
  // An emptied field takes the extra CA away (core reads "" as "remove", as `--ca-file ""` does).
  if (full.caFile === undefined && original.caFile !== undefined) changes.caFile = '';
  return changes;
}

/** Changes that make the current sign-in useless (core's IDENTITY_FIELDS): the person must sign in again. */
export function changesSignIn(changes: ProfileChanges): boolean {
  return changes.cloud !== undefined || changes.clientId !== undefined || changes.tenant !== undefined || changes.authorityHost !== undefined || changes.cacheBackend !== undefined;
}

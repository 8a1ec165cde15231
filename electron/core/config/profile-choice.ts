/**
 * Which profile a command means, on a config already read (resolveProfile in profile-resolver.ts reads it):
 * `--profile`, else `DELEGATE_PROFILE`, else the configured default, else the only profile, else the built-in
 * default. Without zod (config-store.ts's schema), so the cached `delegate token` path shares it.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { invalidConfig } from './invalid-config.js';
import { DEFAULT_CLIENT_ID } from '../../../shared/client-presets.js';
import {
  DEFAULT_LIFETIME_DAYS,
  DEFAULT_PROFILE_NAME,
  DEFAULT_WARNING_DAYS,
  type Profile,
} from '../../../shared/models/profile.js';
import { defaultScopesFor } from '../../../shared/default-scopes.js';
import type { LoadedConfig } from './config-store.js';

export interface ResolvedProfile {
  profile: Profile;
  /** False for the built-in default before the first sign-in saves it. */
  persisted: boolean;
}

export function defaultProfileTemplate(name = DEFAULT_PROFILE_NAME): Profile {
  return {
    name,
    // the global Web Crypto: no node:crypto import on the cached-token path
    id: globalThis.crypto.randomUUID(),
    cloud: 'global',
    clientId: DEFAULT_CLIENT_ID,
    tenant: 'organizations',
    scopes: defaultScopesFor(DEFAULT_CLIENT_ID),
    extraResources: [],
    lifetimeDays: DEFAULT_LIFETIME_DAYS,
    warningDays: DEFAULT_WARNING_DAYS,
    cacheBackend: 'keychain',
  };
}

/** resolveProfile on a config already read: config-store.ts's loadConfig, or the token fast path's quick read. */
export function chooseProfile(config: LoadedConfig, requested?: string, env: NodeJS.ProcessEnv = process.env): ResolvedProfile {
  if (requested !== undefined && requested.trim() === '') {
    // A script's `--profile "$P"` with P unset: refused, never read as "the default profile".
    throw new DelegateError({ code: 'invalid-input', message: '--profile was given an empty name.', action: 'Give the profile\'s name (see `delegate profiles list`), or leave --profile out to use the default profile.' });
  }
  const name = requested ?? (env.DELEGATE_PROFILE?.trim() || undefined);
  if (name === undefined) {
    if (config.defaultProfile) return pick(config, config.defaultProfile);
    if (config.defaultProfileProblem) {
      // Not a silent fall-back to another profile: jobs would run as an identity nobody chose.
      const valid = config.entries.filter((entry) => entry.ok).map((entry) => entry.name);
      throw new DelegateError({
        code: 'invalid-config',
        message: `The default profile in ${config.path} cannot be used: ${config.defaultProfileProblem}.${valid.length > 0 ? ` The valid profiles are: ${valid.join(', ')}.` : ''}`,
        action: 'Choose the default with `delegate profiles default NAME`, or name one with --profile NAME.',
      });
    }
    if (config.entries.length === 1 && config.entries[0]) return pick(config, config.entries[0].name);
    if (config.entries.length === 0) return { profile: defaultProfileTemplate(), persisted: false };
    throw new DelegateError({
      code: 'invalid-input',
      message: `There are several profiles (${config.entries.map((entry) => entry.name).join(', ')}) and none is the default.`,
      action: 'Name one with --profile NAME, or choose a default: `delegate profiles default NAME`.',
    });
  }
  if (config.entries.length === 0 && name === DEFAULT_PROFILE_NAME) return { profile: defaultProfileTemplate(), persisted: false };
  return pick(config, name);
}

function pick(config: LoadedConfig, name: string): ResolvedProfile {
  const entry = config.entries.find((candidate) => candidate.name === name);
  if (!entry) {
    const known = config.entries.map((candidate) => candidate.name);
    throw new DelegateError({
      code: 'unknown-profile',
      message: `There is no profile named "${name}"${known.length > 0 ? ` (profiles: ${known.join(', ')})` : ' (no profiles yet)'}.`,
      action: 'Check the name with `delegate profiles list`, or create it with `delegate profiles add NAME`.',
    });
  }
  if (!entry.ok) throw invalidConfig(config.path, entry.problems);
  return { profile: entry.profile, persisted: true };
}

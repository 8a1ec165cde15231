/**
 * The checks of config.json that look across profiles (case twins, the default profile) and the custom cloud's
 * required fields: shared by config-store.ts and the zod-free quick read of the cached `delegate token` path
 * (config-quick-load.ts), so both decide alike.
 */
import { profileNameProblem } from '../home/home-paths.js';
import { nameKey } from '../../../shared/models/portable-name.js';
import type { ProfileEntry } from './config-store.js';

/** A bad `defaultProfile` is reported and ignored; it never hides the valid profiles. */
export function checkDefaultProfile(name: string | undefined, entries: ProfileEntry[]): string | undefined {
  if (name === undefined) return undefined;
  const problem = profileNameProblem(name);
  if (problem) return `defaultProfile: ${JSON.stringify(name.slice(0, 80))} is not a valid profile name (${problem})`;
  if (!entries.some((entry) => entry.name === name)) return `defaultProfile: there is no profile named ${JSON.stringify(name)} in "profiles"`;
  return undefined;
}

/**
 * A profile whose name differs from an earlier one only in case (`Work` after `work`) is invalid: on macOS and
 * Windows both would use one folder, so signing in to one would overwrite the other's files and removing one
 * would delete the other's. The first keeps working.
 */
export function withoutCaseTwins(entries: ProfileEntry[]): ProfileEntry[] {
  const first = new Map<string, string>();
  return entries.map((entry) => {
    const twin = first.get(nameKey(entry.name));
    if (twin === undefined) {
      first.set(nameKey(entry.name), entry.name);
      return entry;
    }
    return { name: entry.name, ok: false, problems: [`profiles[${JSON.stringify(entry.name)}]: differs from the profile "${twin}" only in case, and on macOS and Windows both would share one folder; Delegate ignores this profile. Rename it in config.json`] };
  });
}

export function customCloudProblems(name: string, profile: { cloud: string; authorityHost?: string | undefined; graphBaseUrl?: string | undefined }): string[] {
  const problems: string[] = [];
  if (profile.cloud === 'custom') {
    if (!profile.authorityHost) problems.push(`profiles.${name}.authorityHost: is required for the custom cloud`);
    if (!profile.graphBaseUrl) problems.push(`profiles.${name}.graphBaseUrl: is required for the custom cloud`);
  }
  return problems;
}

export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

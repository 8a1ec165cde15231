/**
 * Reads and writes `config.json`: the profiles and which one is the default.
 *
 * A broken profile is reported with its path and reason and never hides the valid ones; a file that is
 * not JSON at all is one clear error naming the file and the position.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DelegateError } from '../errors/delegate-error.js';
import { configFileSchema, describeIssues, profileSchema, type ConfigFile } from './config-schema.js';
import { configPath } from './profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';

export type ProfileEntry =
  | { name: string; ok: true; profile: Profile }
  | { name: string; ok: false; problems: string[] };

export interface LoadedConfig {
  path: string;
  exists: boolean;
  defaultProfile: string | undefined;
  entries: ProfileEntry[];
  /** The raw file, so updates keep what this version does not understand untouched. */
  raw: ConfigFile;
}

export function loadConfig(home: string): LoadedConfig {
  const path = configPath(home);
  if (!existsSync(path)) {
    return { path, exists: false, defaultProfile: undefined, entries: [], raw: { version: 1, profiles: {} } };
  }
  const raw = parseConfigFile(path, readFileSync(path, 'utf8'));
  const entries: ProfileEntry[] = Object.entries(raw.profiles).map(([name, value]) => toEntry(name, value));
  return { path, exists: true, defaultProfile: raw.defaultProfile, entries, raw };
}

export function parseConfigFile(path: string, text: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidConfig(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) throw invalidConfig(path, describeIssues(parsed.error.issues, ''));
  return parsed.data;
}

function toEntry(name: string, value: unknown): ProfileEntry {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) return { name, ok: false, problems: describeIssues(parsed.error.issues, `profiles.${name}`) };
  const problems = customCloudProblems(name, parsed.data);
  if (problems.length > 0) return { name, ok: false, problems };
  return { name, ok: true, profile: { name, ...stripUndefined(parsed.data) } };
}

function customCloudProblems(name: string, profile: { cloud: string; authorityHost?: string | undefined; graphBaseUrl?: string | undefined }): string[] {
  const problems: string[] = [];
  if (profile.cloud === 'custom') {
    if (!profile.authorityHost) problems.push(`profiles.${name}.authorityHost: is required for the custom cloud`);
    if (!profile.graphBaseUrl) problems.push(`profiles.${name}.graphBaseUrl: is required for the custom cloud`);
  }
  return problems;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function invalidConfig(path: string, problems: string[]): DelegateError {
  return new DelegateError({
    code: 'invalid-config',
    message: `The configuration file ${path} is not valid:\n  ${problems.join('\n  ')}`,
    action: `Fix or remove the lines named above in ${path} (or remove the file to start again with no profiles).`,
  });
}

/**
 * Reads and writes `config.json`: the profiles and which one is the default.
 *
 * A broken profile is reported with its path and reason and never hides the valid ones; a file that is
 * not JSON at all is one clear error naming the file and the position.
 */
import { readBoundedTextFile } from '../fs/read-bounded-file.js';
import { lineAt, offendingLine } from '../fs/offending-line.js';
import { profileNameProblem } from '../home/home-paths.js';
import { configSchemas, describeIssues, type ConfigFile } from './config-schema.js';
import { quickParseConfig } from './config-quick-load.js';
import { checkDefaultProfile, customCloudProblems, stripUndefined, withoutCaseTwins } from './config-entries.js';
import { invalidConfig } from './invalid-config.js';
import { CONFIG_FILE_MAX_BYTES } from './config-values.js';
import { configPath } from './profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';

export { invalidConfig, CONFIG_FILE_MAX_BYTES };

export type ProfileEntry =
  /** `proxy`: the profile's own proxy setting, apart from Profile so that it (and its password) never reaches the window. */
  | { name: string; ok: true; profile: Profile; proxy?: string }
  | { name: string; ok: false; problems: string[] };

export interface LoadedConfig {
  path: string;
  exists: boolean;
  /** The default profile, only when it names a profile in the file with a valid name. */
  defaultProfile: string | undefined;
  /** Set when `defaultProfile` names a missing profile or is not a profile name: why it is ignored. */
  defaultProfileProblem?: string;
  entries: ProfileEntry[];
  /** The raw file, so updates keep what this version does not understand untouched. */
  raw: ConfigFile;
}

export function loadConfig(home: string): LoadedConfig {
  const path = configPath(home);
  const text = readBoundedTextFile(path, { what: 'the configuration file', limit: CONFIG_FILE_MAX_BYTES });
  if (text === undefined) {
    return { path, exists: false, defaultProfile: undefined, entries: [], raw: { version: 1, profiles: {} } };
  }
  // A file certainly valid is read without zod (config-quick-load.ts: the same answer, tested against the
  // schema's); anything it is not sure of is judged, and reported, by the schema.
  return quickParseConfig(path, text) ?? checkConfigText(path, text);
}

/** What the schema makes of config.json's text: every problem found and reported (a broken file throws). */
export function checkConfigText(path: string, text: string): LoadedConfig {
  const raw = parseConfigFile(path, text);
  const entries = withoutCaseTwins(Object.entries(raw.profiles).map(([name, value]) => toEntry(name, value)));
  const defaultProfileProblem = checkDefaultProfile(raw.defaultProfile, entries);
  return {
    path,
    exists: true,
    defaultProfile: defaultProfileProblem ? undefined : raw.defaultProfile,
    ...(defaultProfileProblem ? { defaultProfileProblem } : {}),
    entries,
    raw,
  };
}

export function parseConfigFile(path: string, text: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidConfig(path, [describeJsonError(text, error as Error)]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalidConfig(path, [`the file holds ${json === null ? 'null' : Array.isArray(json) ? 'a list' : `a ${typeof json}`}, not a JSON object; it should look like {"version": 1, "profiles": {}}`]);
  }
  const parsed = configSchemas().configFileSchema.safeParse(json);
  if (!parsed.success) throw invalidConfig(path, describeIssues(parsed.error.issues, ''));
  // JSON.parse keeps a "__proto__" profile as an own key, but copying it into a plain object sets the copy's
  // prototype instead: the entry vanished unreported and was dropped on the next write. A copy without a
  // prototype keeps it as a key, so it is reported as a bad name and written back as the person left it.
  const profiles = Object.assign(Object.create(null) as Record<string, unknown>, (json as { profiles: Record<string, unknown> }).profiles);
  return { ...parsed.data, profiles };
}

/**
 * `not valid JSON at line 3: "…"`. V8's own message quotes the start of the text ("Unexpected token 'p',
 * "password=h"... is not valid JSON"); that snippet is cut out, and at most the line at fault is quoted.
 */
function describeJsonError(text: string, error: Error): string {
  const reason = error.message.replace(/, ".*is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return `not valid JSON: ${reason}`;
  const line = lineAt(text, Number(position));
  const quoted = offendingLine(text, line);
  return `not valid JSON at line ${line}: ${reason}${quoted ? ` (line ${line}: ${quoted})` : ''}`;
}

function toEntry(name: string, value: unknown): ProfileEntry {
  // The name becomes a folder (profiles/NAME): `..` or `../../x` must never get that far.
  const nameProblem = profileNameProblem(name);
  if (nameProblem) return { name, ok: false, problems: [`profiles[${JSON.stringify(name.slice(0, 80))}]: ${nameProblem}; Delegate ignores this profile and never touches files for it. Rename it in config.json`] };
  const parsed = configSchemas().profileSchema.safeParse(value);
  if (!parsed.success) return { name, ok: false, problems: describeIssues(parsed.error.issues, `profiles.${name}`) };
  const problems = customCloudProblems(name, parsed.data);
  if (problems.length > 0) return { name, ok: false, problems };
  const { proxy, ...record } = parsed.data;
  return { name, ok: true, profile: { name, ...stripUndefined(record) }, ...(proxy !== undefined ? { proxy } : {}) };
}

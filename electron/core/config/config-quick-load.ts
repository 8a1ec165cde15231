/**
 * config.json read without zod, for the cached `delegate token` path (zod/mini alone costs it ~40 ms of start-up).
 *
 * It answers only for a file it is sure of: every rule of config-schema.ts checked by hand on the same values
 * (config-values.ts), every profile valid. Anything else — a problem, a field it does not know, an odd file — is
 * `null`, and the caller takes the full path, whose loadConfig reports the problem in its own words. So it can
 * only ever agree with loadConfig (test/core/config/config-quick-load.test.ts compares the two), never differ.
 */
import { readBoundedTextFile } from '../fs/read-bounded-file.js';
import { profileNameProblem } from '../home/home-paths.js';
import { CLOUD_NAMES } from '../../../shared/clouds.js';
import { checkDefaultProfile, customCloudProblems, stripUndefined, withoutCaseTwins } from './config-entries.js';
import { CONFIG_FILE_MAX_BYTES, GUID, isHttpsUrl, isProxySetting, MAIL_ADDRESS, TEAMS_CHAT_ID, TENANT } from './config-values.js';
import { configPath } from './profile-paths.js';
import type { ConfigFile } from './config-schema.js';
import type { LoadedConfig, ProfileEntry } from './config-store.js';
import type { Profile } from '../../../shared/models/profile.js';

type Json = Record<string, unknown>;

const FILE_KEYS = new Set(['version', 'defaultProfile', 'profiles', 'proxy', 'history', 'notifications']);
const PROFILE_KEYS = new Set(['id', 'cloud', 'clientId', 'tenant', 'authorityHost', 'graphBaseUrl', 'caFile', 'scopes', 'extraResources', 'lifetimeDays', 'warningDays', 'cacheBackend', 'proxy']);

/** loadConfig's answer for a config.json that is certainly valid; null for anything the full path must judge. */
export function quickLoadConfig(home: string): LoadedConfig | null {
  const path = configPath(home);
  let text: string | undefined;
  try {
    text = readBoundedTextFile(path, { what: 'the configuration file', limit: CONFIG_FILE_MAX_BYTES });
  } catch {
    return null;
  }
  if (text === undefined) return { path, exists: false, defaultProfile: undefined, entries: [], raw: { version: 1, profiles: {} } };
  return quickParseConfig(path, text);
}

export function quickParseConfig(path: string, text: string): LoadedConfig | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(json) || !onlyKeys(json, FILE_KEYS) || json.version !== 1) return null;
  if ('defaultProfile' in json && typeof json.defaultProfile !== 'string') return null;
  if ('proxy' in json && !(typeof json.proxy === 'string' && isProxySetting(json.proxy))) return null;
  if ('history' in json && !validHistory(json.history)) return null;
  if ('notifications' in json && !validNotifications(json.notifications)) return null;
  if (!isObject(json.profiles)) return null;
  // As parseConfigFile: a "__proto__" profile stays a key (and is then refused below, as a bad name).
  const profiles = Object.assign(Object.create(null) as Json, json.profiles);
  const entries: ProfileEntry[] = [];
  for (const [name, value] of Object.entries(profiles)) {
    const entry = quickEntry(name, value);
    if (!entry) return null;
    entries.push(entry);
  }
  const checked = withoutCaseTwins(entries);
  if (checked.some((entry) => !entry.ok)) return null;
  const defaultProfile = json.defaultProfile as string | undefined;
  if (checkDefaultProfile(defaultProfile, checked)) return null;
  return { path, exists: true, defaultProfile, entries: checked, raw: { ...(json as ConfigFile), profiles } };
}

function quickEntry(name: string, value: unknown): ProfileEntry | null {
  if (profileNameProblem(name) || !isObject(value) || !onlyKeys(value, PROFILE_KEYS)) return null;
  const { id, cloud, clientId, tenant, scopes } = value;
  if (typeof id !== 'string' || id.length < 1) return null;
  if (!(CLOUD_NAMES as readonly unknown[]).includes(cloud)) return null;
  if (typeof clientId !== 'string' || !GUID.test(clientId)) return null;
  if (typeof tenant !== 'string' || !TENANT.test(tenant)) return null;
  for (const key of ['authorityHost', 'graphBaseUrl'] as const) if (key in value && !(typeof value[key] === 'string' && isHttpsUrl(value[key]))) return null;
  if ('caFile' in value && !(typeof value.caFile === 'string' && value.caFile.length >= 1)) return null;
  if (!Array.isArray(scopes) || scopes.length < 1 || !scopes.every((scope) => typeof scope === 'string')) return null;
  const extraResources = 'extraResources' in value ? value.extraResources : [];
  if (!Array.isArray(extraResources) || !extraResources.every((url) => typeof url === 'string' && isHttpsUrl(url))) return null;
  const lifetimeDays = 'lifetimeDays' in value ? value.lifetimeDays : 90;
  if (!isIntIn(lifetimeDays, 1, 3650)) return null;
  const warningDays = 'warningDays' in value ? value.warningDays : 7;
  if (!isIntIn(warningDays, 0, 365)) return null;
  const cacheBackend = 'cacheBackend' in value ? value.cacheBackend : 'keychain';
  if (cacheBackend !== 'keychain' && cacheBackend !== 'plaintext') return null;
  if ('proxy' in value && !(typeof value.proxy === 'string' && isProxySetting(value.proxy))) return null;
  const record = {
    id,
    cloud: cloud as Profile['cloud'],
    clientId,
    tenant,
    authorityHost: value.authorityHost as string | undefined,
    graphBaseUrl: value.graphBaseUrl as string | undefined,
    caFile: value.caFile as string | undefined,
    scopes: [...(scopes as string[])],
    extraResources: [...(extraResources as string[])],
    lifetimeDays,
    warningDays,
    cacheBackend: cacheBackend as Profile['cacheBackend'],
  };
  if (customCloudProblems(name, record).length > 0) return null;
  const proxy = value.proxy as string | undefined;
  return { name, ok: true, profile: { name, ...stripUndefined(record) }, ...(proxy !== undefined ? { proxy } : {}) };
}

function validHistory(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, new Set(['keepDays', 'keepRunsPerJob']))) return false;
  return (!('keepDays' in value) || isIntIn(value.keepDays, 1, Number.MAX_SAFE_INTEGER)) && (!('keepRunsPerJob' in value) || isIntIn(value.keepRunsPerJob, 1, Number.MAX_SAFE_INTEGER));
}

function validNotifications(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, new Set(['desktop', 'mail', 'teams']))) return false;
  if ('desktop' in value && typeof value.desktop !== 'boolean') return false;
  if ('mail' in value) {
    const mail = value.mail;
    const ok = typeof mail === 'boolean' || (isObject(mail) && onlyKeys(mail, new Set(['to'])) && (!('to' in mail) || (typeof mail.to === 'string' && MAIL_ADDRESS.test(mail.to))));
    if (!ok) return false;
  }
  if ('teams' in value) {
    const teams = value.teams;
    const ok = teams === false || (isObject(teams) && onlyKeys(teams, new Set(['chatId'])) && typeof teams.chatId === 'string' && TEAMS_CHAT_ID.test(teams.chatId));
    if (!ok) return false;
  }
  return true;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Json, allowed: ReadonlySet<string>): boolean {
  return Object.keys(value).every((key) => allowed.has(key));
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

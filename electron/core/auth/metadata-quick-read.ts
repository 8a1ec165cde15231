/**
 * meta.json read without zod: readMetadata asks here first, and the cached `delegate token` path takes only the
 * signed-in account (and only when no refusal is recorded).
 *
 * It answers only for a file profile-metadata.ts's schema certainly accepts, and then exactly what the schema's
 * parse gives: unknown keys dropped (at every level, as z.object does), defaults filled, optional keys left out
 * when absent. Anything else — no file, a damaged or odd one — is `null`, and the caller takes the full path,
 * which reads it with the schema (and keeps a damaged file aside, says so, and so on). It never writes.
 * test/core/auth/metadata-quick-read.test.ts holds it to the schema.
 */
import { readRegularFile } from '../fs/read-regular-file.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { EntraAnswer } from './entra-answer.js';
import type { ProfileMetadata } from './profile-metadata.js';

type Json = Record<string, unknown>;
export type SignedInAccount = NonNullable<ProfileMetadata['account']>;
type Probe = NonNullable<ProfileMetadata['lastProbe']>;
type AuthError = NonNullable<ProfileMetadata['lastAuthError']>;

/** A value as the schema's parse gives it, or `undefined`: not certainly what the schema accepts. */
type Read<T> = (value: unknown) => T | undefined;

const SIGN_IN_FLOWS = ['device-code', 'browser'] as const;
const PROBE_OUTCOMES = ['ok', 'sign-in-required', 'blocked', 'network-error', 'error'] as const;

/** The account of a certainly valid meta.json without a recorded refusal; null when the full path must decide. */
export function quickReadAccount(paths: Pick<ProfilePaths, 'meta'>): SignedInAccount | null {
  let json: unknown;
  try {
    json = JSON.parse(readRegularFile(paths.meta));
  } catch {
    return null;
  }
  return quickAccount(json);
}

export function quickAccount(json: unknown): SignedInAccount | null {
  const metadata = quickMetadata(json);
  // A recorded refusal: the full path decides (silent-token.ts clears it when it proves stale).
  if (metadata === null || metadata.lastAuthError !== null) return null;
  return metadata.account;
}

/** What `metadataSchema().safeParse(json).data` is, for a file the schema certainly accepts; otherwise null. */
export function quickMetadata(json: unknown): ProfileMetadata | null {
  if (!isObject(json) || json.version !== 1) return null;
  const account = nullable(readAccount)(json.account);
  const signInFlow = withDefault(json.signInFlow, null, nullable(oneOf(SIGN_IN_FLOWS)));
  const grantedScopes = withDefault(json.grantedScopes, [], strings);
  const lastInteractiveAuth = nullable(isoDate)(json.lastInteractiveAuth);
  const tokenScopes = withDefault(json.tokenScopes, null, nullable(readTokenScopes));
  const refusedScopes = withDefault(json.refusedScopes, null, nullable(readRefusedScopes));
  const imported = withDefault(json.imported, null, nullable(readImported));
  const lastSilentAuth = nullable(isoDate)(json.lastSilentAuth);
  const lastProbe = nullable(readProbe)(json.lastProbe);
  const lastAuthError = nullable(readAuthError)(json.lastAuthError);
  if (
    account === undefined ||
    signInFlow === undefined ||
    grantedScopes === undefined ||
    lastInteractiveAuth === undefined ||
    tokenScopes === undefined ||
    refusedScopes === undefined ||
    imported === undefined ||
    lastSilentAuth === undefined ||
    lastProbe === undefined ||
    lastAuthError === undefined
  ) {
    return null;
  }
  // In the schema's key order, so a rewrite of the file looks the same whichever reader read it.
  return { version: 1, account, signInFlow, grantedScopes, lastInteractiveAuth, tokenScopes, refusedScopes, imported, lastSilentAuth, lastProbe, lastAuthError };
}

function readAccount(value: unknown): SignedInAccount | undefined {
  if (!isObject(value)) return undefined;
  const [username, tenantId, homeAccountId, environment] = [value.username, value.tenantId, value.homeAccountId, value.environment].map(string);
  if (username === undefined || tenantId === undefined || homeAccountId === undefined || environment === undefined) return undefined;
  return { username, tenantId, homeAccountId, environment };
}

function readTokenScopes(value: unknown): { scopes: string[]; at: string } | undefined {
  if (!isObject(value)) return undefined;
  const scopes = strings(value.scopes);
  const at = isoDate(value.at);
  return scopes === undefined || at === undefined ? undefined : { scopes, at };
}

function readRefusedScopes(value: unknown): { clientId: string; scopes: string[]; at: string } | undefined {
  if (!isObject(value)) return undefined;
  const clientId = string(value.clientId);
  const scopes = strings(value.scopes);
  const at = isoDate(value.at);
  return clientId === undefined || scopes === undefined || at === undefined ? undefined : { clientId, scopes, at };
}

function readImported(value: unknown): { at: string; source: string; refreshTokenIssuedAt: string | null } | undefined {
  if (!isObject(value)) return undefined;
  const at = isoDate(value.at);
  const source = string(value.source);
  const refreshTokenIssuedAt = nullable(isoDate)(value.refreshTokenIssuedAt);
  return at === undefined || source === undefined || refreshTokenIssuedAt === undefined ? undefined : { at, source, refreshTokenIssuedAt };
}

function readProbe(value: unknown): Probe | undefined {
  if (!isObject(value)) return undefined;
  const at = isoDate(value.at);
  const outcome = oneOf(PROBE_OUTCOMES)(value.outcome);
  if (at === undefined || outcome === undefined) return undefined;
  const probe: Probe = { at, outcome };
  return withOptional(value, probe, { message: string, aadsts: number }) ? probe : undefined;
}

function readAuthError(value: unknown): AuthError | undefined {
  if (!isObject(value)) return undefined;
  const at = isoDate(value.at);
  const [code, message, action] = [value.code, value.message, value.action].map(string);
  if (at === undefined || code === undefined || message === undefined || action === undefined) return undefined;
  const error: AuthError = { at, code, message, action };
  return withOptional(value, error, { aadsts: number, entra: readEntraAnswer }) ? error : undefined;
}

function readEntraAnswer(value: unknown): EntraAnswer | undefined {
  if (!isObject(value)) return undefined;
  const [endpoint, error] = [value.endpoint, value.error].map(string);
  const status = number(value.status);
  const errorCodes = arrayOf(number)(value.errorCodes);
  if (endpoint === undefined || status === undefined || error === undefined || errorCodes === undefined) return undefined;
  const answer: EntraAnswer = { endpoint, status, error, errorCodes };
  const optional = { suberror: string, traceId: string, correlationId: string, timestamp: string, description: string };
  return withOptional(value, answer, optional) ? answer : undefined;
}

/**
 * Copies the optional keys `from` holds into `into`, each read by its rule, in the rules' (the schema's) order; an
 * absent key stays absent, as z.optional leaves it. False when one is there but not certainly valid.
 */
function withOptional<T extends object>(from: Json, into: T, rules: { [K in keyof T]?: Read<T[K]> }): boolean {
  for (const [key, read] of Object.entries(rules) as Array<[keyof T & string, Read<unknown>]>) {
    if (from[key] === undefined) continue;
    const value = read(from[key]);
    if (value === undefined) return false;
    Object.assign(into, { [key]: value });
  }
  return true;
}

/** z._default: an absent key takes the default (a fresh one each time), a present one must be valid. */
function withDefault<T>(value: unknown, fallback: T, read: Read<T>): T | undefined {
  return value === undefined ? fallback : read(value);
}

function nullable<T>(read: Read<T>): Read<T | null> {
  return (value) => (value === null ? null : read(value));
}

function oneOf<T extends string>(values: readonly T[]): Read<T> {
  return (value) => (values.includes(value as T) ? (value as T) : undefined);
}

function arrayOf<T>(read: Read<T>): Read<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return undefined;
    const items: T[] = [];
    for (const item of value) {
      const checked = read(item);
      if (checked === undefined) return undefined;
      items.push(checked);
    }
    return items;
  };
}

const strings = arrayOf(string);

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** z.number(): finite only (JSON's 1e999 parses to Infinity, which the schema refuses). */
function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isoDate(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

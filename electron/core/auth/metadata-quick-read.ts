/**
 * meta.json read without zod, for the cached `delegate token` path: the signed-in account, but only from a file
 * that profile-metadata.ts's schema certainly accepts and that records no refusal (`lastAuthError` null).
 *
 * Anything else — no file, a damaged or odd one, a refusal to look at — is `null`, and the caller takes the full
 * path, which reads it with the schema (and keeps a damaged file aside, says so, and so on). It never writes.
 * test/core/auth/metadata-quick-read.test.ts holds it to the schema.
 */
import { readFileSync } from 'node:fs';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { ProfileMetadata } from './profile-metadata.js';

type Json = Record<string, unknown>;
export type SignedInAccount = NonNullable<ProfileMetadata['account']>;

const PROBE_OUTCOMES = new Set(['ok', 'sign-in-required', 'blocked', 'network-error', 'error']);

/** The account of a certainly valid meta.json without a recorded refusal; null when the full path must decide. */
export function quickReadAccount(paths: Pick<ProfilePaths, 'meta'>): SignedInAccount | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(paths.meta, 'utf8'));
  } catch {
    return null;
  }
  return quickAccount(json);
}

export function quickAccount(json: unknown): SignedInAccount | null {
  if (!isObject(json) || json.version !== 1) return null;
  // A recorded refusal: the full path decides (silent-token.ts clears it when it proves stale).
  if (json.lastAuthError !== null) return null;
  const account = json.account;
  if (!isObject(account) || !['username', 'tenantId', 'homeAccountId', 'environment'].every((key) => typeof account[key] === 'string')) return null;
  if ('signInFlow' in json && json.signInFlow !== null && json.signInFlow !== 'device-code' && json.signInFlow !== 'browser') return null;
  if ('grantedScopes' in json && !isStrings(json.grantedScopes)) return null;
  if (!isNullOr(json.lastInteractiveAuth, isIsoDate) || !isNullOr(json.lastSilentAuth, isIsoDate)) return null;
  if ('tokenScopes' in json && !isNullOr(json.tokenScopes, (value) => isObject(value) && isStrings(value.scopes) && isIsoDate(value.at))) return null;
  if ('refusedScopes' in json && !isNullOr(json.refusedScopes, (value) => isObject(value) && typeof value.clientId === 'string' && isStrings(value.scopes) && isIsoDate(value.at))) return null;
  if ('imported' in json && !isNullOr(json.imported, (value) => isObject(value) && isIsoDate(value.at) && typeof value.source === 'string' && isNullOr(value.refreshTokenIssuedAt, isIsoDate))) return null;
  const probeOk = isNullOr(
    json.lastProbe,
    (value) =>
      isObject(value) &&
      isIsoDate(value.at) &&
      PROBE_OUTCOMES.has(value.outcome as string) &&
      (!('message' in value) || typeof value.message === 'string') &&
      (!('aadsts' in value) || typeof value.aadsts === 'number'),
  );
  if (!probeOk) return null;
  return { username: account.username as string, tenantId: account.tenantId as string, homeAccountId: account.homeAccountId as string, environment: account.environment as string };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStrings(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isIsoDate(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function isNullOr(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === null || check(value);
}

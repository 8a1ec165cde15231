/**
 * The cached `delegate token` path reads meta.json without zod (metadata-quick-read.ts). It may decline (the full
 * path then reads it with the schema), but an account it answers with must be the one readMetadata reads from a
 * file the schema accepts, with no refusal recorded: never a token for a profile the full path shows signed out.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../electron/core/auth/profile-metadata.js';
import { quickReadAccount } from '../../../electron/core/auth/metadata-quick-read.js';

const account = { username: 'adele@contoso.com', tenantId: 't-1', homeAccountId: 'oid.t-1', environment: 'login.microsoftonline.com' };
const at = '2026-12-01T10:00:00.000Z';
const base = {
  version: 1,
  account,
  signInFlow: 'device-code',
  grantedScopes: ['User.Read'],
  lastInteractiveAuth: at,
  tokenScopes: { scopes: ['User.Read'], at },
  refusedScopes: null,
  imported: null,
  lastSilentAuth: null,
  lastProbe: { at, outcome: 'ok' },
  lastAuthError: null,
};
const refusal = { at, code: 'sign-in-required', message: 'Revoked.', action: 'Sign in again.', aadsts: 50173 };

/** Both readers on one meta.json in a folder of its own (readMetadata keeps a damaged file aside). */
function readBoth(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-meta-'));
  try {
    const paths = { meta: join(dir, 'meta.json'), dir, home: dir, cache: join(dir, 'c'), cacheLock: join(dir, 'l') };
    writeFileSync(paths.meta, text);
    const quick = quickReadAccount(paths);
    const full = readMetadata(paths);
    if (quick !== null) {
      expect(full.problem, text).toBeUndefined();
      expect(full.metadata.lastAuthError, text).toBeNull();
      expect(quick, text).toEqual(full.metadata.account);
    }
    return { quick, full };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const variant = (change: Record<string, unknown>, drop: string[] = []) => {
  const changed: Record<string, unknown> = { ...base, ...change };
  for (const key of drop) delete changed[key];
  return JSON.stringify(changed);
};

describe('meta.json read without zod for the cached token', () => {
  it('answers with the account of every valid sign-in record without a refusal, as readMetadata reads it', () => {
    const valid = [
      variant({}),
      variant({}, ['signInFlow', 'grantedScopes', 'tokenScopes', 'refusedScopes', 'imported']),
      variant({ signInFlow: 'browser', tokenScopes: null, lastSilentAuth: at, extra: 'kept by an older or newer version' }),
      variant({ signInFlow: null, refusedScopes: { clientId: 'c', scopes: ['Mail.Send'], at }, imported: { at, source: '/tmp/x.json', refreshTokenIssuedAt: null } }),
      variant({ lastProbe: { at, outcome: 'network-error', message: 'offline', aadsts: 7000 }, account: { ...account, extra: 1 } }),
      variant({ lastProbe: null, lastInteractiveAuth: null, imported: { at, source: 's', refreshTokenIssuedAt: at } }),
    ];
    for (const text of valid) expect(readBoth(text).quick, text).toEqual(account);
  });

  it('declines whatever the full path must judge: no account, a refusal on record, anything the schema refuses', () => {
    const declined = [
      'not json',
      '[]',
      variant({ account: null }),
      variant({ lastAuthError: refusal }),
      variant({}, ['lastAuthError']),
      variant({ version: 2 }),
      variant({}, ['version']),
      variant({ account: { ...account, tenantId: 3 } }),
      variant({ account: { username: 'a', tenantId: 't', homeAccountId: 'h' } }),
      variant({ signInFlow: 'password' }),
      variant({ grantedScopes: [1] }),
      variant({ grantedScopes: null }),
      variant({}, ['lastInteractiveAuth']),
      variant({ lastInteractiveAuth: 'yesterday' }),
      variant({}, ['lastSilentAuth']),
      variant({ lastSilentAuth: 5 }),
      variant({ tokenScopes: { scopes: ['x'] } }),
      variant({ tokenScopes: { scopes: 'x', at } }),
      variant({ refusedScopes: { scopes: ['x'], at } }),
      variant({ imported: { at, source: 's' } }),
      variant({ imported: { at: 'then', source: 's', refreshTokenIssuedAt: null } }),
      variant({}, ['lastProbe']),
      variant({ lastProbe: { at, outcome: 'fine' } }),
      variant({ lastProbe: { at, outcome: 'ok', aadsts: '7000' } }),
      variant({ lastProbe: { at, outcome: 'ok', message: 3 } }),
      variant({ lastProbe: { outcome: 'ok' } }),
    ];
    for (const text of declined) {
      const { quick, full } = readBoth(text);
      expect(quick, text).toBeNull();
      // and these are truly cases for the full path: damaged, signed out, or a refusal to judge
      expect(full.problem !== undefined || full.metadata.account === null || full.metadata.lastAuthError !== null, text).toBe(true);
    }
  });

  it('declines a missing file or a folder in its place (the full path says which)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegate-meta-'));
    try {
      expect(quickReadAccount({ meta: join(dir, 'meta.json') })).toBeNull();
      mkdirSync(join(dir, 'meta.json'));
      expect(quickReadAccount({ meta: join(dir, 'meta.json') })).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

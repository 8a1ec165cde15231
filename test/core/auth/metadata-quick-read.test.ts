/**
 * meta.json is read without zod (metadata-quick-read.ts): readMetadata asks quickMetadata first, the cached
 * `delegate token` path only its account. Either may decline (the schema then judges the file), but an answer must
 * be exactly the schema's own parse — a different record would be a refresh quietly disagreeing with every other
 * command — and an account must be one readMetadata reads from a file the schema accepts, with no refusal
 * recorded: never a token for a profile the full path shows signed out.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metadataSchema, readMetadata } from '../../../electron/core/auth/profile-metadata.js';
import { quickMetadata, quickReadAccount } from '../../../electron/core/auth/metadata-quick-read.js';

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
      // JSON's 1e999 is Infinity, which z.number() refuses
      variant({ lastProbe: { at, outcome: 'ok', aadsts: 7000 } }).replace('7000', '1e999'),
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

/** Every field of the schema set, refusal and Entra's answer included. */
const complete = {
  ...base,
  grantedScopes: ['User.Read', 'Mail.Send'],
  refusedScopes: { clientId: 'c', scopes: ['Mail.Send'], at },
  imported: { at, source: '/tmp/x.json', refreshTokenIssuedAt: at },
  lastSilentAuth: at,
  lastProbe: { at, outcome: 'sign-in-required', message: 'Revoked.', aadsts: 50173 },
  lastAuthError: {
    ...refusal,
    entra: {
      endpoint: '/organizations/oauth2/v2.0/token',
      status: 400,
      error: 'invalid_grant',
      errorCodes: [50173, 0],
      suberror: 'bad_token',
      traceId: 't',
      correlationId: 'c',
      timestamp: '2026-12-01 10:00:00Z',
      description: 'AADSTS50173: The provided grant has expired.',
    },
  },
};

/** quickMetadata against the schema itself (readMetadata asks quickMetadata first, so it would compare it with itself). */
function compare(text: string): { quick: unknown; accepted: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { quick: null, accepted: false }; // readMetadata's JSON.parse throws before either reader
  }
  const parsed = metadataSchema().safeParse(json);
  const quick = quickMetadata(json);
  if (!parsed.success) expect(quick, text).toBeNull();
  if (quick !== null) {
    expect(quick, text).toStrictEqual(parsed.data);
    // Same key order too: the writer puts the record back as read, and the file should not churn.
    expect(JSON.stringify(quick), text).toBe(JSON.stringify(parsed.data));
  }
  return { quick, accepted: parsed.success };
}

type Path = Array<string | number>;

/** The path of every value inside `value` (objects' keys and arrays' items), depth first. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const children = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return children.flatMap((key) => [[...path, key], ...pathsOf((value as Record<string | number, unknown>)[key], [...path, key])]);
}

/** `source` with the value at `path` replaced (`DROP` removes the key). */
const DROP = Symbol('drop');
function changed(source: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(source) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === DROP) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** Every object inside `value` (itself included). */
function objectPaths(value: unknown): Path[] {
  const isPlain = (item: unknown) => typeof item === 'object' && item !== null && !Array.isArray(item);
  return [[], ...pathsOf(value)].filter((path) => isPlain(path.reduce<unknown>((inner, key) => (inner as Record<string | number, unknown>)[key], value)));
}

const ODD_VALUES = [DROP, null, 0, -0, 1.5, -7, '', 'text', at, 'device-code', 'ok', true, false, [], ['x'], [1], [null], {}, { at }, { scopes: [], at }];

describe('meta.json read without zod for readMetadata', () => {
  it('reads every valid record exactly as the schema does: defaults filled, unknown keys dropped at every level', () => {
    const minimal = { version: 1, account: null, lastInteractiveAuth: null, lastSilentAuth: null, lastProbe: null, lastAuthError: null };
    const valid: unknown[] = [
      base,
      complete,
      minimal,
      { ...minimal, account },
      { ...complete, lastAuthError: refusal },
      { ...complete, lastAuthError: { at, code: 'blocked', message: 'm', action: 'a' } },
      { ...complete, lastAuthError: { ...refusal, entra: { endpoint: '/t', status: 400, error: 'e', errorCodes: [] } } },
      { ...complete, lastProbe: { at, outcome: 'error' }, imported: null, signInFlow: 'browser', grantedScopes: [] },
      // Unknown keys (an older or newer version's) at every level, even where a key of another object is known.
      ...objectPaths(complete).map((path) => changed(complete, [...path, 'extra'], { nested: 'kept by another version' })),
      changed(complete, ['lastAuthError', 'entra', 'at'], 'not a field of the answer'),
      changed(complete, ['account', 'version'], 2),
    ];
    // JSON.parse keeps "__proto__" as an own key; z.object drops it like any unknown key.
    const texts = [...valid.map((json) => JSON.stringify(json)), JSON.stringify(complete).replace('{"version":1', '{"__proto__":{"version":2},"version":1')];
    for (const text of texts) {
      const { quick, accepted } = compare(text);
      expect(accepted, text).toBe(true);
      // A valid record never pays for zod on the refresh path.
      expect(quick, text).not.toBeNull();
    }
  });

  it('never answers for what the schema refuses, and never differs from it: each field wrong in turn, at every level', () => {
    let accepted = 0;
    let refused = 0;
    for (const source of [complete, base]) {
      for (const path of pathsOf(source)) {
        for (const odd of ODD_VALUES) {
          const result = compare(JSON.stringify(changed(source, path, odd)));
          if (result.accepted) {
            accepted += 1;
            // whatever the schema accepts, the quick reader answers (so the refresh never needs zod for it)
            expect(result.quick, `${path.join('.')} = ${String(odd)}`).not.toBeNull();
          } else refused += 1;
        }
      }
    }
    // Both kinds were met, so the comparison above is not vacuous.
    expect(accepted).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses what JSON can say but the schema cannot hold: an infinite number, a non-object record', () => {
    const infinite = [
      JSON.stringify(complete).replace('"status":400', '"status":1e999'),
      JSON.stringify(complete).replace('"errorCodes":[50173,0]', '"errorCodes":[50173,-1e999]'),
      JSON.stringify(complete).replace('"aadsts":50173,"entra"', '"aadsts":1e999,"entra"'),
    ];
    for (const text of [...infinite, 'null', '1', '"meta"', '[]', JSON.stringify([complete])]) {
      expect(text).not.toBe(JSON.stringify(complete)); // the replacement found its target
      expect(compare(text), text).toEqual({ quick: null, accepted: false });
    }
  });

  it('keeps the cached token path declining a recorded refusal that readMetadata itself reads quickly', () => {
    const text = JSON.stringify(complete);
    const { quick } = compare(text);
    expect(quick).not.toBeNull();
    expect(readBoth(text).quick).toBeNull();
  });
});

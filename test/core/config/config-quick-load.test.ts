/**
 * The cached `delegate token` path reads config.json without zod (config-quick-load.ts). It may decline a file
 * (the full path then reads it), but whenever it answers, it must answer exactly what loadConfig answers: a
 * token served from a config the schema would refuse, or for another profile than the full path picks, would be
 * the fast path quietly disagreeing with every other command.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkConfigText, loadConfig, type LoadedConfig } from '../../../electron/core/config/config-store.js';
import { quickLoadConfig } from '../../../electron/core/config/config-quick-load.js';
import { makeHome } from '../../support/test-home.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

const profile = {
  id: '5f0c9b1e-0000-4000-8000-000000000001',
  cloud: 'global',
  clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  tenant: 'organizations',
  scopes: ['User.Read', 'Mail.Read'],
  extraResources: ['https://contoso.sharepoint.com'],
  lifetimeDays: 90,
  warningDays: 7,
  cacheBackend: 'keychain',
};
const custom = { ...profile, id: 'p2', cloud: 'custom', authorityHost: 'https://127.0.0.1:8443', graphBaseUrl: 'https://127.0.0.1:8443/graph', caFile: '/tmp/ca.pem' };
const base = { version: 1, defaultProfile: 'work', profiles: { work: profile, emu: custom } };

type Outcome = { config: LoadedConfig; clean: boolean } | { error: string };
/** The schema's own answer (loadConfig asks config-quick-load.ts first, so it would only compare the quick one with itself). */
function full(): Outcome {
  try {
    const path = join(home, 'config.json');
    const config = checkConfigText(path, readFileSync(path, 'utf8').replace(/^\uFEFF/, '')); // as loadConfig's reader
    return { config, clean: config.entries.every((entry) => entry.ok) && !config.defaultProfileProblem };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Writes `text`, reads it both ways; the quick answer, when there is one, is loadConfig's. */
function compare(text: string): { quick: LoadedConfig | null; full: Outcome } {
  writeFileSync(join(home, 'config.json'), text);
  const quick = quickLoadConfig(home);
  const answer = full();
  if (quick !== null) {
    expect('config' in answer && answer.clean, text).toBe(true);
    if ('config' in answer) expect(quick, text).toStrictEqual(answer.config);
  }
  return { quick, full: answer };
}

const withProfile = (change: Record<string, unknown>, drop: string[] = []) => {
  const changed: Record<string, unknown> = { ...profile, ...change };
  for (const key of drop) delete changed[key];
  return { ...base, profiles: { ...base.profiles, work: changed } };
};

describe('config.json read without zod for the cached token', () => {
  it('answers exactly what loadConfig answers for valid files: defaults filled, custom clouds, proxies, notifications', () => {
    const valid: unknown[] = [
      base,
      { version: 1, profiles: {} },
      { version: 1, profiles: { work: profile } },
      withProfile({}, ['extraResources', 'lifetimeDays', 'warningDays', 'cacheBackend']),
      withProfile({ cacheBackend: 'plaintext', lifetimeDays: 1, warningDays: 0, proxy: 'direct' }),
      withProfile({ lifetimeDays: 3650, warningDays: 365, proxy: 'http://user:pw@proxy.example.com:8080', tenant: 'contoso.onmicrosoft.com' }),
      withProfile({ cloud: 'usgov', clientId: 'D3590ED6-52B3-4102-AEFF-AAD2292AB01C', scopes: [''] }),
      { ...base, proxy: 'https://proxy.example.com/', history: { keepDays: 30, keepRunsPerJob: 5 } },
      { ...base, notifications: { desktop: false, mail: { to: 'ops@contoso.com' }, teams: { chatId: '19:abc@thread.v2' } } },
      { ...base, notifications: { mail: true, teams: false }, history: {} },
      { ...base, notifications: { mail: {} } },
      { version: 1, defaultProfile: 'emu', profiles: { work: profile, emu: custom, 'a.b_c-1': { ...profile, id: 'x' } } },
    ];
    for (const config of valid) {
      const text = JSON.stringify(config, null, 2);
      const { quick } = compare(text);
      expect(quick, text).not.toBeNull();
    }
    // and with a byte-order mark, as Notepad saves it
    expect(compare(`\uFEFF${JSON.stringify(base)}`).quick).not.toBeNull();
  });

  it('declines every file the schema refuses or reports a problem in, and never disagrees', () => {
    const bad: unknown[] = [
      'not json',
      'null',
      '[]',
      '"text"',
      { version: 2, profiles: {} },
      { profiles: {} },
      { version: 1 },
      { version: 1, profiles: [] },
      { version: 1, profiles: null },
      { version: '1', profiles: {} },
      { ...base, unknown: true },
      { ...base, defaultProfile: 3 },
      { ...base, defaultProfile: 'nobody' },
      { ...base, defaultProfile: '../etc' },
      { ...base, proxy: 'socks5://proxy:1080' },
      { ...base, proxy: 'http://proxy/path' },
      { ...base, proxy: 3 },
      { ...base, history: { keepDays: 0 } },
      { ...base, history: { keepDays: 1.5 } },
      { ...base, history: { keepRunsPerJob: '5' } },
      { ...base, history: { other: 1 } },
      { ...base, history: null },
      { ...base, notifications: { desktop: 'yes' } },
      { ...base, notifications: { mail: { to: 'two@a.com, three@b.com' } } },
      { ...base, notifications: { mail: { cc: 'a@b.c' } } },
      { ...base, notifications: { teams: true } },
      { ...base, notifications: { teams: { chatId: 'not-a-chat' } } },
      { ...base, notifications: { slack: true } },
      { ...base, profiles: { ...base.profiles, '../x': profile } },
      { ...base, profiles: { ...base.profiles, Work: profile } },
      { ...base, profiles: { ...base.profiles, con: profile } },
      { ...base, profiles: { ...base.profiles, other: 'not an object' } },
      withProfile({ id: '' }),
      withProfile({ id: 3 }),
      withProfile({}, ['id']),
      withProfile({ cloud: 'mars' }),
      withProfile({ clientId: 'not-a-guid' }),
      withProfile({ tenant: 'contoso tenant' }),
      withProfile({ tenant: '' }),
      withProfile({ authorityHost: 'http://login.example.com' }),
      withProfile({ graphBaseUrl: 'not a url' }),
      withProfile({ caFile: '' }),
      withProfile({ caFile: null }),
      withProfile({ scopes: [] }),
      withProfile({ scopes: 'User.Read' }),
      withProfile({ scopes: ['User.Read', 3] }),
      withProfile({ extraResources: ['http://contoso.sharepoint.com'] }),
      withProfile({ extraResources: null }),
      withProfile({ lifetimeDays: 0 }),
      withProfile({ lifetimeDays: 3651 }),
      withProfile({ lifetimeDays: 90.5 }),
      withProfile({ lifetimeDays: '90' }),
      withProfile({ warningDays: -1 }),
      withProfile({ warningDays: 366 }),
      withProfile({ cacheBackend: 'dpapi' }),
      withProfile({ proxy: 'proxy:8080' }),
      withProfile({ scope: ['typo'] }),
      withProfile({ cloud: 'custom' }),
      withProfile({ cloud: 'custom', authorityHost: 'https://login.example.com' }),
    ];
    for (const config of bad) {
      const text = typeof config === 'string' ? config : JSON.stringify(config);
      const { quick, full: answer } = compare(text);
      expect(quick, text).toBeNull();
      expect('error' in answer || !answer.clean, `the schema accepts ${text}: not a bad case`).toBe(true);
    }
    // "__proto__" as a profile name (JSON.parse keeps it as an own key): reported by the full path, declined here
    expect(compare(`{"version":1,"profiles":{"__proto__":${JSON.stringify(profile)}}}`).quick).toBeNull();
  });

  it('declines a file that is not a plain file (a folder in its place) and answers "no file" when there is none', () => {
    expect(quickLoadConfig(home)).toEqual(loadConfig(home));
    mkdirSync(join(home, 'config.json'));
    expect(quickLoadConfig(home)).toBeNull();
    expect(() => loadConfig(home)).toThrow(/folder/);
  });
});

/**
 * `delegate status` reads the keychain through light twins of keychain-state.ts and token-partitions.ts (so it
 * loads no msal-node-extensions): they must say exactly what the modules they stand in for say.
 * Runs in the tests' private D-Bus session with an unlocked gnome-keyring (scripts/test.sh).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authContext } from '../../../electron/core/auth/auth-context.js';
import { checkKeychain, withKeychainState as fullWithKeychainState, type KeychainState } from '../../../electron/core/auth/keychain-state.js';
import { readTokenPartitions as fullReadTokenPartitions } from '../../../electron/core/auth/token-partitions.js';
import { caeKeychainAccount, KEYCHAIN_SERVICE, keychainAccount } from '../../../electron/core/auth/keychain-names.js';
import { quietKeychainState, withKeychainState } from '../../../electron/core/auth/quiet-keychain-state.js';
import { readTokenPartitions } from '../../../electron/core/auth/keychain-token-partitions.js';
import { EMPTY_METADATA } from '../../../electron/core/auth/profile-metadata.js';
import { computeHealth } from '../../../electron/core/auth/health.js';
import { defaultProfileTemplate } from '../../../electron/core/config/profile-resolver.js';
import { systemClock } from '../../../electron/core/clock.js';
import type { HealthStatus } from '../../../shared/models/health.js';

const keytar = createRequire(import.meta.url)('keytar') as {
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};
const home = mkdtempSync(join(tmpdir(), 'delegate-status-reads-'));
const profile = { ...defaultProfileTemplate('work'), id: `status-reads-${process.pid}` };
const context = authContext(home, systemClock, profile);
const account = { username: 'adele@contoso.com', tenantId: 't', homeAccountId: 'home-1', environment: 'login.microsoftonline.com' };
afterAll(async () => {
  await keytar.deletePassword(KEYCHAIN_SERVICE, keychainAccount(profile));
  await keytar.deletePassword(KEYCHAIN_SERVICE, caeKeychainAccount(profile));
  rmSync(home, { recursive: true, force: true });
});

/** An unsigned JWT whose claims carry `xms_cc` (the client capabilities Entra honoured). */
const jwt = (capabilities: string[]) => `e30.${Buffer.from(JSON.stringify({ xms_cc: capabilities })).toString('base64url')}.sig`;
const accessToken = (secret: string, expiresInS: number) => ({
  credential_type: 'AccessToken',
  home_account_id: account.homeAccountId,
  secret,
  expires_on: String(Math.floor(Date.now() / 1000) + expiresInS),
});

describe('the keychain as `delegate status` reads it', () => {
  it('answers the Locked question as keychain-state.ts does, and lays it over the health the same way', async () => {
    expect(await quietKeychainState(profile)).toEqual(await checkKeychain(profile, context.paths));
    expect(await quietKeychainState({ cacheBackend: 'plaintext' })).toEqual(await checkKeychain({ ...profile, cacheBackend: 'plaintext' }, context.paths));
    const signedIn = computeHealth(profile, { ...structuredClone(EMPTY_METADATA), account, lastInteractiveAuth: new Date().toISOString() }, new Date());
    const states: KeychainState[] = [{ state: 'usable' }, { state: 'unknown' }, { state: 'locked', reason: 'the Secret Service keyring is locked' }];
    const statuses: HealthStatus[] = ['ok', 'warning', 'unknown', 'expired', 'blocked', 'signed-out'];
    for (const state of states) {
      for (const status of statuses) expect(withKeychainState({ ...signedIn, status }, state)).toEqual(fullWithKeychainState({ ...signedIn, status }, state));
    }
  });

  it('calls a Secret Service that is not on the bus locked, in the same words', async () => {
    const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(home, 'no-bus')}`;
    try {
      const quiet = await quietKeychainState(profile);
      expect(quiet.state).toBe('locked');
      expect(quiet).toEqual(await checkKeychain(profile, context.paths));
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = bus;
    }
  });

  it('finds the same token partitions as token-partitions.ts: a CAE token for jobs, a standard one for scripts, the newest of each', async () => {
    mkdirSync(context.paths.dir, { recursive: true });
    writeFileSync(context.paths.meta, JSON.stringify({ ...EMPTY_METADATA, account }));
    await keytar.setPassword(KEYCHAIN_SERVICE, keychainAccount(profile), JSON.stringify({ AccessToken: { a: accessToken(jwt([]), 3600), b: accessToken(jwt([]), 7200), old: accessToken(jwt([]), -60) } }));
    expect(await readTokenPartitions(context, account, new Date())).toEqual(await fullReadTokenPartitions(context, new Date()));
    await keytar.setPassword(KEYCHAIN_SERVICE, caeKeychainAccount(profile), JSON.stringify({ AccessToken: { c: accessToken(jwt(['cp1']), 3600) } }));
    const partitions = await readTokenPartitions(context, account, new Date());
    expect(partitions).toEqual(await fullReadTokenPartitions(context, new Date()));
    expect(partitions).toMatchObject({ jobs: { kind: 'cae', capabilities: ['cp1'] }, scripts: { kind: 'standard' } });
    // A damaged entry is no tokens, not an error, for both.
    await keytar.setPassword(KEYCHAIN_SERVICE, caeKeychainAccount(profile), 'not json');
    expect(await readTokenPartitions(context, account, new Date())).toEqual(await fullReadTokenPartitions(context, new Date()));
    expect(await readTokenPartitions(context, null, new Date())).toBeNull();
  });
});

/**
 * The daemon's start line about a locked keyring: said when a keychain profile meets a locked or absent Secret
 * Service, with the options (PAM unlock at login, the plaintext opt-in); silent when there is nothing to say.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessKeyringOptions, keychainStartNotice } from '../../../electron/core/service/headless-keyring.js';
import { makeHome } from '../../support/test-home.js';

const PROFILE = { id: 'x', cloud: 'global', clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', tenant: 'organizations', scopes: ['User.Read'] };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function homeWith(profiles: Record<string, object>): string {
  const { home, cleanup } = makeHome();
  cleanups.push(cleanup);
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.json'), JSON.stringify({ version: 1, profiles }));
  return home;
}

const locked = async () => ({ state: 'locked' as const, reason: 'the Secret Service is not answering: Failed to open connection' });

describe('the keychain notice at daemon start', () => {
  it('names the keychain profiles, why, and both options when the Secret Service is locked', async () => {
    const home = homeWith({ work: PROFILE, cache: { ...PROFILE, cacheBackend: 'plaintext' } });
    const notice = await keychainStartNotice(home, { platform: 'linux', state: locked });
    expect(notice).toContain('keychain: locked or not running at start (the Secret Service is not answering');
    expect(notice).toContain('profile "work" cannot be read');
    expect(notice).not.toContain('"cache"');
    expect(notice).toContain('pam_gnome_keyring.so');
    expect(notice).toContain('delegate profiles set NAME --plaintext-cache');
  });

  it('says nothing when the keyring is unlocked, when every profile is plaintext, or off Linux', async () => {
    const home = homeWith({ work: PROFILE });
    expect(await keychainStartNotice(home, { platform: 'linux', state: async () => ({ state: 'usable' }) })).toBeUndefined();
    expect(await keychainStartNotice(homeWith({ p: { ...PROFILE, cacheBackend: 'plaintext' } }), { platform: 'linux', state: locked })).toBeUndefined();
    expect(await keychainStartNotice(home, { platform: 'darwin', state: locked })).toBeUndefined();
  });

  it('explains each platform in its own terms', () => {
    expect(headlessKeyringOptions('darwin').join(' ')).toContain('LaunchAgent runs only while you are logged in');
    expect(headlessKeyringOptions('win32').join(' ')).toContain('DPAPI');
  });
});

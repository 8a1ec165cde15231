/**
 * `delegate import --msal-cache` against hostile files and failing services: terminal escapes and megabyte names in
 * the file, a profile name that climbs out of the home, a keychain locked before the write, and Entra answering the
 * redemption with 500, 429 or a cut connection. Nothing is written unless the import worked, and every refusal says
 * what happened in a line a person can read. Real msal-node, the emulator, a private gnome-keyring.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicClientApplication } from '@azure/msal-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { keyringState, lockKeyring, unlockKeyring } from '../support/secret-service.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring.js';
import { createCaTrustingNetworkClient } from '../emulator/tests/support/msal-network-client.js';

const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());
const setup = useEmulatorHome();
let scriptDir = '';
beforeEach(() => void (scriptDir = mkdtempSync(join(tmpdir(), 'ms365-utils-'))));
afterEach(() => {
  if (keyringState() === 'locked') unlockKeyring();
  rmSync(scriptDir, { recursive: true, force: true });
});

async function msalNodeCache(): Promise<string> {
  const { emulator } = setup;
  const app = new PublicClientApplication({
    auth: { clientId: OFFICE, authority: `${emulator.authorityHost}/organizations`, knownAuthorities: [new URL(emulator.authorityHost).host] },
    system: { networkClient: createCaTrustingNetworkClient(readFileSync(emulator.caFile)) },
  });
  await app.acquireTokenByDeviceCode({ scopes: ['Mail.Send'], deviceCodeCallback: (response) => void emulator.control('POST', `/device-codes/${response.userCode}/approve`) });
  const path = join(scriptDir, '.msal_token_cache.json');
  writeFileSync(path, app.getTokenCache().serialize(), { mode: 0o600 });
  return path;
}

const importCache = (path: string, extra: string[] = []) => runCli(['import', '--msal-cache', path, '--profile', 'emu', ...extra], { home: setup.home });
const status = async () => JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout) as { status: string; account: unknown };

type Cache = Record<string, Record<string, Record<string, unknown>>>;

describe('a hostile cache file', () => {
  it('shows terminal escapes in account names as visible text, and keeps a megabyte name from flooding the message', async () => {
    const path = await msalNodeCache();
    const cache = JSON.parse(readFileSync(path, 'utf8')) as Cache;
    // A second account beside the real one, so the refusal lists both names.
    const [rtKey, rt] = Object.entries(cache.RefreshToken ?? {})[0] as [string, Record<string, unknown>];
    const [accountKey, account] = Object.entries(cache.Account ?? {})[0] as [string, Record<string, unknown>];
    (cache.RefreshToken as Record<string, unknown>)[`${rtKey}-2`] = { ...rt, home_account_id: 'other-oid.other-tid', secret: '0.Aforged' };
    (cache.Account as Record<string, unknown>)[`${accountKey}-2`] = { ...account, home_account_id: 'other-oid.other-tid', username: `evil\u001b]0;pwned\u0007\u001b[2J${'A'.repeat(1_000_000)}` };
    account.username = 'adele\u001b[31m\u202Eexe.pdf';
    writeFileSync(path, JSON.stringify(cache));

    const result = await importCache(path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds the sign-ins of 2 accounts/);
    for (const raw of ['\u001b', '\u0007', '\u202e']) expect(result.stderr.includes(raw)).toBe(false);
    expect(result.stderr).toContain('\\u001b');
    expect(result.stderr.length).toBeLessThan(4000);
    expect((await status()).account).toBeNull();
  });

  it('refuses a profile name that climbs out of the home, and touches nothing', async () => {
    const path = await msalNodeCache();
    const before = readdirSync(setup.home).sort();
    for (const name of ['..', '../../x', 'a/b', '.']) {
      const result = await runCli(['import', '--msal-cache', path, '--profile', name], { home: setup.home });
      expect(result.code, name).toBe(2);
      expect(result.stderr).toMatch(/not a valid profile name|no profile/i);
    }
    expect(readdirSync(setup.home).sort()).toEqual(before);
    expect(existsSync(path)).toBe(true);
  });
});

describe('services failing during an import', () => {
  for (const [what, fault, exit] of [
    ['a 500 from Entra ID', { status: 500 }, 4],
    ['a 429 from Entra ID', { status: 429, retryAfter: 1 }, 4],
    ['a cut connection', { reset: true }, 4],
  ] as const) {
    it(`answers ${what} to the redemption by writing nothing and saying the import did not happen`, async () => {
      const path = await msalNodeCache();
      const file = readFileSync(path, 'utf8');
      await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', ...fault, count: 5 });
      const result = await importCache(path, ['--remove-source']);
      expect(result.code, result.stderr).not.toBe(0);
      expect([exit, 1]).toContain(result.code);
      expect(result.stderr).toMatch(/nothing was imported/i);
      expect((await status()).account).toBeNull();
      expect(readFileSync(path, 'utf8')).toBe(file); // --remove-source did not touch it
    });
  }

  it('with the keychain locked says so with exit 5 and leaves the previous sign-in and the file as they were', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const path = await msalNodeCache();
    const file = readFileSync(path, 'utf8');
    lockKeyring();
    const result = await importCache(path, ['--remove-source']);
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/keychain|keyring/i);
    expect(readFileSync(path, 'utf8')).toBe(file);
    unlockKeyring();
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code, token.stderr).toBe(0);
  });
});

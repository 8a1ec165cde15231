/**
 * `delegate import --msal-cache`: a cache written by the real msal Python library (Debian's python3-msal, in the
 * seed's own code shape) and by plain msal-node, against the emulator, into a real gnome-keyring.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PublicClientApplication } from '@azure/msal-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { httpsJson } from '../support/https-json.js';
import { readAllFiles } from '../support/test-home.js';
import { createCaTrustingNetworkClient } from '../emulator/tests/support/msal-network-client.js';

const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
const GRAPH_POWERSHELL = '14d82eec-204b-4c2f-b7e8-296a70dab67e';
const ADELE = 'adele.vance@contoso.onmicrosoft.com';
const MEGAN = 'megan.bowen@contoso.onmicrosoft.com';
const FIXTURE = fileURLToPath(new URL('./import-fixtures/msal_python_cache.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const hasMsalPython = spawnSync(PYTHON, ['-c', 'import msal'], { stdio: 'ignore' }).status === 0;

const setup = useEmulatorHome();

const profileId = (): string => (JSON.parse(readFileSync(join(setup.home, 'config.json'), 'utf8')) as { profiles: { emu: { id: string } } }).profiles.emu.id;
const keychainEntry = () => spawnSync('secret-tool', ['lookup', 'service', 'Delegate', 'account', `msal-cache/${profileId()}`]).stdout.toString();
// The script's own folder (like ~/.ms365_utils), outside Delegate's home: the home is searched for token material.
let scriptDir = '';
beforeEach(() => void (scriptDir = mkdtempSync(join(tmpdir(), 'ms365-utils-'))));
afterEach(() => rmSync(scriptDir, { recursive: true, force: true }));
const cachePath = (name = '.msal_token_cache.json') => join(scriptDir, name);

/** The seed's wrapper, run by the real msal Python: device code sign-in of `user`, cache saved as JSON. */
async function writePythonCache(path: string, options: { user?: string; clientId?: string; scopes?: string[]; newSignIn?: boolean } = {}): Promise<void> {
  const { emulator } = setup;
  const scopes = options.scopes ?? ['Mail.Send', 'Mail.ReadWrite'];
  const child = spawn(PYTHON, [FIXTURE, `${emulator.authorityHost}/organizations`, options.clientId ?? OFFICE, path, emulator.caFile, ...scopes], {
    // requests prefers REQUESTS_CA_BUNDLE to `verify=`; a machine-wide one would not know the emulator's CA.
    env: { ...process.env, REQUESTS_CA_BUNDLE: emulator.caFile, NEW_SIGN_IN: options.newSignIn ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const approved = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const code = /"user_code": "([^"]+)"/.exec(stdout)?.[1];
      if (code && !stdout.includes('approved')) {
        stdout += 'approved';
        emulator.control('POST', `/device-codes/${code}/approve`, options.user ? { user: options.user } : undefined).then(() => resolve(), reject);
      }
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  await Promise.race([approved, exit]);
  expect(await exit, `msal Python failed: ${stderr}`).toBe(0);
}

/** The same with plain msal-node: its TokenCache.serialize() written to a file. */
async function writeMsalNodeCache(path: string): Promise<void> {
  const { emulator } = setup;
  const app = new PublicClientApplication({
    auth: { clientId: OFFICE, authority: `${emulator.authorityHost}/organizations`, knownAuthorities: [new URL(emulator.authorityHost).host] },
    system: { networkClient: createCaTrustingNetworkClient(readFileSync(emulator.caFile)) },
  });
  await app.acquireTokenByDeviceCode({
    scopes: ['Mail.Send'],
    deviceCodeCallback: (response) => void emulator.control('POST', `/device-codes/${response.userCode}/approve`),
  });
  writeFileSync(path, app.getTokenCache().serialize(), { mode: 0o600 });
}

const importCache = (path: string, extra: string[] = []) => runCli(['import', '--msal-cache', path, '--profile', 'emu', ...extra], { home: setup.home });

async function expectNoTokenMaterial(...texts: string[]): Promise<void> {
  const secrets = await setup.emulator.issuedTokens();
  expect(secrets.length).toBeGreaterThan(0);
  for (const text of texts) for (const secret of secrets) expect(text.includes(secret), 'token material in the output').toBe(false);
}

describe.skipIf(!hasMsalPython)('importing a cache written by msal Python (the seed\'s code)', () => {
  it('imports it, reports account, tenant and scopes, and `delegate token` then serves a token without a sign-in', async () => {
    const source = cachePath();
    await writePythonCache(source);
    const fileText = readFileSync(source, 'utf8');

    const result = await importCache(source, ['--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      profile: 'emu',
      account: { username: ADELE, tenantId: setup.emulator.tenantId },
      refreshTokenPresent: true,
      // Office is in Microsoft's family of client IDs: its refresh token is a family one (the next case shows it).
      familyRefreshToken: true,
      merged: false,
      daysRemaining: 90,
      sourceRemoval: null,
    });
    expect(report.scopesInFile).toEqual(expect.arrayContaining(['Mail.Send', 'Mail.ReadWrite']));
    expect(report.tokenScopes).toEqual(expect.arrayContaining(['Mail.Send']));
    // msal Python wrote the refresh token's time: the report carries it, it does not invent an interactive sign-in.
    expect(typeof report.refreshTokenIssuedAt).toBe('string');
    expect(report.refreshTokenIssuedAtSource).toBe('refresh-token');
    expect(existsSync(source)).toBe(true);
    expect(readFileSync(source, 'utf8')).toBe(fileText); // untouched without --remove-source
    // The seed's write_text() leaves the umask's 0644: said, because the refresh token may have been copied.
    expect(report.sourceReadableByOthers).toBe(true);

    const requestsBefore = (await setup.emulator.control<unknown[]>('GET', '/requests')).body.length;
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code, token.stderr).toBe(0);
    expect((await setup.emulator.control<unknown[]>('GET', '/requests')).body.length).toBe(requestsBefore); // from the keychain
    const me = await httpsJson<{ userPrincipalName: string }>(setup.emulator.caFile, 'GET', `${setup.emulator.graphBaseUrl}/v1.0/me`, undefined, { authorization: `Bearer ${token.stdout}` });
    expect(me.body.userPrincipalName).toBe(ADELE);

    const status = JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'ok', daysRemaining: 90, account: { username: ADELE }, lastInteractiveAuth: null });
    expect(keychainEntry()).toContain('RefreshToken');

    await expectNoTokenMaterial(result.stdout, result.stderr, ...readAllFiles(setup.home).map((file) => file.contents));
    const fileRefreshToken = Object.values((JSON.parse(fileText) as { RefreshToken: Record<string, { secret: string }> }).RefreshToken)[0]?.secret ?? '';
    expect(fileRefreshToken.length).toBeGreaterThan(20);
    expect(result.stdout.includes(fileRefreshToken)).toBe(false);
  });

  it('a sign-in with a family client (Office) leaves a family refresh token in the file, and the import says so', async () => {
    const source = cachePath();
    await writePythonCache(source);
    // msal Python took Entra's `foci` and wrote it where every MSAL reads it: on the refresh token and the app.
    const file = JSON.parse(readFileSync(source, 'utf8')) as { RefreshToken: Record<string, { family_id?: string }>; AppMetadata: Record<string, { family_id?: string; client_id: string }> };
    expect(Object.values(file.RefreshToken).map((entry) => entry.family_id)).toEqual(['1']);
    expect(Object.values(file.AppMetadata)).toEqual([expect.objectContaining({ client_id: OFFICE, family_id: '1' })]);

    const result = await importCache(source);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Refresh token: yes — a family refresh token (FOCI): other Microsoft apps of the family accept it too.');
  });

  it('a sign-in with a client outside the family (Graph PowerShell) imports as a plain refresh token', async () => {
    expect((await setup.emulator.addProfile(setup.home, 'pwsh', ['--client-id', GRAPH_POWERSHELL, '--scopes', 'Mail.Send'])).code).toBe(0);
    const source = cachePath();
    await writePythonCache(source, { clientId: GRAPH_POWERSHELL, scopes: ['Mail.Send'] });
    const file = JSON.parse(readFileSync(source, 'utf8')) as { RefreshToken: Record<string, { family_id?: string }> };
    expect(Object.values(file.RefreshToken).map((entry) => entry.family_id ?? null)).toEqual([null]);

    const result = await runCli(['import', '--msal-cache', source, '--profile', 'pwsh', '--json'], { home: setup.home });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ profile: 'pwsh', refreshTokenPresent: true, familyRefreshToken: false });
  });

  it('says in words that the plaintext file still holds a working refresh token, and how to delete it', async () => {
    const source = cachePath();
    await writePythonCache(source);
    const result = await importCache(source);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Imported the sign-in of ${ADELE}`);
    expect(result.stdout).toContain(`${source} still holds a working refresh token`);
    expect(result.stdout).toContain(`shred -u ${source}`);
    expect(result.stdout).toContain(`${source} was readable by other users of this computer`);
    expect(result.stdout).toContain('Scopes in the file: Mail.ReadWrite Mail.Send\n'); // OpenID scopes say nothing
    await expectNoTokenMaterial(result.stdout, result.stderr);
    // The status does not claim a sign-in time nobody knows.
    const status = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(status.stdout).toMatch(/Signed in +unknown \(the sign-in was imported from /);
    expect(status.stdout).toContain(`imported from ${source} on `);
  });

  it('with --remove-source overwrites the file with zeros, deletes it, and names where copies may remain', async () => {
    const source = cachePath();
    await writePythonCache(source);
    const size = readFileSync(source).length;
    const otherName = cachePath('hard-link-to-cache.json'); // the same file under a second name shows the overwrite
    linkSync(source, otherName);

    const result = await importCache(source, ['--remove-source']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(source)).toBe(false);
    const left = readFileSync(otherName);
    expect(left.length).toBe(size);
    expect(left.every((byte) => byte === 0)).toBe(true);
    expect(result.stdout).toContain(`Removed ${source}`);
    expect(result.stdout).toContain('backups');
    expect(result.stdout).toContain('1 other name(s) of the same file (hard links) remain, now holding only zeros');
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
  });

  it('refuses --remove-source on a symlink before importing anything, and leaves the file it points at alone', async () => {
    const real = cachePath('real-cache.json');
    await writePythonCache(real);
    const before = readFileSync(real, 'utf8');
    const link = cachePath('link-to-cache.json');
    symlinkSync(real, link);

    const result = await importCache(link, ['--remove-source']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a symbolic link');
    expect(result.stderr).toContain('Nothing was imported');
    expect(readFileSync(real, 'utf8')).toBe(before);
    expect(existsSync(link)).toBe(true);
    expect(keychainEntry()).toBe('');
  });

  it('refuses a refresh token that was revoked, changing nothing in the keychain, with exit 3', async () => {
    const source = cachePath();
    await writePythonCache(source);
    await setup.emulator.control('POST', `/users/${ADELE}/revoke`);

    const result = await importCache(source, ['--remove-source']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`The refresh token of ${ADELE} in ${source} did not work, so nothing was imported and the keychain is unchanged`);
    expect(result.stderr).toContain('AADSTS50173');
    expect(keychainEntry()).toBe('');
    expect(existsSync(source)).toBe(true); // never removed when the import failed
    expect(JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout)).toMatchObject({ status: 'signed-out' });
  });

  it('refuses a refresh token unused for more than 90 days (expired), keychain unchanged', async () => {
    const source = cachePath();
    await writePythonCache(source);
    const start = setup.emulator.clock.now();
    setup.emulator.clock.advance(91 * 24 * 60 * 60 * 1000);
    const result = await importCache(source).finally(() => setup.emulator.clock.set(start));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('AADSTS700082');
    expect(keychainEntry()).toBe('');
  });

  it('refuses a cache of another client ID, naming both and the command that would fit', async () => {
    const source = cachePath();
    await writePythonCache(source, { clientId: GRAPH_POWERSHELL, scopes: ['Mail.Send'] });
    const result = await importCache(source);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`for client ID ${GRAPH_POWERSHELL} (Microsoft Graph PowerShell), but profile "emu" signs in with ${OFFICE} (Microsoft Office)`);
    expect(result.stderr).toContain(`delegate profiles add graph-powershell --client-id ${GRAPH_POWERSHELL}`);
    expect(keychainEntry()).toBe('');
  });

  it('refuses a cache of another tenant, naming the file\'s tenant and the profile\'s', async () => {
    const source = cachePath();
    await writePythonCache(source);
    const otherTenant = '0e2b1a44-9c1f-4d3a-8b7e-5f6a7b8c9d01';
    expect((await runCli(['profiles', 'set', 'emu', '--tenant', otherTenant], { home: setup.home })).code).toBe(0);
    const result = await importCache(source);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`belongs to tenant ${setup.emulator.tenantId}, but profile "emu" signs in to tenant ${otherTenant}`);
    expect(result.stderr).toContain(`--tenant ${setup.emulator.tenantId}`);
    expect(keychainEntry()).toBe('');
  });

  it('with two accounts in the file, asks which (listing them), then imports the one given with --account', async () => {
    const source = cachePath();
    await writePythonCache(source, { user: ADELE });
    await writePythonCache(source, { user: MEGAN, newSignIn: true });

    const refused = await importCache(source);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`holds the sign-ins of 2 accounts (`);
    expect(refused.stderr).toContain(ADELE);
    expect(refused.stderr).toContain(MEGAN);
    expect(refused.stderr).toContain('--account');
    expect(keychainEntry()).toBe('');

    const chosen = await importCache(source, ['--account', MEGAN, '--json']);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(JSON.parse(chosen.stdout)).toMatchObject({ account: { username: MEGAN } });
  });

  it('refuses to put another account over an existing sign-in, which keeps working', async () => {
    expect((await setup.emulator.signIn(setup.home, 'emu', MEGAN)).code).toBe(0);
    const entryBefore = keychainEntry();
    const source = cachePath();
    await writePythonCache(source, { user: ADELE });

    const result = await importCache(source);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`profile "emu" is signed in as ${MEGAN}, and the file holds the sign-in of ${ADELE}`);
    expect(result.stderr).toContain('delegate logout --profile emu');
    expect(keychainEntry()).toBe(entryBefore);
  });

  it('joins the tokens of the same account to an existing sign-in, keeping when that sign-in happened', async () => {
    expect((await setup.emulator.signIn(setup.home, 'emu', ADELE)).code).toBe(0);
    const signedInAt = (JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout) as { lastInteractiveAuth: string }).lastInteractiveAuth;
    const source = cachePath();
    await writePythonCache(source, { user: ADELE });

    const result = await importCache(source, ['--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ merged: true, account: { username: ADELE } });
    expect(JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout)).toMatchObject({ status: 'ok', lastInteractiveAuth: signedInAt });
  });
});

describe('importing a cache written by plain msal-node', () => {
  it('imports it and `delegate token` serves a token for the same account', async () => {
    const source = cachePath();
    await writeMsalNodeCache(source);
    const result = await importCache(source, ['--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ account: { username: ADELE, tenantId: setup.emulator.tenantId }, refreshTokenPresent: true });
    // msal-node records no refresh token time: the newest access token's is the best the file offers.
    expect(report.refreshTokenIssuedAtSource).toBe('access-token');
    expect(report.sourceReadableByOthers).toBe(false); // written 0600
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code, token.stderr).toBe(0);
    await expectNoTokenMaterial(result.stdout, result.stderr);
  });
});

describe('files that are not an MSAL cache', () => {
  it('refuses a file that is not JSON without echoing its content, keychain unchanged', async () => {
    const source = cachePath('notes.txt');
    writeFileSync(source, 'secret-looking-text 1.AXkAzoz4ya-not-json');
    const result = await importCache(source);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${source} is not an MSAL token cache: it is not JSON`);
    expect(result.stderr).not.toContain('secret-looking-text');
    expect(result.stderr).toContain('What to do');
    expect(keychainEntry()).toBe('');
  });

  it('refuses JSON of the wrong shape, saying where', async () => {
    const other = cachePath('config.json');
    writeFileSync(other, JSON.stringify({ profiles: {}, version: 1 }));
    const noSections = await importCache(other);
    expect(noSections.code).toBe(2);
    expect(noSections.stderr).toContain('has none of the sections an MSAL cache has');
    expect(noSections.stderr).toContain('"profiles"');

    const broken = cachePath('broken.json');
    writeFileSync(broken, JSON.stringify({ RefreshToken: { 'some-key': { credential_type: 'RefreshToken', secret: 42 } } }));
    const badEntry = await importCache(broken);
    expect(badEntry.code).toBe(2);
    expect(badEntry.stderr).toContain('its entry RefreshToken → some-key → secret is not what MSAL writes');
    expect(keychainEntry()).toBe('');
  });

  it('refuses a huge file without reading it all', async () => {
    const source = cachePath('huge.json');
    writeFileSync(source, Buffer.alloc(5 * 1024 * 1024, 0x20));
    const result = await importCache(source);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it is 5.0 MiB; an MSAL token cache is a few kB');
  });

  it('refuses a path with no file and a missing --msal-cache, as bad input', async () => {
    const missing = await importCache(cachePath('nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no such file');
    const noPath = await runCli(['import', '--profile', 'emu'], { home: setup.home });
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toContain('--msal-cache PATH is required');
  });
});

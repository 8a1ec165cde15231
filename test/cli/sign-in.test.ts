import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { startTestEmulator } from '../support/emulator.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { httpsJson } from '../support/https-json.js';
import { readAllFiles } from '../support/test-home.js';

const setup = useEmulatorHome({ signedIn: false });

const profileId = (): string => (JSON.parse(spawnSync('cat', [`${setup.home}/config.json`]).stdout.toString()) as { profiles: { emu: { id: string } } }).profiles.emu.id;
const secretToolLookup = (id: string) => spawnSync('secret-tool', ['lookup', 'service', 'Delegate', 'account', `msal-cache/${id}`]).stdout.toString();

describe('signing in with the device code flow from the CLI', () => {
  it('reports the code, then signs in, and status shows ok with 90 days left', async () => {
    const login = startCli(['login', '--json', '--profile', 'emu'], { home: setup.home });
    const event = await login.nextJsonLine<{ event: string; userCode: string; verificationUri: string; expiresAt: string }>((line) => line.event === 'device-code');
    expect(event.userCode).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(event.verificationUri).toBe(`${setup.emulator.authorityHost}/devicelogin`);
    expect(Date.parse(event.expiresAt)).toBeGreaterThan(Date.now());
    const pending = await setup.emulator.control<Array<{ userCode: string; clientId: string }>>('GET', '/device-codes');
    expect(pending.body.map((code) => code.userCode)).toContain(event.userCode);
    await setup.emulator.control('POST', `/device-codes/${event.userCode}/approve`);
    const result = await login.done;
    expect(result.code).toBe(0);
    const signedIn = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(signedIn).toMatchObject({ event: 'signed-in', profile: 'emu', account: { username: 'adele.vance@contoso.onmicrosoft.com', tenantId: setup.emulator.tenantId }, status: 'ok', daysRemaining: 90 });

    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      profile: 'emu',
      status: 'ok',
      daysRemaining: 90,
      account: { username: 'adele.vance@contoso.onmicrosoft.com', tenantId: setup.emulator.tenantId },
      cacheBackend: 'keychain',
      clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
      lastSilentAuth: null,
      lastProbe: null,
    });
    expect(JSON.parse(status.stdout).lastInteractiveAuth).toBeTruthy();
    // The Office client's default set: what Microsoft pre-authorises it for, nothing it would refuse.
    expect(JSON.parse(status.stdout).scopes).toContain('Mail.Send');
    expect(JSON.parse(status.stdout).scopes).not.toContain('ChannelMessage.Send');
  });

  it('serves token to a new process silently from the keychain, with no token material in any file', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const before = (await setup.emulator.control<unknown[]>('GET', '/requests')).body.length;
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // only the JWT, no newline when piped
    const after = (await setup.emulator.control<unknown[]>('GET', '/requests')).body.length;
    expect(after).toBe(before); // served from the cache: Entra was not asked

    const me = await httpsJson<{ userPrincipalName: string }>(setup.emulator.caFile, 'GET', `${setup.emulator.graphBaseUrl}/v1.0/me`, undefined, { authorization: `Bearer ${token.stdout}` });
    expect(me.status).toBe(200);
    expect(me.body.userPrincipalName).toBe('adele.vance@contoso.onmicrosoft.com');

    const secrets = await setup.emulator.issuedTokens();
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const file of readAllFiles(setup.home)) {
      for (const secret of secrets) expect(file.contents.includes(secret), `${file.path} holds token material`).toBe(false);
      expect(statSync(file.path).mode & 0o077, `${file.path} is readable by others`).toBe(0);
    }
    expect(secretToolLookup(profileId())).toContain('RefreshToken');
  });

  it('gives the same cached token on the fast path as msal-node does on the full path', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const fast = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    const full = await runCli(['token', '--json', '--profile', 'emu'], { home: setup.home });
    expect(JSON.parse(full.stdout).accessToken).toBe(fast.stdout);
  });

  it('serves a narrower scope from the broad sign-in, and a SharePoint token from the same refresh token', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const narrow = await runCli(['token', '--scope', 'Mail.Send', '--profile', 'emu'], { home: setup.home });
    expect(narrow.code).toBe(0);
    const sharepoint = await runCli(['token', '--resource', 'https://contoso.sharepoint.com', '--json', '--profile', 'emu'], { home: setup.home });
    expect(sharepoint.code).toBe(0);
    const claims = JSON.parse(Buffer.from(JSON.parse(sharepoint.stdout).accessToken.split('.')[1], 'base64url').toString());
    expect(claims.aud).toBe('https://contoso.sharepoint.com');
  });

  it('signs out: the keychain entry is removed and token asks for a sign-in', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const id = profileId();
    expect(secretToolLookup(id)).not.toBe('');
    const logout = await runCli(['logout', '--profile', 'emu'], { home: setup.home });
    expect(logout.code).toBe(0);
    expect(secretToolLookup(id)).toBe('');
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(3);
    expect(token.stderr).toContain('Nobody is signed in');
    expect((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout).toContain('"status":"signed-out"');
  });

  it('signs in with the browser flow when asked', async () => {
    await setup.emulator.control('POST', '/authorize/auto-approve', { user: 'megan.bowen@contoso.onmicrosoft.com' });
    const browser = `${process.execPath} ${new URL('../support/fake-browser.mjs', import.meta.url).pathname}`;
    const login = await runCli(['login', '--browser', '--json', '--profile', 'emu'], { home: setup.home, env: { BROWSER: browser, DELEGATE_TEST_CA: setup.emulator.caFile } });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('"event":"signed-in"');
    expect(login.stdout).toContain('megan.bowen@contoso.onmicrosoft.com');
  });
});

describe('several profiles side by side', () => {
  it('keeps each profile its own account, cache entry and sign-out', async () => {
    expect((await setup.emulator.addProfile(setup.home, 'second')).code).toBe(0);
    expect((await setup.emulator.signIn(setup.home, 'emu')).code).toBe(0);
    expect((await setup.emulator.signIn(setup.home, 'second', 'megan.bowen@contoso.onmicrosoft.com')).code).toBe(0);
    const user = async (profile: string) => {
      const token = (await runCli(['token', '--profile', profile], { home: setup.home })).stdout;
      return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).upn;
    };
    expect(await user('emu')).toBe('adele.vance@contoso.onmicrosoft.com');
    expect(await user('second')).toBe('megan.bowen@contoso.onmicrosoft.com');
    expect((await runCli(['logout', '--profile', 'second'], { home: setup.home })).code).toBe(0);
    expect(await user('emu')).toBe('adele.vance@contoso.onmicrosoft.com');
    expect((await runCli(['token', '--profile', 'second'], { home: setup.home })).code).toBe(3);
  });
});

describe('when the setup.emulator is stopped', () => {
  it('gives exit 4 from a probe and from a token that needs a refresh, and leaves the status as it was', async () => {
    const other = await startTestEmulator();
    const caCopy = join(setup.home, 'emulator-ca.pem');
    copyFileSync(other.caFile, caCopy);
    try {
      expect((await runCli(['profiles', 'add', 'gone', '--cloud', 'custom', '--authority-host', other.authorityHost, '--graph-url', other.graphBaseUrl, '--ca-file', caCopy], { home: setup.home })).code).toBe(0);
      expect((await other.signIn(setup.home, 'gone')).code).toBe(0);
    } finally {
      await other.close();
    }
    const probe = await runCli(['status', '--probe', '--json', '--profile', 'gone'], { home: setup.home });
    expect(probe.code).toBe(4);
    expect(JSON.parse(probe.stdout)).toMatchObject({ status: 'ok', daysRemaining: 90, lastProbe: { outcome: 'network-error' } });
    const refresh = await runCli(['token', '--resource', 'https://contoso.sharepoint.com', '--profile', 'gone'], { home: setup.home });
    expect(refresh.code).toBe(4);
    expect(refresh.stderr).toMatch(/Could not reach 127\.0\.0\.1:\d+.*ECONNREFUSED[\s\S]*Your sign-in is unchanged/);
    expect(JSON.parse((await runCli(['status', '--json', '--profile', 'gone'], { home: setup.home })).stdout).status).toBe('ok');
  });

  it('names a missing CA file with exit 2 instead of reporting the probe as fine', async () => {
    const caCopy = join(setup.home, 'ca-that-will-vanish.pem');
    copyFileSync(setup.emulator.caFile, caCopy);
    expect((await runCli(['profiles', 'add', 'vanish', '--cloud', 'custom', '--authority-host', setup.emulator.authorityHost, '--graph-url', setup.emulator.graphBaseUrl, '--ca-file', caCopy], { home: setup.home })).code).toBe(0);
    expect((await setup.emulator.signIn(setup.home, 'vanish')).code).toBe(0);
    rmSync(caCopy);
    const probe = await runCli(['status', '--probe', '--profile', 'vanish'], { home: setup.home });
    expect(probe.code).toBe(2);
    expect(probe.stderr).toContain(`The CA file ${caCopy} cannot be read`);
  });
});

describe('extra resources', () => {
  it('gets a token for each extra resource right after sign-in, and reports one it cannot get', async () => {
    expect((await runCli(['profiles', 'set', 'emu', '--resource', 'https://contoso.sharepoint.com', '--resource', 'https://contoso-my.sharepoint.com'], { home: setup.home })).code).toBe(0);
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 65002, count: 1 });
    const login = await setup.emulator.signIn(setup.home);
    expect(login.code).toBe(0);
    const signedIn = JSON.parse(login.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(signedIn.extraResources).toEqual([
      { resource: 'https://contoso.sharepoint.com', ok: false, error: expect.objectContaining({ code: 'scope-not-preauthorized', aadsts: 65002 }) },
      { resource: 'https://contoso-my.sharepoint.com', ok: true },
    ]);
  });
});

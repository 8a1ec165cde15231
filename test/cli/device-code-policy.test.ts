import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LibSecretPersistence } from '@azure/msal-node-extensions';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';

/**
 * Issue 8's third acceptance bullet, against the real CLI, the real keychain and the emulator: Conditional Access
 * blocking device code the way real Entra does (the browser shows 53003, the poll runs out), and protocol-tracked
 * device code sessions refused on refresh with AADSTS530036.
 */

const setup = useEmulatorHome({ signedIn: false });
const FAKE_BROWSER = `${process.execPath} ${new URL('../support/fake-browser.mjs', import.meta.url).pathname}`;

interface LastLine {
  error?: { code: string; message: string; action: string; aadsts?: number };
}

function lastJson<T = LastLine>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T;
}

function profileId(): string {
  return (JSON.parse(readFileSync(join(setup.home, 'config.json'), 'utf8')) as { profiles: Record<string, { id: string }> }).profiles.emu?.id ?? '';
}

/** The keychain entry as any Secret Service client reads it (not through Delegate). */
function keychainCache(): { Account?: Record<string, unknown>; RefreshToken?: Record<string, unknown>; AccessToken?: Record<string, unknown> } {
  const secret = spawnSync('secret-tool', ['lookup', 'service', 'Delegate', 'account', `msal-cache/${profileId()}`]).stdout.toString();
  return JSON.parse(secret) as ReturnType<typeof keychainCache>;
}

function metadata(): { signInFlow: string | null; lastAuthError: { aadsts?: number; code: string; entra?: Record<string, unknown> } | null } {
  return JSON.parse(readFileSync(join(setup.home, 'profiles', 'emu', 'meta.json'), 'utf8')) as ReturnType<typeof metadata>;
}

async function refreshRequests(): Promise<number> {
  const requests = (await setup.emulator.control<Array<{ grantType?: string }>>('GET', '/requests')).body;
  return requests.filter((request) => request.grantType === 'refresh_token').length;
}

async function startLogin() {
  const login = startCli(['login', '--json', '--profile', 'emu'], { home: setup.home });
  const event = await login.nextJsonLine<{ event: string; userCode: string }>((line) => line.event === 'device-code');
  return { ...login, userCode: event.userCode };
}

async function browserLogin() {
  await setup.emulator.control('POST', '/authorize/auto-approve', { user: 'adele.vance@contoso.onmicrosoft.com' });
  const login = await runCli(['login', '--browser', '--json', '--profile', 'emu'], { home: setup.home, env: { BROWSER: FAKE_BROWSER, DELEGATE_TEST_CA: setup.emulator.caFile } });
  await setup.emulator.control('POST', '/authorize/auto-approve', { off: true });
  return login;
}

const EXPIRY_ADVICE =
  "The code expired without being used. If the sign-in page said 'You don't have access to this' (Error 53003), your organisation blocks this sign-in method: use `delegate login --browser`.";

describe('device code blocked by Conditional Access', () => {
  it('ends login when the code expires, exit 3, with the advice to sign in with a browser', async () => {
    await setup.emulator.control('POST', '/settings', { deviceCodeExpiresInSeconds: 4 });
    await setup.emulator.control('POST', '/policy', { blockDeviceCode: true });
    const login = await startLogin();
    // The person enters the code: Entra's block page, and the code stays pending.
    const approve = await setup.emulator.control('POST', `/device-codes/${login.userCode}/approve`);
    expect(approve.status).toBe(409);
    const result = await login.done;
    expect(result.code).toBe(3);
    const { error } = lastJson(result.stdout);
    expect(error?.code).toBe('device-code-expired');
    expect(error?.message).toBe(EXPIRY_ADVICE);
    expect(error?.action).toContain('delegate login --browser --profile emu');
    expect(JSON.stringify(lastJson(result.stdout))).not.toContain('53003,'); // no AADSTS number was ever answered
    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'signed-out' });
  }, 30_000);

  it('says the same in plain text, on stderr, when the switch is flipped while the login is polling', async () => {
    const login = startCli(['login', '--profile', 'emu'], { home: setup.home });
    let userCode = '';
    for (let attempt = 0; attempt < 100 && !userCode; attempt += 1) {
      const pending = (await setup.emulator.control<Array<{ userCode: string }>>('GET', '/device-codes')).body;
      userCode = pending[0]?.userCode ?? '';
      if (!userCode) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(userCode).not.toBe('');
    await setup.emulator.control('POST', '/policy', { blockDeviceCode: true });
    expect((await setup.emulator.control('POST', `/device-codes/${userCode}/approve`)).status).toBe(409);
    await setup.emulator.control('POST', '/clock/advance', { minutes: 16 });
    const result = await login.done;
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(EXPIRY_ADVICE);
    expect(result.stderr).toContain('delegate login --browser --profile emu');
  }, 30_000);
});

describe('protocol-tracked device code sessions (AADSTS530036)', () => {
  it('blocks the profile with browser sign-in as the action, deletes the refresh token, and a browser sign-in makes it ok again', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    expect(metadata().signInFlow).toBe('device-code');
    const before = JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout) as { signInFlow: string };
    expect(before.signInFlow).toBe('device-code');
    expect(Object.keys(keychainCache().RefreshToken ?? {})).toHaveLength(1);

    await setup.emulator.control('POST', '/policy', { deviceCodeProtocolTracking: true });
    const probe = await runCli(['status', '--probe', '--json', '--profile', 'emu'], { home: setup.home });
    expect(probe.code).toBe(3);
    const blocked = JSON.parse(probe.stdout) as { status: string; reason: string; account: { username: string } | null; lastProbe: { outcome: string; aadsts?: number } };
    expect(blocked.status).toBe('blocked');
    expect(blocked.reason).toContain('AADSTS530036');
    expect(blocked.reason).toContain('`delegate login --browser --profile emu`');
    expect(blocked.account?.username).toBe('adele.vance@contoso.onmicrosoft.com');
    expect(blocked.lastProbe).toMatchObject({ outcome: 'blocked', aadsts: 530036 });
    expect(JSON.parse(probe.stdout)).toMatchObject({ lastAuthError: { aadsts: 530036, entra: { errorCodes: [530036], error: 'invalid_grant' } } });

    // Entra said the refresh token should be deleted: it is gone from the keychain; the account stays, to say who.
    const cache = keychainCache();
    expect(Object.keys(cache.RefreshToken ?? {})).toHaveLength(0);
    expect(Object.keys(cache.Account ?? {})).toHaveLength(1);
    // Entra's own answer is kept for support, without any token.
    const recorded = metadata().lastAuthError;
    expect(recorded).toMatchObject({ code: 'blocked-by-policy', aadsts: 530036, entra: { error: 'invalid_grant', errorCodes: [530036] } });
    expect(recorded?.entra?.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(join(setup.home, 'profiles', 'emu', 'meta.json'), 'utf8')).not.toMatch(/1\.AXkA/);

    // A second probe tells the same, real reason, without asking Entra to redeem a token it already refused.
    const refreshesBefore = await refreshRequests();
    const again = await runCli(['status', '--probe', '--profile', 'emu'], { home: setup.home });
    expect(again.code).toBe(3);
    expect(again.stdout).toContain('BLOCKED');
    expect(again.stdout).toContain('AADSTS530036');
    expect(again.stdout).toContain('(device code)');
    expect(await refreshRequests()).toBe(refreshesBefore);

    const login = await browserLogin();
    expect(login.code).toBe(0);
    expect(metadata().signInFlow).toBe('browser');
    const after = await runCli(['status', '--probe', '--json', '--profile', 'emu'], { home: setup.home });
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ status: 'ok', signInFlow: 'browser', lastProbe: { outcome: 'ok' } });
  }, 60_000);

  it('skips a job that meets 530036 mid-run with the blocked reason, and history says so', async () => {
    // Access tokens that are stale at once, so the job's own token request redeems the refresh token.
    await setup.emulator.control('POST', '/settings', { accessTokenLifetimeSeconds: 60 });
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    writeJobs(setup.home, [{ id: 'whoami', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', method: 'GET', path: '/me' } }]);
    await setup.emulator.control('POST', '/policy', { deviceCodeProtocolTracking: true });
    const { result, run } = await runJob(setup.home, 'whoami');
    expect(result.code).toBe(3);
    expect(run).toMatchObject({ status: 'skipped', error: { code: 'blocked-by-policy', aadsts: 530036 } });
    expect(run.error?.message).toContain('AADSTS530036');
    const history = await runCli(['history', 'whoami', '--json'], { home: setup.home });
    const rows = JSON.parse(history.stdout) as Array<{ status: string; error?: { code: string; action: string } }>;
    expect(rows[0]).toMatchObject({ status: 'skipped', error: { code: 'blocked-by-policy', action: expect.stringContaining('delegate login --browser --profile emu') } });
  }, 60_000);
});

describe('a refresh token msal deleted itself (AADSTS700082, suberror bad_token)', () => {
  it('keeps showing the inactivity reason, not "no tokens found", once the refresh token is gone', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    await setup.emulator.control('POST', '/clock/advance', { days: 91 });
    const first = await runCli(['status', '--probe', '--json', '--profile', 'emu'], { home: setup.home });
    expect(first.code).toBe(3);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'expired', reason: expect.stringContaining('not used for too long (AADSTS700082)') });
    expect(metadata().lastAuthError?.entra).toMatchObject({ error: 'invalid_grant', errorCodes: [700082], suberror: 'bad_token' });

    // msal deletes a bad_token refresh token; play an msal client that persisted that deletion to the shared entry.
    const persistence = await LibSecretPersistence.create(join(setup.home, 'profiles', 'emu', 'msal-cache.json'), 'Delegate', `msal-cache/${profileId()}`);
    const cache = JSON.parse((await persistence.load()) ?? '{}') as { RefreshToken?: Record<string, unknown> };
    expect(Object.keys(cache.RefreshToken ?? {})).toHaveLength(1);
    await persistence.save(JSON.stringify({ ...cache, RefreshToken: {} }));

    const refreshesBefore = await refreshRequests();
    const second = await runCli(['status', '--probe', '--json', '--profile', 'emu'], { home: setup.home });
    expect(second.code).toBe(3);
    expect(await refreshRequests()).toBe(refreshesBefore); // msal had nothing left to redeem
    const health = JSON.parse(second.stdout) as { reason: string; lastProbe: { message: string; aadsts?: number } };
    expect(health.reason).toContain('AADSTS700082');
    expect(health.lastProbe).toMatchObject({ aadsts: 700082, message: expect.stringContaining('not used for too long') });
    expect(JSON.parse(second.stdout)).toMatchObject({ probeError: { code: 'sign-in-required', aadsts: 700082 } });
    expect(second.stdout).not.toMatch(/no_tokens_found|no tokens|needs you to sign in again/i);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { PublicClientApplication, type AccountInfo, type AuthenticationResult } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { expectEntraError } from './support/entra-assertions.js';
import { ADELE, DEVICE_CODE_GRANT, EmulatorClient, OFFICE, type DeviceCodeResponse, type TokenResponse } from './support/emulator-client.js';
import { completeInBrowser } from './support/headless-browser.js';
import { createCaTrustingNetworkClient } from './support/msal-network-client.js';

/**
 * Conditional Access against the device code flow, as real Entra does it (REAL-WORLD.md), proven with plain
 * msal-node: the block shows in the browser (Error Code 53003) and never at the poll; sessions started by device
 * code are protocol-tracked and their refreshes fail with AADSTS530036, for good; browser sessions are unaffected.
 */

let emulator: RunningEmulator;
let client: EmulatorClient;

function newApplication(): PublicClientApplication {
  return new PublicClientApplication({
    auth: { clientId: OFFICE, authority: `${emulator.authorityHost}/organizations`, knownAuthorities: [new URL(emulator.authorityHost).host] },
    system: { networkClient: createCaTrustingNetworkClient(readFileSync(emulator.caFile)) },
  });
}

async function deviceCodeSignIn(app: PublicClientApplication): Promise<AccountInfo> {
  let approval: Promise<unknown> = Promise.resolve();
  const result = await app.acquireTokenByDeviceCode({
    scopes: ['User.ReadWrite'],
    deviceCodeCallback: (response) => {
      approval = client.control('POST', `/device-codes/${response.userCode}/approve`, { user: ADELE });
    },
  });
  await approval;
  return (result as AuthenticationResult).account as AccountInfo;
}

async function browserSignIn(app: PublicClientApplication): Promise<AccountInfo> {
  await client.control('POST', '/authorize/auto-approve', { user: ADELE });
  const result = await app.acquireTokenInteractive({ scopes: ['User.ReadWrite'], openBrowser: async (url) => void (await completeInBrowser(client, url)) });
  await client.control('POST', '/authorize/auto-approve', { off: true });
  return result.account as AccountInfo;
}

async function refreshFailure(app: PublicClientApplication, account: AccountInfo): Promise<{ errorCode?: string; errorNo?: string | number; errorMessage?: string; subError?: string }> {
  try {
    await app.acquireTokenSilent({ account, scopes: ['User.ReadWrite'], forceRefresh: true });
  } catch (error) {
    return error as { errorCode?: string; errorNo?: string | number; errorMessage?: string };
  }
  throw new Error('the refresh succeeded');
}

function refreshTokensIn(app: PublicClientApplication): string[] {
  return Object.keys((JSON.parse(app.getTokenCache().serialize()) as { RefreshToken?: Record<string, unknown> }).RefreshToken ?? {});
}

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1 });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => client.control('POST', '/reset'));

describe('device code blocked by Conditional Access (POST /_control/policy {"blockDeviceCode": true})', () => {
  it('still hands out a code, shows "You don\'t have access to this" with Error Code 53003 in the browser, and keeps the poll pending', async () => {
    await client.control('POST', '/policy', { blockDeviceCode: true });
    const started = await client.deviceCode(OFFICE, 'User.ReadWrite offline_access');
    expect(started.status).toBe(200);
    const { user_code: userCode, device_code: deviceCode } = started.json as DeviceCodeResponse;

    const page = await client.postForm('/devicelogin', { otc: userCode });
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>You don't have access to this</h1>");
    expect(page.text).toContain('<dt>Error Code</dt><dd>53003</dd>');
    expect(page.text).toContain('<dt>App id</dt><dd>d3590ed6-52b3-4102-aeff-aad2292ab01c</dd>');
    // Posting an approval anyway (a stale form) is blocked the same way.
    const forced = await client.postForm('/devicelogin', { otc: userCode, decision: 'approve', user: ADELE });
    expect(forced.text).toContain('53003');

    const approve = await client.send('POST', `${emulator.controlUrl}/device-codes/${userCode}/approve`, { json: {} });
    expect(approve.status).toBe(409);
    expect(approve.text).toContain('53003');

    const poll = await client.token({ grant_type: DEVICE_CODE_GRANT, client_id: OFFICE, device_code: deviceCode });
    expectEntraError(poll, { error: 'authorization_pending', code: 70016 });
  });

  it('ends msal-node\'s device code sign-in only when the code expires, never with 53003', async () => {
    await client.control('POST', '/settings', { deviceCodeExpiresInSeconds: 3 });
    await client.control('POST', '/policy', { blockDeviceCode: true });
    const app = newApplication();
    let approval: Promise<number> = Promise.resolve(0);
    const failure = await app
      .acquireTokenByDeviceCode({
        scopes: ['User.ReadWrite'],
        deviceCodeCallback: (response) => {
          approval = client.send('POST', `${emulator.controlUrl}/device-codes/${response.userCode}/approve`, { json: {} }).then((answer) => answer.status);
        },
      })
      .then(
        () => null,
        (error: unknown) => error as { errorCode?: string; errorMessage?: string },
      );
    expect(await approval).toBe(409);
    expect(failure?.errorCode).toMatch(/^(device_code_expired|post_request_failed)$/);
    expect(`${failure?.errorCode} ${failure?.errorMessage}`).not.toContain('53003');
    const polls = (await client.control<Array<{ path: string; status: number }>>('GET', '/requests')).filter((entry) => entry.path.endsWith('/token'));
    expect(polls.length).toBeGreaterThan(0);
  });

  it('refuses a fault that would answer the device code poll with 53003, pointing at the policy switch', async () => {
    const refused = await client.send('POST', `${emulator.controlUrl}/faults`, { json: { endpoint: 'token', grantType: 'device_code', aadsts: 53003 } });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('blockDeviceCode');
  });

  it('lets a code approved before the switch was flipped redeem normally', async () => {
    const started = (await client.deviceCode(OFFICE, 'User.ReadWrite offline_access')).json as DeviceCodeResponse;
    await client.control('POST', `/device-codes/${started.user_code}/approve`);
    await client.control('POST', '/policy', { blockDeviceCode: true });
    const granted = await client.token({ grant_type: DEVICE_CODE_GRANT, client_id: OFFICE, device_code: started.device_code });
    expect(granted.status).toBe(200);
  });
});

describe('protocol tracking (POST /_control/policy {"deviceCodeProtocolTracking": true})', () => {
  it('refuses every refresh of a device code session with AADSTS530036 in Entra\'s body shape, and keeps refusing after the switch is off', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid profile offline_access');
    const rotated = ((await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite offline_access')).json as TokenResponse).refresh_token ?? '';
    await client.control('POST', '/policy', { deviceCodeProtocolTracking: true });

    const refused = await client.refresh(OFFICE, rotated, 'User.ReadWrite offline_access');
    const body = expectEntraError(refused, { error: 'invalid_grant', code: 530036 });
    expect(body.error_description).toMatch(
      /^AADSTS530036: The refresh token is invalid due to authentication flow checks by Conditional Access\. The refresh token should be deleted\.\r\nTrace ID: /,
    );
    expect(body.suberror).toBeUndefined();
    // The older refresh token of the same chain is tracked too.
    expectEntraError(await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite offline_access'), { error: 'invalid_grant', code: 530036 });

    await client.control('POST', '/policy', { deviceCodeProtocolTracking: false });
    expectEntraError(await client.refresh(OFFICE, rotated, 'User.ReadWrite offline_access'), { error: 'invalid_grant', code: 530036 });
  });

  it('fails msal-node\'s silent refresh of a device code session with errorNo 530036 while a browser session refreshes', async () => {
    const deviceApp = newApplication();
    const deviceAccount = await deviceCodeSignIn(deviceApp);
    const browserApp = newApplication();
    const browserAccount = await browserSignIn(browserApp);
    await client.control('POST', '/policy', { deviceCodeProtocolTracking: true });

    const failure = await refreshFailure(deviceApp, deviceAccount);
    expect(String(failure.errorNo)).toBe('530036');
    expect(failure.errorMessage).toContain('AADSTS530036');
    const fine = await browserApp.acquireTokenSilent({ account: browserAccount, scopes: ['User.ReadWrite'], forceRefresh: true });
    expect(fine.fromCache).toBe(false);
  });

  it('sends a suberror only when asked (inferred), e.g. bad_token, which makes msal-node delete the refresh token', async () => {
    const app = newApplication();
    const account = await deviceCodeSignIn(app);
    expect(refreshTokensIn(app)).toHaveLength(1);
    await client.control('POST', '/policy', { deviceCodeProtocolTracking: true, protocolTrackingSuberror: 'bad_token' });
    const failure = await refreshFailure(app, account);
    expect(failure.subError).toBe('bad_token');
    expect(refreshTokensIn(app)).toHaveLength(0);
  });
});

describe('other Conditional Access answers on refresh', () => {
  it('AADSTS530033 (device-based Conditional Access) is a fault with its own text', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid profile offline_access');
    await client.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 530033 });
    const body = expectEntraError(await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite'), { error: 'invalid_grant', code: 530033, suberror: 'message_only' });
    expect(body.error_description).toContain('device-based conditional access');
  });

  it('AADSTS700082 with bad_token makes msal-node delete the refresh token, so the next call is only no_tokens_found', async () => {
    const app = newApplication();
    const account = await deviceCodeSignIn(app);
    await client.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 700082 });
    const first = await refreshFailure(app, account);
    expect(String(first.errorNo)).toBe('700082');
    expect(refreshTokensIn(app)).toHaveLength(0);
    const second = await refreshFailure(app, account);
    expect(second.errorCode).toBe('no_tokens_found');
  });
});

describe('access token lifetime (POST /_control/settings {"accessTokenLifetimeSeconds": n})', () => {
  it('issues access tokens with exactly that lifetime, and Entra\'s random 60–90 minutes again after null', async () => {
    await client.control('POST', '/settings', { accessTokenLifetimeSeconds: 120 });
    const short = await client.signIn(OFFICE, 'User.ReadWrite offline_access');
    expect(short.expires_in).toBe(120);
    await client.control('POST', '/settings', { accessTokenLifetimeSeconds: null });
    const normal = ((await client.refresh(OFFICE, short.refresh_token ?? '', 'User.ReadWrite offline_access')).json as TokenResponse).expires_in;
    expect(normal).toBeGreaterThanOrEqual(3599);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  ServerError,
  type AccountInfo,
  type AuthenticationResult,
} from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, EmulatorClient, jwtClaims, MEGAN, OFFICE } from './support/emulator-client.js';
import { completeInBrowser } from './support/headless-browser.js';
import { createCaTrustingNetworkClient } from './support/msal-network-client.js';

/**
 * Plain msal-node (not Delegate's wrapper) against the emulator: proves the emulator speaks what
 * MSAL expects, from discovery through caching, rotation, extra resources and error mapping.
 */

let emulator: RunningEmulator;
let client: EmulatorClient;
let pca: PublicClientApplication;
let account: AccountInfo;

function newApplication(): PublicClientApplication {
  return new PublicClientApplication({
    auth: {
      clientId: OFFICE,
      authority: `${emulator.authorityHost}/organizations`,
      knownAuthorities: [new URL(emulator.authorityHost).host],
    },
    system: { networkClient: createCaTrustingNetworkClient(readFileSync(emulator.caFile)) },
  });
}

async function tokenRequestCount(): Promise<number> {
  const requests = await client.control<Array<{ path: string }>>('GET', '/requests');
  return requests.filter((entry) => entry.path.endsWith('/oauth2/v2.0/token')).length;
}

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1 });
  client = new EmulatorClient(emulator);
  pca = newApplication();
});
afterAll(() => emulator.close());

describe('msal-node against the emulator', () => {
  it('signs in with the device code flow and caches the account with the right username and tenant', async () => {
    let approval: Promise<unknown> = Promise.resolve();
    const result = await pca.acquireTokenByDeviceCode({
      scopes: ['User.ReadWrite', 'Mail.Send'],
      deviceCodeCallback: (response) => {
        expect(response.verificationUri).toBe(`${emulator.authorityHost}/devicelogin`);
        approval = client.control('POST', `/device-codes/${response.userCode}/approve`, { user: ADELE });
      },
    });
    await approval;
    expect(result).not.toBeNull();
    const signedIn = result as AuthenticationResult;
    expect(signedIn.account?.username).toBe(ADELE);
    expect(signedIn.account?.tenantId).toBe(emulator.tenantId);
    expect(signedIn.account?.homeAccountId).toBe(`${emulator.users[0]?.oid}.${emulator.tenantId}`);
    expect(signedIn.scopes).toEqual(expect.arrayContaining(['Mail.Send', 'User.ReadWrite']));
    const accounts = await pca.getTokenCache().getAllAccounts();
    expect(accounts).toHaveLength(1);
    account = accounts[0] as AccountInfo;
  });

  it('serves acquireTokenSilent from the cache without calling the token endpoint', async () => {
    const before = await tokenRequestCount();
    const result = await pca.acquireTokenSilent({ account, scopes: ['Mail.Send'] });
    expect(result.fromCache).toBe(true);
    expect(await tokenRequestCount()).toBe(before);
  });

  it('refreshes with forceRefresh and caches the rotated refresh token', async () => {
    const refreshTokensBefore = JSON.stringify(JSON.parse(pca.getTokenCache().serialize()).RefreshToken);
    const result = await pca.acquireTokenSilent({ account, scopes: ['User.ReadWrite'], forceRefresh: true });
    expect(result.fromCache).toBe(false);
    expect(jwtClaims(result.accessToken).scp).toBe('email Mail.Send offline_access openid profile User.ReadWrite');
    const refreshTokensAfter = JSON.stringify(JSON.parse(pca.getTokenCache().serialize()).RefreshToken);
    expect(refreshTokensAfter).not.toBe(refreshTokensBefore);
  });

  it('gets a SharePoint .default token silently from the same refresh token', async () => {
    const result = await pca.acquireTokenSilent({ account, scopes: ['https://contoso.sharepoint.com/.default'] });
    expect(jwtClaims(result.accessToken).aud).toBe('https://contoso.sharepoint.com');
    expect(result.account?.username).toBe(ADELE);
  });

  it('surfaces AADSTS700082 without suberror as ServerError invalid_grant with errorNo 700082', async () => {
    await client.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 700082, variant: 'legacy' });
    const failure = await pca.acquireTokenSilent({ account, scopes: ['User.ReadWrite'], forceRefresh: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ServerError);
    expect(failure).not.toBeInstanceOf(InteractionRequiredAuthError);
    expect((failure as ServerError).errorCode).toBe('invalid_grant');
    expect(String((failure as ServerError).errorNo)).toBe('700082');
    expect((failure as ServerError).errorMessage).toContain('AADSTS700082: The refresh token has expired due to inactivity.');
  });

  it('surfaces AADSTS700082 with suberror bad_token as InteractionRequiredAuthError', async () => {
    await client.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 700082 });
    const failure = await pca.acquireTokenSilent({ account, scopes: ['User.ReadWrite'], forceRefresh: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(InteractionRequiredAuthError);
    expect((failure as InteractionRequiredAuthError).errorCode).toBe('invalid_grant');
    expect((failure as InteractionRequiredAuthError).subError).toBe('bad_token');
    expect(String((failure as InteractionRequiredAuthError).errorNo)).toBe('700082');
  });

  it('completes getAuthCodeUrl → authorize (auto-approved) → acquireTokenByCode with the PKCE verifier', async () => {
    const browserless = newApplication();
    await client.control('POST', '/authorize/auto-approve', { user: MEGAN });
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://localhost:61234';
    const url = await browserless.getAuthCodeUrl({
      scopes: ['User.ReadWrite'],
      redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: 'msal-state',
    });
    expect(url.startsWith(`${emulator.authorityHost}/organizations/oauth2/v2.0/authorize?`)).toBe(true);

    const redirect = await client.get(url);
    expect(redirect.status).toBe(302);
    const returned = new URL(redirect.headers.location ?? '').searchParams;
    expect(returned.get('state')).toBe('msal-state');
    const result = await browserless.acquireTokenByCode({
      code: returned.get('code') ?? '',
      scopes: ['User.ReadWrite'],
      redirectUri,
      codeVerifier: verifier,
    });
    expect(result.account?.username).toBe(MEGAN);
    expect(result.account?.tenantId).toBe(emulator.tenantId);
    await client.control('POST', '/authorize/auto-approve', { off: true });
  });

  it('completes acquireTokenInteractive through its loopback listener and Entra\'s form_post answer', async () => {
    const interactive = newApplication();
    await client.control('POST', '/authorize/auto-approve', { user: MEGAN });
    let delivered = 0;
    const result = await interactive.acquireTokenInteractive({
      scopes: ['User.ReadWrite', 'Files.ReadWrite.All'],
      openBrowser: async (url) => {
        expect(new URL(url).searchParams.get('response_mode')).toBe('form_post');
        delivered = await completeInBrowser(client, url);
      },
    });
    expect(delivered).toBe(200);
    expect(result.account?.username).toBe(MEGAN);
    expect(result.scopes).toEqual(expect.arrayContaining(['Files.ReadWrite.All', 'User.ReadWrite']));
    await client.control('POST', '/authorize/auto-approve', { off: true });
  });
});

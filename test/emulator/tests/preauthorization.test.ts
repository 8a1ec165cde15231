import { readFileSync } from 'node:fs';
import { PublicClientApplication, ServerError } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { expectEntraError } from './support/entra-assertions.js';
import { ADELE, AZURE_CLI, CUSTOM_CLIENT, DEVICE_CODE_GRANT, EmulatorClient, GRAPH_POWERSHELL, jwtClaims, OFFICE, type DeviceCodeResponse, type EntraError, type TokenResponse } from './support/emulator-client.js';
import { completeInBrowser } from './support/headless-browser.js';
import { createCaTrustingNetworkClient } from './support/msal-network-client.js';

/**
 * Microsoft's first-party clients are pre-authorised for a fixed set of Graph permissions: anything else is
 * AADSTS65002, at the step real Entra refuses it. Proven with raw requests and with plain msal-node.
 */

let emulator: RunningEmulator;
let client: EmulatorClient;
const GRAPH_APP = '00000003-0000-0000-c000-000000000000';
const REFUSAL = `AADSTS65002: Consent between first party application '${AZURE_CLI}' and first party resource '${GRAPH_APP}' must be configured via preauthorization - applications owned and operated by Microsoft must get approval from the API owner before requesting tokens for that API.`;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1 });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
});

function msalApp(clientId: string): PublicClientApplication {
  return new PublicClientApplication({
    auth: { clientId, authority: `${emulator.authorityHost}/organizations`, knownAuthorities: [new URL(emulator.authorityHost).host] },
    system: { networkClient: createCaTrustingNetworkClient(readFileSync(emulator.caFile)) },
  });
}

async function startDeviceCode(clientId: string, scope: string): Promise<DeviceCodeResponse> {
  const started = await client.deviceCode(clientId, scope);
  expect(started.status).toBe(200);
  return started.json as DeviceCodeResponse;
}

async function submitOnPage(userCode: string): Promise<{ status: number; text: string }> {
  return client.postForm('/devicelogin', { otc: userCode, decision: 'approve', user: ADELE });
}

describe('pre-authorised scopes of first-party clients', () => {
  it('accepts /devicecode, shows AADSTS65002 on the page after sign-in, and keeps the poll pending', async () => {
    const started = await startDeviceCode(AZURE_CLI, 'User.Read.All Mail.Send offline_access');
    const page = await submitOnPage(started.user_code);
    expect(page.status).toBe(400);
    expect(page.text).toContain("Sorry, but we're having trouble signing you in.");
    expect(page.text).toContain(REFUSAL.replace(/'/g, '&#39;'));
    const poll = await client.token({ grant_type: DEVICE_CODE_GRANT, client_id: AZURE_CLI, device_code: started.device_code });
    expectEntraError(poll, { error: 'authorization_pending', code: 70016 });
  });

  it('answers the poll with the 65002 body when switched to refuse at the poll', async () => {
    await client.control('POST', '/preauthorization', { deviceCodeRefusal: 'poll' });
    const started = await startDeviceCode(AZURE_CLI, 'Mail.Send offline_access');
    await submitOnPage(started.user_code);
    const poll = await client.token({ grant_type: DEVICE_CODE_GRANT, client_id: AZURE_CLI, device_code: started.device_code });
    const body = expectEntraError(poll, { error: 'invalid_request', code: 65002 });
    expect(body.error_description.split('\r\n')[0]).toBe(REFUSAL);
  });

  it('sends AADSTS65002 back to msal-node\'s loopback after a browser sign-in', async () => {
    await client.control('POST', '/authorize/auto-approve', { user: ADELE });
    const app = msalApp(AZURE_CLI);
    const attempt = app.acquireTokenInteractive({ scopes: ['Mail.Send'], openBrowser: async (url) => void (await completeInBrowser(client, url)) });
    await expect(attempt).rejects.toBeInstanceOf(ServerError);
    await expect(attempt).rejects.toMatchObject({ errorCode: 'invalid_request', errorMessage: expect.stringContaining(REFUSAL) as unknown });
  });

  it('refuses a refresh that asks for a scope outside the list, and one the list lost after sign-in', async () => {
    const tokens = await client.signIn(OFFICE, 'Mail.Send Files.ReadWrite.All offline_access');
    expect(jwtClaims(tokens.access_token).scp).toContain('Mail.Send');
    const outside = await client.refresh(OFFICE, tokens.refresh_token ?? '', 'Chat.ReadBasic offline_access');
    expect((outside.json as EntraError).error_codes).toEqual([65002]);

    // Microsoft changes the list without notice: the scope consented yesterday is refused today…
    await client.control('PUT', `/clients/${OFFICE}/preauthorized`, { scopes: ['Files.ReadWrite.All', 'User.Read'] });
    const lost = await client.refresh(OFFICE, tokens.refresh_token ?? '', 'Mail.Send offline_access');
    expectEntraError(lost, { error: 'invalid_request', code: 65002 });
    // …and silently missing from tokens for the scopes still allowed.
    const still = await client.refresh(OFFICE, tokens.refresh_token ?? '', 'Files.ReadWrite.All offline_access');
    expect(still.status).toBe(200);
    expect(jwtClaims((still.json as TokenResponse).access_token).scp).not.toContain('Mail.Send');
  });

  it('refuses Office by default the Teams, Sites and shared-mailbox scopes a real Office token never carries', async () => {
    for (const scope of ['Chat.ReadWrite', 'ChannelMessage.Send', 'Sites.ReadWrite.All', 'Mail.ReadWrite.Shared', 'User.Read']) {
      const started = await startDeviceCode(OFFICE, `${scope} offline_access`);
      const page = await submitOnPage(started.user_code);
      expect({ scope, status: page.status }).toEqual({ scope, status: 400 });
      expect(page.text).toContain('AADSTS65002');
    }
    const mine = await client.signIn(OFFICE, 'Mail.Send Calendars.ReadWrite Files.ReadWrite.All Tasks.ReadWrite User.ReadBasic.All offline_access');
    expect(String(jwtClaims(mine.access_token).scp).split(' ')).toEqual(expect.arrayContaining(['Mail.Send', 'Files.ReadWrite.All', 'User.ReadBasic.All']));
    const list = await client.control<{ scopes: string[] }>('GET', `/clients/${OFFICE}/preauthorized`);
    expect(list.scopes).not.toContain('Chat.ReadWrite');
  });

  it('lets Graph PowerShell and other clients ask for any Graph permission, and edits lists by client ID in any case', async () => {
    await expect(client.signIn(GRAPH_POWERSHELL, 'Presence.Read.All Mail.Send.Shared offline_access')).resolves.toMatchObject({ token_type: 'Bearer' });
    await expect(client.signIn(CUSTOM_CLIENT, 'Chat.ReadWrite offline_access')).resolves.toMatchObject({ token_type: 'Bearer' });
    const odd = OFFICE.toUpperCase();
    const set = await client.control<{ clientId: string; scopes: string[] }>('PUT', `/clients/${odd}/preauthorized`, { scopes: ['user.read'] });
    expect(set).toMatchObject({ clientId: OFFICE, scopes: ['user.read'] });
    await expect(client.signIn(odd, 'User.Read offline_access')).resolves.toMatchObject({ token_type: 'Bearer' });
    const refused = await startDeviceCode(odd, 'Mail.Send offline_access');
    expect((await submitOnPage(refused.user_code)).status).toBe(400);
  });

  it('restores the defaults on reset: Office has its real list (mail, files, no Teams posting), Azure CLI has no mail scopes', async () => {
    await client.control('PUT', `/clients/${OFFICE}/preauthorized`, { scopes: [] });
    await client.control('POST', '/reset');
    const office = await client.control<{ scopes: string[]; overridden: boolean }>('GET', `/clients/${OFFICE}/preauthorized`);
    expect(office.overridden).toBe(false);
    expect(office.scopes).toEqual(expect.arrayContaining(['Mail.Send', 'Mail.ReadWrite', 'Files.ReadWrite.All', 'User.ReadBasic.All']));
    expect(office.scopes.filter((name) => /^(Chat|ChannelMessage|Sites)\.|\.Shared$|^User\.Read$/.test(name))).toEqual(['Calendars.Read.Shared']);
    const cli = await client.control<{ scopes: string[] }>('GET', `/clients/${AZURE_CLI}/preauthorized`);
    expect(cli.scopes.filter((name) => name.startsWith('Mail.'))).toEqual([]);
    expect(await client.control('GET', `/clients/${GRAPH_POWERSHELL}/preauthorized`)).toMatchObject({ scopes: 'any' });
  });
});

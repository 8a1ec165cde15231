import { readFileSync } from 'node:fs';
import { PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, AZURE_CLI, CUSTOM_CLIENT, EmulatorClient, GRAPH_POWERSHELL, OFFICE } from './support/emulator-client.js';
import { createCaTrustingNetworkClient } from './support/msal-network-client.js';

/**
 * Family refresh tokens (FOCI): Entra answers `"foci": "1"` beside the refresh token of a family client, and
 * msal writes that token as a family refresh token. Only clients known to be in the family get it
 * (directory/family-clients.ts).
 */

let emulator: RunningEmulator;
let client: EmulatorClient;
const WITH_REFRESH = 'User.Read openid profile offline_access';

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1 });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => client.control('POST', '/reset'));

const foci = (tokens: unknown) => (tokens as Record<string, unknown>).foci;

describe('family refresh tokens', () => {
  it('Office and Azure CLI get foci "1" beside their refresh token, at sign-in and at every refresh', async () => {
    for (const [clientId, scope] of [[OFFICE, 'Mail.Send openid profile offline_access'], [AZURE_CLI, 'User.Read.All openid profile offline_access']] as const) {
      const signedIn = await client.signIn(clientId, scope);
      expect(signedIn.refresh_token).toBeDefined();
      expect(foci(signedIn)).toBe('1');
      const refreshed = await client.refresh(clientId, signedIn.refresh_token ?? '', scope);
      expect(refreshed.status).toBe(200);
      expect(foci(refreshed.json)).toBe('1');
    }
  });

  it('Graph PowerShell and a registered app get a refresh token without foci: they are not in the family', async () => {
    for (const clientId of [GRAPH_POWERSHELL, CUSTOM_CLIENT]) {
      const signedIn = await client.signIn(clientId, WITH_REFRESH);
      expect(signedIn.refresh_token).toBeDefined();
      expect(signedIn).not.toHaveProperty('foci');
    }
  });

  it('without offline_access there is no refresh token, so no foci either', async () => {
    const signedIn = await client.signIn(OFFICE, 'Mail.Send openid profile');
    expect(signedIn.refresh_token).toBeUndefined();
    expect(signedIn).not.toHaveProperty('foci');
  });

  it('msal-node caches an Office sign-in as a family refresh token and keeps refreshing silently with it', async () => {
    const pca = new PublicClientApplication({
      auth: { clientId: OFFICE, authority: `${emulator.authorityHost}/organizations`, knownAuthorities: [new URL(emulator.authorityHost).host] },
      system: { networkClient: createCaTrustingNetworkClient(readFileSync(emulator.caFile)) },
    });
    let approval: Promise<unknown> = Promise.resolve();
    const result = await pca.acquireTokenByDeviceCode({
      scopes: ['Mail.Send'],
      deviceCodeCallback: (response) => (approval = client.control('POST', `/device-codes/${response.userCode}/approve`, { user: ADELE })),
    });
    await approval;
    expect(result?.familyId).toBe('1');
    const cache = JSON.parse(pca.getTokenCache().serialize()) as { RefreshToken: Record<string, { family_id?: string; client_id: string }>; AppMetadata: Record<string, { family_id?: string; client_id: string }> };
    expect(Object.values(cache.RefreshToken)).toEqual([expect.objectContaining({ family_id: '1', client_id: OFFICE })]);
    expect(Object.values(cache.AppMetadata)).toEqual([expect.objectContaining({ family_id: '1', client_id: OFFICE })]);

    const [account] = await pca.getTokenCache().getAllAccounts();
    const refreshed = await pca.acquireTokenSilent({ account: account!, scopes: ['Mail.Send'], forceRefresh: true });
    expect(refreshed.fromCache).toBe(false);
    expect(refreshed.account?.username).toBe(ADELE);
  });
});


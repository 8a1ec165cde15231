import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { expectEntraError } from './support/entra-assertions.js';
import { ADELE, CUSTOM_CLIENT, EmulatorClient, jwtClaims, OFFICE, type TokenResponse } from './support/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;
const DAY_MS = 86_400_000;
const GRAPH_SCOPES = 'User.ReadWrite Mail.Send openid profile offline_access';

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1, now: new Date('2026-03-01T09:00:00Z') });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  emulator.clock.set(new Date('2026-03-01T09:00:00Z'));
});

describe('refresh tokens', () => {
  it('rotates the refresh token on every redemption and keeps the old one valid', async () => {
    const first = await client.signIn(OFFICE, GRAPH_SCOPES);
    const refreshed = await client.refresh(OFFICE, first.refresh_token ?? '', 'User.ReadWrite openid profile offline_access');
    expect(refreshed.status).toBe(200);
    const second = refreshed.json as TokenResponse;
    expect(second.refresh_token).toBeDefined();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.client_info).toBe(first.client_info);

    const again = await client.refresh(OFFICE, first.refresh_token ?? '', 'User.ReadWrite openid profile offline_access');
    expect(again.status).toBe(200);
  });

  it('still refreshes at 89 days of inactivity and refuses with AADSTS700082 after 90 days', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    emulator.clock.advance(89 * DAY_MS);
    const stillAlive = await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite offline_access');
    expect(stillAlive.status).toBe(200);

    emulator.clock.advance(1 * DAY_MS);
    const body = expectEntraError(await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite offline_access'), {
      error: 'invalid_grant',
      code: 700082,
      suberror: 'bad_token',
    });
    expect(body.error_description).toMatch(
      /^AADSTS700082: The refresh token has expired due to inactivity\. The token was issued on 2026-03-01T09:00:\d{2}\.\d{7}Z and was inactive for 90\.00:00:00\.\r\n/,
    );
  });

  it('measures inactivity from each refresh token\'s own issue, so a daily refresh keeps the chain alive', async () => {
    let refreshToken = (await client.signIn(OFFICE, GRAPH_SCOPES)).refresh_token ?? '';
    for (let day = 0; day < 4; day += 1) {
      emulator.clock.advance(60 * DAY_MS);
      const response = await client.refresh(OFFICE, refreshToken, 'User.ReadWrite offline_access');
      expect(response.status).toBe(200);
      refreshToken = (response.json as TokenResponse).refresh_token ?? '';
    }
  });

  it('refuses every refresh token of a revoked user with AADSTS50173 and accepts a fresh sign-in', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    emulator.clock.advance(DAY_MS);
    await client.control('POST', `/users/${ADELE}/revoke`);
    const body = expectEntraError(await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite offline_access'), {
      error: 'invalid_grant',
      code: 50173,
      suberror: 'bad_token',
    });
    expect(body.error_description).toContain('The provided grant has expired due to it being revoked, a fresh auth token is needed.');
    expect(body.error_description).toContain("and the TokensValidFrom date (before which tokens are not valid) for this user is '2026-03-02T09:00:");

    const fresh = await client.signIn(OFFICE, GRAPH_SCOPES);
    expect((await client.refresh(OFFICE, fresh.refresh_token ?? '', 'User.ReadWrite offline_access')).status).toBe(200);
  });

  it('refuses an unknown refresh token and one presented by another client with AADSTS70000', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    expectEntraError(await client.refresh(OFFICE, '1.AXkAnot-a-token', 'User.ReadWrite'), { error: 'invalid_grant', code: 70000 });
    expectEntraError(await client.refresh(CUSTOM_CLIENT, tokens.refresh_token ?? '', 'User.ReadWrite'), { error: 'invalid_grant', code: 70000 });
  });
});

describe('consent and scopes on refresh', () => {
  it('puts every consented Graph scope in scp, whichever subset the refresh asks for', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    const narrow = (await client.refresh(OFFICE, tokens.refresh_token ?? '', 'https://graph.microsoft.com/Mail.Send offline_access')).json as TokenResponse;
    expect(jwtClaims(narrow.access_token).scp).toBe('email Mail.Send offline_access openid profile User.ReadWrite');
    expect(narrow.scope).toBe('Mail.Send User.ReadWrite');
  });

  it('grows consent with each approval and never shrinks it', async () => {
    await client.signIn(OFFICE, 'User.ReadWrite openid offline_access');
    const later = await client.signIn(OFFICE, 'Files.ReadWrite.All openid offline_access');
    expect(jwtClaims(later.access_token).scp).toBe('email Files.ReadWrite.All offline_access openid User.ReadWrite');
  });

  it('refuses a Graph scope never consented with AADSTS65001 consent_required (a client that uses consent, not pre-authorisation)', async () => {
    const tokens = await client.signIn(CUSTOM_CLIENT, GRAPH_SCOPES);
    const body = expectEntraError(await client.refresh(CUSTOM_CLIENT, tokens.refresh_token ?? '', 'Calendars.ReadWrite offline_access'), {
      error: 'invalid_grant',
      code: 65001,
      suberror: 'consent_required',
      hasErrorUri: false,
    });
    expect(body.error_description).toMatch(
      new RegExp(`^AADSTS65001: The user or administrator has not consented to use the application with ID '${CUSTOM_CLIENT}' named 'Public client app'\\. Send an interactive authorization request for this user and resource\\.`),
    );
  });

  it('answers https://graph.microsoft.com/.default with all consented Graph scopes, and .default itself as Entra does', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    const response = await client.refresh(OFFICE, tokens.refresh_token ?? '', 'https://graph.microsoft.com/.default openid offline_access');
    const result = response.json as TokenResponse;
    // Echoing `.default` is what lets msal (and Delegate's fast path) find this token for the next `.default` request.
    expect(result.scope).toBe('Mail.Send User.ReadWrite https://graph.microsoft.com/.default profile openid email');
    expect(jwtClaims(result.access_token).aud).toBe('https://graph.microsoft.com');
  });

  it('issues a SharePoint token from the Graph refresh token for the pre-authorised Office client', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    const response = await client.refresh(OFFICE, tokens.refresh_token ?? '', 'https://contoso.sharepoint.com/.default openid profile offline_access');
    expect(response.status).toBe(200);
    const result = response.json as TokenResponse;
    const claims = jwtClaims(result.access_token);
    expect(claims.aud).toBe('https://contoso.sharepoint.com');
    expect(claims.scp).toBe('AllSites.Manage AllSites.Read AllSites.Write MyFiles.Read MyFiles.Write');
    expect(result.scope).toContain('https://contoso.sharepoint.com/AllSites.Read');
    expect(result.scope.split(' ')).toContain('https://contoso.sharepoint.com/.default');
    expect(result.refresh_token).toBeDefined();
  });

  it('refuses SharePoint .default with AADSTS65001 for a client nobody consented to SharePoint for', async () => {
    const tokens = await client.signIn(CUSTOM_CLIENT, GRAPH_SCOPES);
    expectEntraError(await client.refresh(CUSTOM_CLIENT, tokens.refresh_token ?? '', 'https://contoso.sharepoint.com/.default offline_access'), {
      error: 'invalid_grant',
      code: 65001,
      suberror: 'consent_required',
      hasErrorUri: false,
    });
  });

  it('refuses scopes for two resources in one token request with AADSTS70011', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    const body = expectEntraError(
      await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite https://contoso.sharepoint.com/.default offline_access'),
      { error: 'invalid_scope', code: 70011 },
    );
    expect(body.error_description).toContain('are not compatible with each other.');
  });

  it('issues no new refresh token when offline_access is not asked for', async () => {
    const tokens = await client.signIn(OFFICE, GRAPH_SCOPES);
    const result = (await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite')).json as TokenResponse;
    expect(result.refresh_token).toBeUndefined();
    expect(result.id_token).toBeUndefined();
  });
});

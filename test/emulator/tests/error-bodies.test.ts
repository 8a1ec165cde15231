import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { expectEntraError } from './support/entra-assertions.js';
import { AZURE_CLI, DEVICE_CODE_GRANT, EmulatorClient, GUID, OFFICE, type TokenResponse } from './support/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;
let refreshToken: string;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1 });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  refreshToken = (await client.signIn(OFFICE, 'User.ReadWrite Mail.Send openid profile offline_access')).refresh_token ?? '';
});

function injectOnRefresh(fault: Record<string, unknown>): Promise<unknown> {
  return client.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', count: 1, ...fault });
}

function refresh(scope = 'User.ReadWrite openid profile offline_access', headers?: Record<string, string>) {
  return client.token({ grant_type: 'refresh_token', client_id: OFFICE, refresh_token: refreshToken, scope, client_info: '1' }, 'organizations', headers);
}

describe('injected AADSTS errors have the exact shape Entra sends', () => {
  it('AADSTS700082 carries suberror bad_token, the refresh token\'s issue date and echoes client-request-id', async () => {
    await injectOnRefresh({ aadsts: 700082 });
    const correlationId = '0b6c9f5e-2d1a-4e8b-9c7d-3f2a1b0e9d8c';
    const body = expectEntraError(await refresh(undefined, { 'client-request-id': correlationId }), {
      error: 'invalid_grant',
      code: 700082,
      suberror: 'bad_token',
      correlationId,
    });
    const issued = (await client.control<Array<{ kind: string; token: string; issuedAt: string }>>('GET', '/issued')).find(
      (entry) => entry.token === refreshToken,
    );
    expect(body.error_description).toContain(`The token was issued on ${issued?.issuedAt.slice(0, 23)}0000Z and was inactive for 90.00:00:00.`);
  });

  it('AADSTS700082 in its legacy form has no suberror', async () => {
    await injectOnRefresh({ aadsts: 700082, variant: 'legacy' });
    expectEntraError(await refresh(), { error: 'invalid_grant', code: 700082 });
  });

  it('AADSTS50173 is invalid_grant with suberror bad_token', async () => {
    await injectOnRefresh({ aadsts: 50173 });
    const body = expectEntraError(await refresh(), { error: 'invalid_grant', code: 50173, suberror: 'bad_token' });
    expect(body.error_description).toContain('The user might have changed or reset their password.');
  });

  it('AADSTS70043 comes as invalid_grant with suberror token_expired and no error_uri', async () => {
    await injectOnRefresh({ aadsts: 70043 });
    const body = expectEntraError(await refresh(), { error: 'invalid_grant', code: 70043, suberror: 'token_expired', hasErrorUri: false });
    expect(body.error_description).toMatch(
      /^AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access\. The token was issued on \S+ and the maximum allowed lifetime for this request is 86400\./,
    );
  });

  it('AADSTS70043 also comes as interaction_required with suberror token_expired', async () => {
    await injectOnRefresh({ aadsts: 70043, variant: 'interaction_required' });
    expectEntraError(await refresh(), { error: 'interaction_required', code: 70043, suberror: 'token_expired', hasErrorUri: false });
  });

  it('AADSTS50076 is interaction_required with suberror basic_action and names Graph\'s app ID', async () => {
    await injectOnRefresh({ aadsts: 50076 });
    const body = expectEntraError(await refresh(), { error: 'interaction_required', code: 50076, suberror: 'basic_action' });
    expect(body.error_description).toContain("you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.");
  });

  it('AADSTS65001 is invalid_grant with suberror consent_required and no error_uri', async () => {
    await injectOnRefresh({ aadsts: 65001 });
    expectEntraError(await refresh(), { error: 'invalid_grant', code: 65001, suberror: 'consent_required', hasErrorUri: false });
  });

  it('AADSTS65002 names the client and the resource it is not pre-authorised for', async () => {
    await injectOnRefresh({ aadsts: 65002 });
    const body = expectEntraError(await refresh('https://contoso.sharepoint.com/.default offline_access'), { error: 'invalid_request', code: 65002 });
    expect(body.error_description).toContain(
      `Consent between first party application '${OFFICE}' and first party resource '00000003-0000-0ff1-ce00-000000000000' must be configured via preauthorization`,
    );
  });

  it('AADSTS53003 carries suberror message_only and a capolids claims challenge', async () => {
    await injectOnRefresh({ aadsts: 53003 });
    const body = expectEntraError(await refresh(), { error: 'invalid_grant', code: 53003, suberror: 'message_only', hasClaims: true });
    const claims = JSON.parse(body.claims ?? '') as { access_token: { capolids: { essential: boolean; values: string[] } } };
    expect(claims.access_token.capolids.essential).toBe(true);
    expect(claims.access_token.capolids.values[0]).toMatch(GUID);
  });

  it('refuses to answer the device code poll with 53003, which real Entra never does (the browser shows it)', async () => {
    const refused = await client.send('POST', `${emulator.controlUrl}/faults`, { json: { endpoint: 'token', grantType: DEVICE_CODE_GRANT, aadsts: 53003 } });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('/_control/policy');
  });
});

describe('fault queue', () => {
  it('fails exactly the next N matching requests and leaves others alone', async () => {
    await injectOnRefresh({ aadsts: 50076, count: 2 });
    expect((await client.control<unknown[]>('GET', '/faults'))).toHaveLength(1);
    const devicecode = await client.deviceCode(OFFICE, 'User.ReadWrite');
    expect(devicecode.status).toBe(200);
    expect((await refresh()).status).toBe(400);
    expect((await refresh()).status).toBe(400);
    expect((await refresh()).status).toBe(200);
    expect(await client.control('GET', '/faults')).toEqual([]);
  });

  it('answers a bare status with Retry-After', async () => {
    await client.control('POST', '/faults', { endpoint: 'token', status: 503, retryAfter: 2 });
    const response = await refresh();
    expect(response.headers['retry-after']).toBe('2');
    expectEntraError(response, { status: 503, error: 'temporarily_unavailable', code: 50000 });
  });

  it('delays a request and then serves it normally', async () => {
    await client.control('POST', '/faults', { endpoint: 'token', delayMs: 300 });
    const started = Date.now();
    expect((await refresh()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('resets the connection when asked', async () => {
    await client.control('POST', '/faults', { endpoint: 'any', reset: true });
    await expect(refresh()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await refresh()).status).toBe(200);
  });

  it('returns an OAuth error string with its usual AADSTS code', async () => {
    await client.control('POST', '/faults', { endpoint: 'token', error: 'slow_down' });
    expectEntraError(await refresh(), { error: 'slow_down', code: 70016 });
  });

  it('rejects a fault without an effect, naming the problem', async () => {
    const response = await client.send('POST', `${emulator.controlUrl}/faults`, { json: { endpoint: 'token' } });
    expect(response.status).toBe(400);
    expect(response.text).toContain('a fault needs at least one of aadsts, error, status, delayMs, reset, resetAfter or replaceBody');
  });
});

describe('client and request validation', () => {
  it('refuses a client ID that is not a GUID with AADSTS700016 unauthorized_client', async () => {
    const body = expectEntraError(await client.deviceCode('my-script', 'User.ReadWrite'), { error: 'unauthorized_client', code: 700016 });
    expect(body.error_description).toContain("Application with identifier 'my-script' was not found in the directory 'Contoso'.");
  });

  it('asks for a missing client_id or scope with AADSTS900144', async () => {
    const noClient = await client.postForm('/organizations/oauth2/v2.0/devicecode', { scope: 'User.ReadWrite' });
    expect(expectEntraError(noClient, { error: 'invalid_request', code: 900144 }).error_description).toContain("parameter: 'client_id'.");
    const noScope = await client.postForm('/organizations/oauth2/v2.0/devicecode', { client_id: AZURE_CLI });
    expect(expectEntraError(noScope, { error: 'invalid_request', code: 900144 }).error_description).toContain("parameter: 'scope'.");
  });

  it('refuses a client secret from a public client with 401 invalid_client (AADSTS700025)', async () => {
    const response = await client.token({ grant_type: 'refresh_token', client_id: OFFICE, client_secret: 'x', refresh_token: refreshToken, scope: 'User.ReadWrite' });
    expectEntraError(response, { status: 401, error: 'invalid_client', code: 700025 });
  });

  it('refuses an unknown grant type with AADSTS70003', async () => {
    const response = await client.token({ grant_type: 'password', client_id: OFFICE });
    expectEntraError(response, { error: 'unsupported_grant_type', code: 70003 });
  });

  it('serves the hosted tenant by GUID and by domain and refuses others with AADSTS90002', async () => {
    for (const tenant of [emulator.tenantId, emulator.tenantDomain, 'common']) {
      const response = await client.token({ grant_type: 'refresh_token', client_id: OFFICE, refresh_token: refreshToken, scope: 'User.ReadWrite offline_access' }, tenant);
      expect(response.status).toBe(200);
      refreshToken = (response.json as TokenResponse).refresh_token ?? '';
    }
    expectEntraError(await client.token({ grant_type: 'refresh_token', client_id: OFFICE }, 'fabrikam.com'), { error: 'invalid_request', code: 90002 });
  });
});

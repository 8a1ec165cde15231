import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, EmulatorClient, GUID, OFFICE, type GraphErrorBody, type RawResponse, type TokenResponse } from './support/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => client.control('POST', '/reset'));

function me(token: string | undefined, headers: Record<string, string> = {}): Promise<RawResponse> {
  return client.get(`${emulator.graphBaseUrl}/v1.0/me`, token === undefined ? headers : { authorization: `Bearer ${token}`, ...headers });
}

function expectGraphError(response: RawResponse, status: number, code: string, message: string): GraphErrorBody {
  expect(response.status).toBe(status);
  const body = response.json as GraphErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message).toBe(message);
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(body.error.innerError['request-id']).toMatch(GUID);
  expect(response.headers['request-id']).toBe(body.error.innerError['request-id']);
  expect(response.headers['client-request-id']).toBe(body.error.innerError['client-request-id']);
  return body;
}

describe('GET /v1.0/me', () => {
  it('returns the signed-in user in Graph\'s shape for a valid token', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid offline_access');
    const clientRequestId = '5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
    const response = await me(tokens.access_token, { 'client-request-id': clientRequestId });
    expect(response.status).toBe(200);
    expect(response.headers['client-request-id']).toBe(clientRequestId);
    expect(response.headers['request-id']).toMatch(GUID);
    const adele = emulator.users.find((user) => user.upn === ADELE);
    expect(response.json).toEqual({
      '@odata.context': `${emulator.graphBaseUrl}/v1.0/$metadata#users/$entity`,
      businessPhones: ['+1 425 555 0109'],
      displayName: 'Adele Vance',
      givenName: 'Adele',
      jobTitle: 'Retail Manager',
      mail: ADELE,
      mobilePhone: null,
      officeLocation: '18/2111',
      preferredLanguage: 'en-US',
      surname: 'Vance',
      userPrincipalName: ADELE,
      id: adele?.oid,
    });
  });

  it('refuses a token that expired on the emulator clock with 401 InvalidAuthenticationToken', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid offline_access');
    emulator.clock.advance((tokens.expires_in + 1) * 1000);
    const response = await me(tokens.access_token);
    expectGraphError(response, 401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    expect(response.headers['www-authenticate']).toContain('client_id="00000003-0000-0000-c000-000000000000"');
  });

  it('refuses a token for another audience', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid offline_access');
    const sharePoint = await client.refresh(OFFICE, tokens.refresh_token ?? '', 'https://contoso.sharepoint.com/.default offline_access');
    const response = await me((sharePoint.json as TokenResponse).access_token);
    expectGraphError(response, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
  });

  it('refuses a Graph token without a user-reading scope with 403 Authorization_RequestDenied', async () => {
    const tokens = await client.signIn(OFFICE, 'Mail.Send openid offline_access');
    expectGraphError(await me(tokens.access_token), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  });

  it('refuses a missing, malformed or tampered token', async () => {
    expectGraphError(await me(undefined), 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    expectGraphError(await me('not-a-jwt'), 401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).');
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid offline_access');
    const [header, , signature] = tokens.access_token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ aud: 'https://graph.microsoft.com', scp: 'User.ReadWrite', exp: 9_999_999_999 })).toString('base64url');
    expectGraphError(await me(`${header}.${forged}.${signature}`), 401, 'InvalidAuthenticationToken', 'Access token validation failure.');
  });

  it('throttles with 429, Retry-After and Graph\'s throttling body when a fault asks for it', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid offline_access');
    await client.control('POST', '/faults', { endpoint: 'graph', path: '/v1.0/me', status: 429, retryAfter: 7 });
    const throttled = await me(tokens.access_token);
    const body = expectGraphError(throttled, 429, 'TooManyRequests', 'Please retry again later.');
    expect(throttled.headers['retry-after']).toBe('7');
    expect(body.error.innerError).toMatchObject({ code: '429', status: '429' });
    expect((await me(tokens.access_token)).status).toBe(200);
  });

  it('answers an unknown Graph path in Graph\'s error shape', async () => {
    const response = await client.get(`${emulator.graphBaseUrl}/v1.0/nothing-here`);
    expectGraphError(response, 400, 'BadRequest', "Resource not found for the segment 'nothing-here'.");
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, EmulatorClient, OFFICE } from './support/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, now: new Date('2026-01-10T08:00:00Z') });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => client.control('POST', '/reset'));

interface IssuedEntry {
  kind: string;
  token: string;
  user: string;
  clientId: string;
  scopes: string[];
  audience: string;
  grantType: string;
  issuedAt: string;
  expiresAt: string;
}

describe('control API', () => {
  it('lists every issued token with its raw value, so tests can look for leaks', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid profile offline_access');
    const issued = await client.control<IssuedEntry[]>('GET', '/issued');
    expect(issued.map((entry) => entry.kind).sort()).toEqual(['access', 'id', 'refresh']);
    const access = issued.find((entry) => entry.kind === 'access');
    expect(access).toMatchObject({
      token: tokens.access_token,
      user: ADELE,
      clientId: OFFICE,
      audience: 'https://graph.microsoft.com',
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
    });
    expect(issued.find((entry) => entry.kind === 'refresh')?.token).toBe(tokens.refresh_token);
    expect(issued.find((entry) => entry.kind === 'id')?.token).toBe(tokens.id_token);
  });

  it('logs the requests it served, without its own control calls', async () => {
    await client.signIn(OFFICE, 'User.ReadWrite offline_access');
    const requests = await client.control<Array<{ method: string; path: string; grantType?: string; status: number; time: string }>>('GET', '/requests');
    expect(requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'POST /organizations/oauth2/v2.0/devicecode 200',
      'POST /organizations/oauth2/v2.0/token 200',
    ]);
    expect(requests[1]?.grantType).toBe('urn:ietf:params:oauth:grant-type:device_code');
    expect(Number.isNaN(Date.parse(requests[0]?.time ?? ''))).toBe(false);
  });

  it('moves the emulator clock by days, hours, minutes and seconds, or sets it', async () => {
    const start = Date.parse((await client.control<{ now: string }>('GET', '/clock')).now);
    expect(Math.abs(start - Date.parse('2026-01-10T08:00:00Z'))).toBeLessThan(60_000);
    const advanced = await client.control<{ now: string }>('POST', '/clock/advance', { days: 1, hours: 2, minutes: 3, seconds: 4 });
    expect(Date.parse(advanced.now) - start).toBeGreaterThanOrEqual(93_784_000);
    const set = await client.control<{ now: string }>('POST', '/clock/set', { now: '2027-05-01T00:00:00Z' });
    expect(Date.parse(set.now) - Date.parse('2027-05-01T00:00:00Z')).toBeLessThan(1000);
    expect(Math.abs(emulator.clock.now().getTime() - Date.parse('2027-05-01T00:00:00Z'))).toBeLessThan(1000);
  });

  it('forgets consent, tokens, faults and settings on reset', async () => {
    const tokens = await client.signIn(OFFICE, 'User.ReadWrite offline_access');
    await client.control('POST', '/faults', { endpoint: 'graph', status: 503 });
    await client.control('POST', '/settings', { deviceCodeIntervalSeconds: 9, accessTokenLifetimeSeconds: 60 });
    await client.control('POST', '/policy', { blockDeviceCode: true, deviceCodeProtocolTracking: true });
    await client.control('POST', '/reset');
    expect(await client.control('GET', '/faults')).toEqual([]);
    expect(await client.control('GET', '/issued')).toEqual([]);
    expect(await client.control('GET', '/settings')).toEqual({
      deviceCodeIntervalSeconds: 5,
      deviceCodeExpiresInSeconds: 900,
      simpleUploadMaxBytes: 250 * 1024 * 1024,
      accessTokenLifetimeSeconds: null,
    });
    expect(await client.control('GET', '/policy')).toEqual({ blockDeviceCode: false, deviceCodeProtocolTracking: false, protocolTrackingSuberror: null });
    expect((await client.refresh(OFFICE, tokens.refresh_token ?? '', 'User.ReadWrite')).status).toBe(400);
  });

  it('explains a bad request instead of guessing', async () => {
    const unknownUser = await client.send('POST', `${emulator.controlUrl}/users/nobody@contoso.onmicrosoft.com/revoke`);
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.text).toContain('known users: adele.vance@contoso.onmicrosoft.com, megan.bowen@contoso.onmicrosoft.com');
    const badJson = await client.send('POST', `${emulator.controlUrl}/clock/advance`, { headers: { 'content-type': 'application/json' }, json: 'x' });
    expect(badJson.status).toBe(400);
    const unknownRoute = await client.send('GET', `${emulator.controlUrl}/nope`);
    expect(unknownRoute.status).toBe(404);
  });
});

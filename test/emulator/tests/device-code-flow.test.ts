import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { expectEntraError } from './support/entra-assertions.js';
import {
  ADELE,
  DEVICE_CODE_GRANT,
  EmulatorClient,
  jwtClaims,
  MEGAN,
  OFFICE,
  type DeviceCodeResponse,
  type TokenResponse,
} from './support/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1 });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => client.control('POST', '/reset'));

async function start(scope = 'User.ReadWrite Mail.Send openid profile offline_access'): Promise<DeviceCodeResponse> {
  const response = await client.deviceCode(OFFICE, scope);
  expect(response.status).toBe(200);
  return response.json as DeviceCodeResponse;
}

function poll(deviceCode: string, clientId = OFFICE) {
  return client.token({ grant_type: DEVICE_CODE_GRANT, client_id: clientId, device_code: deviceCode, client_info: '1' });
}

describe('device authorization (RFC 8628) against the emulator', () => {
  it('hands out a user code, a device code and the verification page with Entra-style instructions', async () => {
    const started = await start();
    expect(started.user_code).toMatch(/^[A-Z0-9]{9}$/);
    expect(started.device_code.length).toBeGreaterThan(100);
    expect(started.verification_uri).toBe(`${emulator.authorityHost}/devicelogin`);
    expect(started.expires_in).toBe(900);
    expect(started.interval).toBe(1);
    expect(started.message).toBe(
      `To sign in, use a web browser to open the page ${emulator.authorityHost}/devicelogin and enter the code ${started.user_code} to authenticate.`,
    );
  });

  it('answers authorization_pending until the code is approved, then issues Entra-shaped tokens', async () => {
    const started = await start();
    const pending = await poll(started.device_code);
    const body = expectEntraError(pending, { error: 'authorization_pending', code: 70016 });
    expect(body.error_description).toMatch(/^AADSTS70016: OAuth 2\.0 device flow error\. Authorization is pending\. Continue polling\./);

    const listed = await client.control<Array<{ userCode: string; clientId: string; scopes: string[]; interval: number }>>('GET', '/device-codes');
    expect(listed).toEqual([expect.objectContaining({ userCode: started.user_code, clientId: OFFICE, interval: 1 })]);
    expect(listed[0]?.scopes).toEqual(['User.ReadWrite', 'Mail.Send', 'openid', 'profile', 'offline_access']);

    await client.control('POST', `/device-codes/${started.user_code}/approve`);
    await sleep(1050);
    const granted = await poll(started.device_code);
    expect(granted.status).toBe(200);
    const tokens = granted.json as TokenResponse;
    expect(Object.keys(tokens)).toEqual([
      // Office is a family client: `foci` follows its refresh token, as in Entra's own answers.
      'token_type', 'scope', 'expires_in', 'ext_expires_in', 'access_token', 'refresh_token', 'foci', 'id_token', 'client_info',
    ]);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toBe('Mail.Send User.ReadWrite profile openid email');
    expect(tokens.expires_in).toBeGreaterThanOrEqual(3599);
    expect(tokens.expires_in).toBeLessThanOrEqual(5400);
    expect(tokens.ext_expires_in).toBe(tokens.expires_in);

    const access = jwtClaims(tokens.access_token);
    const adele = emulator.users.find((user) => user.upn === ADELE);
    expect(access).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${emulator.tenantId}/`,
      tid: emulator.tenantId,
      oid: adele?.oid,
      upn: ADELE,
      appid: OFFICE,
      scp: 'email Mail.Send offline_access openid profile User.ReadWrite',
      ver: '1.0',
    });
    const now = emulator.clock.now().getTime() / 1000;
    expect(access.exp).toBeGreaterThan(now + 3500);

    const id = jwtClaims(tokens.id_token ?? '');
    expect(id).toMatchObject({
      aud: OFFICE,
      iss: `${emulator.authorityHost}/${emulator.tenantId}/v2.0`,
      tid: emulator.tenantId,
      oid: adele?.oid,
      preferred_username: ADELE,
      name: 'Adele Vance',
      ver: '2.0',
    });
    expect(typeof id.iat).toBe('number');
    expect(typeof id.nbf).toBe('number');
    expect(typeof id.exp).toBe('number');
    expect(JSON.parse(Buffer.from(tokens.client_info ?? '', 'base64url').toString('utf8'))).toEqual({ uid: adele?.oid, utid: emulator.tenantId });

    // A device code is good for one token response.
    expectEntraError(await poll(started.device_code), { error: 'bad_verification_code', code: 70018 });
  });

  it('answers slow_down to a client polling faster than the interval, and grows the interval by 5 seconds each time', async () => {
    const started = await start();
    expectEntraError(await poll(started.device_code), { error: 'authorization_pending', code: 70016 });
    expectEntraError(await poll(started.device_code), { error: 'slow_down', code: 70016 });
    const afterFirst = await client.control<Array<{ interval: number }>>('GET', '/device-codes');
    expect(afterFirst[0]?.interval).toBe(6);

    // Waiting the original interval is no longer enough: the code now asks for 6 seconds.
    await sleep(1100);
    expectEntraError(await poll(started.device_code), { error: 'slow_down', code: 70016 });
    const afterSecond = await client.control<Array<{ interval: number }>>('GET', '/device-codes');
    expect(afterSecond[0]?.interval).toBe(11);
  });

  it('lets a client that keeps to the interval poll without slow_down', async () => {
    const started = await start();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expectEntraError(await poll(started.device_code), { error: 'authorization_pending', code: 70016 });
      await sleep(1000);
    }
  });

  it('answers authorization_declined once the person declines', async () => {
    const started = await start();
    await client.control('POST', `/device-codes/${started.user_code}/decline`);
    const body = expectEntraError(await poll(started.device_code), { error: 'authorization_declined', code: 65004 });
    expect(body.error_description).toMatch(/^AADSTS65004: User declined to consent to access the app\./);
  });

  it('answers expired_token once the code outlives expires_in on the emulator clock', async () => {
    const started = await start();
    await client.control('POST', '/clock/advance', { minutes: 15, seconds: 1 });
    const body = expectEntraError(await poll(started.device_code), { error: 'expired_token', code: 70020 });
    expect(body.error_description).toMatch(/^AADSTS70020: The provided value for the input parameter 'device_code' is not valid\. This device code has expired\./);
    const approve = await client.send('POST', `${emulator.controlUrl}/device-codes/${started.user_code}/approve`);
    expect(approve.status).toBe(409);
  });

  it('answers bad_verification_code for a device code it never issued', async () => {
    expectEntraError(await poll('DAQABIQEAAABnot-a-real-device-code'), { error: 'bad_verification_code', code: 70018 });
  });

  it('honours the interval set through the control API for new codes', async () => {
    await client.control('POST', '/settings', { deviceCodeIntervalSeconds: 3 });
    expect((await start()).interval).toBe(3);
  });
});

describe('the verification page', () => {
  it('takes the code, shows the app, scopes and users, and approves as the chosen user', async () => {
    const started = await start('User.ReadWrite openid profile offline_access');
    const page = await client.get('/devicelogin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<label for="code">Code</label>');
    expect(page.text).toContain('<button type="submit">Next</button>');

    const consent = await client.postForm('/devicelogin', { otc: started.user_code.toLowerCase() });
    expect(consent.status).toBe(200);
    expect(consent.text).toContain(OFFICE);
    expect(consent.text).toContain('<li>User.ReadWrite</li>');
    expect(consent.text).toMatch(new RegExp(`<input type="radio" id="user-0" name="user" value="${ADELE}" checked`));
    expect(consent.text).toContain(`<label for="user-1">${MEGAN}</label>`);
    expect(consent.text).toContain('<button type="submit" name="decision" value="approve">Approve</button>');
    expect(consent.text).toContain('value="decline" class="secondary">Decline</button>');

    const result = await client.postForm('/devicelogin', { otc: started.user_code, user: MEGAN, decision: 'approve' });
    expect(result.text).toContain('<h1>Approved</h1>');
    expect(result.text).toContain('You can close this window.');

    const tokens = (await poll(started.device_code)).json as TokenResponse;
    expect(jwtClaims(tokens.access_token).upn).toBe(MEGAN);
  });

  it('records a decline made on the page', async () => {
    const started = await start();
    const result = await client.postForm('/devicelogin', { otc: started.user_code, decision: 'decline' });
    expect(result.text).toContain('<h1>Declined</h1>');
    expectEntraError(await poll(started.device_code), { error: 'authorization_declined', code: 65004 });
  });

  it('says so when the code is unknown or expired', async () => {
    const unknown = await client.postForm('/devicelogin', { otc: 'NOTACODE1' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('role="alert"');
    expect(unknown.text).toContain("We don&#39;t recognize this code.");

    const started = await start();
    emulator.clock.advance(16 * 60 * 1000);
    const expired = await client.postForm('/devicelogin', { otc: started.user_code });
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('The code you entered has expired.');
  });

  it('refuses a Graph scope that does not exist with AADSTS650053, as the real sign-in page does', async () => {
    const started = await start('Calendar.ReadWrite openid offline_access');
    const page = await client.postForm('/devicelogin', { otc: started.user_code });
    expect(page.text).toContain(
      "AADSTS650053: The application &#39;Microsoft Office&#39; asked for scope &#39;Calendar.ReadWrite&#39; that doesn&#39;t exist on the resource &#39;00000003-0000-0000-c000-000000000000&#39;.",
    );
    expectEntraError(await poll(started.device_code), { error: 'authorization_pending', code: 70016 });
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { expectEntraError } from './support/entra-assertions.js';
import { EmulatorClient, jwtClaims, MEGAN, OFFICE, type TokenResponse } from './support/emulator-client.js';
import { readFormPost } from './support/headless-browser.js';

let emulator: RunningEmulator;
let client: EmulatorClient;
const REDIRECT = 'http://localhost:53682/';
const SCOPE = 'User.ReadWrite Mail.Send openid profile offline_access';

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => client.control('POST', '/reset'));

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(parameters: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: OFFICE,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: SCOPE,
    state: 'state-123',
    client_info: '1',
    ...parameters,
  });
  return `/organizations/oauth2/v2.0/authorize?${query.toString()}`;
}

function redeem(code: string, verifier: string, redirectUri = REDIRECT) {
  return client.token({ grant_type: 'authorization_code', client_id: OFFICE, code, redirect_uri: redirectUri, code_verifier: verifier, scope: SCOPE, client_info: '1' });
}

function redirectParameters(location: string | undefined): URLSearchParams {
  expect(location).toBeDefined();
  const url = new URL(location ?? '');
  expect(`${url.origin}${url.pathname}`).toBe('http://localhost:53682/');
  return url.searchParams;
}

describe('authorization code with PKCE on a loopback redirect', () => {
  it('redirects at once with code, client_info and state when auto-approve is on, and redeems the code once', async () => {
    await client.control('POST', '/authorize/auto-approve', { user: MEGAN });
    const { verifier, challenge } = pkce();
    const response = await client.get(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n-1' }));
    expect(response.status).toBe(302);
    const parameters = redirectParameters(response.headers.location);
    expect(parameters.get('state')).toBe('state-123');
    expect(parameters.get('client_info')).toBeTruthy();

    const tokens = await redeem(parameters.get('code') ?? '', verifier);
    expect(tokens.status).toBe(200);
    const body = tokens.json as TokenResponse;
    expect(jwtClaims(body.access_token).upn).toBe(MEGAN);
    expect(jwtClaims(body.id_token ?? '').nonce).toBe('n-1');

    expectEntraError(await redeem(parameters.get('code') ?? '', verifier), { error: 'invalid_grant', code: 54005 });
  });

  it('answers response_mode=form_post with Entra\'s self-submitting form, as msal-node\'s interactive flow asks', async () => {
    await client.control('POST', '/authorize/auto-approve', { user: MEGAN });
    const { verifier, challenge } = pkce();
    const response = await client.get(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'form_post' }));
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(response.text).toContain('<script>document.forms[0].submit();</script>');
    const form = readFormPost(response.text);
    expect(form.action).toBe(REDIRECT);
    expect(Object.keys(form.fields)).toEqual(['code', 'client_info', 'state', 'session_state']);
    expect(form.fields.state).toBe('state-123');
    expect((await redeem(form.fields.code ?? '', verifier)).status).toBe(200);
  });

  it('refuses a code_verifier that does not match the challenge with AADSTS501481', async () => {
    await client.control('POST', '/authorize/auto-approve', { user: MEGAN });
    const { challenge } = pkce();
    const response = await client.get(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
    const code = redirectParameters(response.headers.location).get('code') ?? '';
    expectEntraError(await redeem(code, pkce().verifier), { error: 'invalid_grant', code: 501481 });
  });

  it('refuses a redemption with a different redirect URI with AADSTS500112', async () => {
    await client.control('POST', '/authorize/auto-approve', { user: MEGAN });
    const { verifier, challenge } = pkce();
    const response = await client.get(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
    const code = redirectParameters(response.headers.location).get('code') ?? '';
    expectEntraError(await redeem(code, verifier, 'http://localhost:9999/'), { error: 'invalid_grant', code: 500112 });
  });

  it('expires codes after ten minutes on the emulator clock (AADSTS70008)', async () => {
    await client.control('POST', '/authorize/auto-approve', { user: MEGAN });
    const { verifier, challenge } = pkce();
    const response = await client.get(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
    emulator.clock.advance(11 * 60 * 1000);
    expectEntraError(await redeem(redirectParameters(response.headers.location).get('code') ?? '', verifier), { error: 'invalid_grant', code: 70008 });
  });

  it('sends access_denied back to the app when auto-decline is on', async () => {
    await client.control('POST', '/authorize/auto-approve', { decline: true });
    const response = await client.get(authorizeUrl({}));
    const parameters = redirectParameters(response.headers.location);
    expect(parameters.get('error')).toBe('access_denied');
    expect(parameters.get('error_subcode')).toBe('cancel');
    expect(parameters.get('error_description')).toMatch(/^AADSTS65004: User declined to consent to access the app\.\r\nTrace ID: /);
    expect(parameters.get('state')).toBe('state-123');
  });

  it('shows the consent page without auto-approve and redirects after the person approves', async () => {
    const { verifier, challenge } = pkce();
    const page = await client.get(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', login_hint: MEGAN }));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<button type="submit" name="decision" value="approve">Approve</button>');
    expect(page.text).toMatch(new RegExp(`value="${MEGAN}" checked`));
    const requestId = /name="request" value="([^"]+)"/.exec(page.text)?.[1] ?? '';

    const decision = await client.postForm('/organizations/oauth2/v2.0/authorize', { request: requestId, decision: 'approve', user: MEGAN });
    expect(decision.status).toBe(302);
    const code = redirectParameters(decision.headers.location).get('code') ?? '';
    expect((await redeem(code, verifier)).status).toBe(200);
  });

  it('shows an error page instead of redirecting to a redirect URI that is not loopback (AADSTS50011)', async () => {
    const response = await client.get(authorizeUrl({ redirect_uri: 'https://evil.example/callback' }));
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('AADSTS50011: The redirect URI &#39;https://evil.example/callback&#39; specified in the request does not match');
  });

  it('sends an unknown Graph scope back as AADSTS650053', async () => {
    const response = await client.get(authorizeUrl({ scope: 'Calendar.ReadWrite openid' }));
    const parameters = redirectParameters(response.headers.location);
    expect(parameters.get('error')).toBe('invalid_client');
    expect(parameters.get('error_description')).toMatch(/^AADSTS650053: The application 'Microsoft Office' asked for scope 'Calendar.ReadWrite'/);
  });
});

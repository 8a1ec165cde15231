import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { expectEntraError } from './support/entra-assertions.js';
import { EmulatorClient, jwtHeader, OFFICE } from './support/emulator-client.js';

let emulator: RunningEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1 });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());

describe('OpenID discovery', () => {
  it('serves the organizations metadata with the literal {tenantid} issuer, as Entra does', async () => {
    const response = await client.get('/organizations/v2.0/.well-known/openid-configuration');
    expect(response.status).toBe(200);
    const metadata = response.json as Record<string, unknown>;
    const base = `${emulator.authorityHost}/organizations`;
    expect(metadata).toMatchObject({
      issuer: `${emulator.authorityHost}/{tenantid}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: null,
    });
  });

  it('names the tenant GUID in every endpoint when asked by tenant ID or by domain', async () => {
    for (const segment of [emulator.tenantId, emulator.tenantDomain]) {
      const metadata = (await client.get(`/${segment}/v2.0/.well-known/openid-configuration`)).json as Record<string, unknown>;
      expect(metadata.issuer).toBe(`${emulator.authorityHost}/${emulator.tenantId}/v2.0`);
      expect(metadata.token_endpoint).toBe(`${emulator.authorityHost}/${emulator.tenantId}/oauth2/v2.0/token`);
    }
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    const response = await client.get('/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration');
    const body = expectEntraError(response, { error: 'invalid_tenant', code: 90002 });
    expect(body.error_description).toContain("Tenant 'fabrikam.onmicrosoft.com' not found.");
  });

  it('answers instance discovery with a tenant discovery endpoint and host metadata', async () => {
    const host = new URL(emulator.authorityHost).host;
    const authorize = encodeURIComponent(`${emulator.authorityHost}/organizations/oauth2/v2.0/authorize`);
    const response = await client.get(`/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      tenant_discovery_endpoint: `${emulator.authorityHost}/organizations/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host, `localhost:${new URL(emulator.authorityHost).port}`] }],
    });
  });

  it('publishes the key that signs ID tokens in the JWKS, with kid equal to x5t', async () => {
    const keys = (await client.get(`/${emulator.tenantId}/discovery/v2.0/keys`)).json as { keys: Array<Record<string, unknown>> };
    expect(keys.keys).toHaveLength(1);
    const jwk = keys.keys[0] ?? {};
    expect(jwk).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB', issuer: `${emulator.authorityHost}/${emulator.tenantId}/v2.0` });
    expect(jwk.kid).toBe(jwk.x5t);
    expect(Array.isArray(jwk.x5c)).toBe(true);

    const tokens = await client.signIn(OFFICE, 'User.ReadWrite openid profile offline_access');
    const idToken = tokens.id_token ?? '';
    expect(jwtHeader(idToken)).toMatchObject({ alg: 'RS256', kid: jwk.kid });
    const [header, payload, signature] = idToken.split('.') as [string, string, string];
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: String(jwk.n), e: String(jwk.e) }, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('refuses GET on the token endpoint with AADSTS900561', async () => {
    const response = await client.get('/organizations/oauth2/v2.0/token');
    const body = expectEntraError(response, { error: 'invalid_request', code: 900561 });
    expect(body.error_description).toContain('The endpoint only accepts POST requests. Received a GET request.');
  });
});

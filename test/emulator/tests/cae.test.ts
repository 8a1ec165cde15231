import { readFileSync } from 'node:fs';
import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo, type INetworkModule } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, EmulatorClient, jwtClaims, GRAPH_POWERSHELL, type GraphErrorBody } from './support/emulator-client.js';
import { createCaTrustingNetworkClient } from './support/msal-network-client.js';

/**
 * Continuous Access Evaluation against plain msal-node: a client declaring CP1 gets long-lived CAE tokens
 * with refresh_in, Graph challenges them after a revocation (and only them), and the claims answer succeeds
 * or fails the way Entra decides.
 */

let emulator: RunningEmulator;
let client: EmulatorClient;
const HOUR_S = 3600;
// Graph PowerShell: not limited by pre-authorisation, so these scopes are grantable (Office's real list lacks Mail.Read).
const SCOPES = ['User.Read', 'Mail.Read'];

interface Recorded {
  url: string;
  body: URLSearchParams;
}

function application(capabilities: string[] | undefined, sent: Recorded[] = []): PublicClientApplication {
  const network = createCaTrustingNetworkClient(readFileSync(emulator.caFile));
  const recording: INetworkModule = {
    sendGetRequestAsync: (url, options) => network.sendGetRequestAsync(url, options),
    sendPostRequestAsync: (url, options) => {
      sent.push({ url, body: new URLSearchParams(options?.body ?? '') });
      return network.sendPostRequestAsync(url, options);
    },
  };
  return new PublicClientApplication({
    auth: {
      clientId: GRAPH_POWERSHELL,
      authority: `${emulator.authorityHost}/organizations`,
      knownAuthorities: [new URL(emulator.authorityHost).host],
      ...(capabilities ? { clientCapabilities: capabilities } : {}),
    },
    system: { networkClient: recording },
  });
}

async function signIn(pca: PublicClientApplication): Promise<{ account: AccountInfo; accessToken: string }> {
  let approval: Promise<unknown> = Promise.resolve();
  const result = await pca.acquireTokenByDeviceCode({
    scopes: SCOPES,
    deviceCodeCallback: (response) => {
      approval = client.control('POST', `/device-codes/${response.userCode}/approve`, { user: ADELE });
    },
  });
  await approval;
  if (!result?.account) throw new Error('no sign-in');
  return { account: result.account, accessToken: result.accessToken };
}

function lifetimeSeconds(token: string): number {
  const claims = jwtClaims(token);
  // iat is back-dated five minutes, as Entra does.
  return Number(claims.exp) - (Number(claims.iat) + 300);
}

function challengeOf(header: string | string[] | undefined): { error?: string; claims?: string } {
  const text = Array.isArray(header) ? header.join(', ') : (header ?? '');
  const error = /error="([^"]*)"/.exec(text)?.[1];
  const claims = /claims="([^"]*)"/.exec(text)?.[1];
  return { ...(error ? { error } : {}), ...(claims ? { claims } : {}) };
}

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, deviceCodeIntervalSeconds: 1, now: new Date('2026-06-01T08:00:00Z') });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  emulator.clock.set(new Date('2026-06-01T08:00:00Z'));
});

describe('CAE against plain msal-node', () => {
  it('gives a client declaring CP1 a 20–28 hour token with xms_cc, and msal keeps refresh_in as its refresh-on time', async () => {
    const sent: Recorded[] = [];
    const pca = application(['CP1'], sent);
    const { accessToken } = await signIn(pca);
    const tokenRequest = sent.find((request) => request.url.includes('/oauth2/v2.0/token'));
    // msal-node 7's encoding of clientCapabilities, merged into its default claims request.
    expect(JSON.parse(tokenRequest?.body.get('claims') ?? '{}')).toMatchObject({ access_token: { xms_cc: { values: ['CP1'] } } });

    expect(jwtClaims(accessToken).xms_cc).toEqual(['cp1']);
    const lifetime = lifetimeSeconds(accessToken);
    expect(lifetime).toBeGreaterThanOrEqual(20 * HOUR_S);
    expect(lifetime).toBeLessThanOrEqual(28 * HOUR_S);
    const cached = Object.values(JSON.parse(pca.getTokenCache().serialize()).AccessToken as Record<string, { expires_on: string; refresh_on?: string; cached_at: string }>);
    expect(cached).toHaveLength(1);
    const entry = cached[0];
    const refreshIn = Number(entry?.refresh_on) - Number(entry?.cached_at);
    expect(refreshIn).toBeGreaterThanOrEqual(Math.floor(lifetime / 2) - 2);
    expect(refreshIn).toBeLessThanOrEqual(Math.floor(lifetime / 2) + 2);
    const issued = await client.control<Array<{ kind: string; capabilities?: string[] }>>('GET', '/issued');
    expect(issued.find((token) => token.kind === 'access')?.capabilities).toEqual(['cp1']);
  });

  it('gives a client without CP1 a 60–90 minute token without xms_cc or refresh_in', async () => {
    const pca = application(undefined);
    const { accessToken } = await signIn(pca);
    expect(jwtClaims(accessToken).xms_cc).toBeUndefined();
    expect(lifetimeSeconds(accessToken)).toBeLessThan(90 * 60);
    const cached = Object.values(JSON.parse(pca.getTokenCache().serialize()).AccessToken as Record<string, { refresh_on?: string }>);
    expect(cached[0]?.refresh_on).toBeUndefined();
  });

  it('after a revocation, Graph answers the CAE token with an insufficient_claims challenge naming the revocation time', async () => {
    const { accessToken } = await signIn(application(['CP1']));
    expect((await client.graph('GET', '/me', accessToken)).status).toBe(200);
    emulator.clock.advance(2 * HOUR_S * 1000);
    const revoked = await client.control<{ tokensValidFrom: string }>('POST', `/users/${ADELE}/revoke`);

    const refused = await client.graph('GET', '/me', accessToken);
    expect(refused.status).toBe(401);
    const header = String(refused.headers['www-authenticate']);
    expect(header).toMatch(/^Bearer realm="", authorization_uri="[^"]+\/common\/oauth2\/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="[A-Za-z0-9+/]+=*"/);
    const claims = JSON.parse(Buffer.from(challengeOf(header).claims ?? '', 'base64').toString('utf8')) as { access_token: { nbf: { essential: boolean; value: string } } };
    expect(claims.access_token.nbf).toEqual({ essential: true, value: String(Math.floor(Date.parse(revoked.tokensValidFrom) / 1000)) });
    const body = refused.json as GraphErrorBody;
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.message).toBe('Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp');
  });

  it('never challenges a client without CP1: after a revocation its token works until it expires, then is refused as expired', async () => {
    const { accessToken } = await signIn(application(undefined));
    emulator.clock.advance(1000);
    await client.control('POST', `/users/${ADELE}/revoke`);
    await client.control('POST', '/cae/challenges', { count: 3 });
    expect((await client.graph('GET', '/me', accessToken)).status).toBe(200);
    emulator.clock.advance(30 * 60 * 1000);
    expect((await client.graph('GET', '/me', accessToken)).status).toBe(200);
    emulator.clock.advance(61 * 60 * 1000);
    const expired = await client.graph('GET', '/me', accessToken);
    expect(expired.status).toBe(401);
    expect(challengeOf(expired.headers['www-authenticate']).error).toBeUndefined();
    expect((expired.json as GraphErrorBody).error.message).toBe('Lifetime validation failed, the token is expired.');
    // The queued challenges were for CAE clients only: still all there.
    expect(await client.control<Array<{ count: number }>>('GET', '/cae/challenges')).toEqual([expect.objectContaining({ count: 3 })]);
  });

  it('acquireTokenSilent with the challenge claims after a revocation fails as interaction required (AADSTS50173)', async () => {
    const pca = application(['CP1']);
    const { account, accessToken } = await signIn(pca);
    // The emulator clock stands still: revoke a moment after the sign-in, as it would be in life.
    emulator.clock.advance(1000);
    await client.control('POST', `/users/${ADELE}/revoke`);
    const refused = await client.graph('GET', '/me', accessToken);
    const claims = Buffer.from(challengeOf(refused.headers['www-authenticate']).claims ?? '', 'base64').toString('utf8');
    const failure = await pca.acquireTokenSilent({ account, scopes: SCOPES, claims }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InteractionRequiredAuthError);
    expect((failure as InteractionRequiredAuthError).errorMessage).toContain('AADSTS50173');
  });

  it('a challenge without revocation is answered with a fresh token that Graph accepts', async () => {
    const sent: Recorded[] = [];
    const pca = application(['CP1'], sent);
    const { account, accessToken } = await signIn(pca);
    await client.control('POST', '/cae/challenges', { reason: 'LocationConditionEvaluationSatisfied' });
    const refused = await client.graph('GET', '/me', accessToken);
    expect(refused.status).toBe(401);
    expect((refused.json as GraphErrorBody).error.message).toContain('code: LocationConditionEvaluationSatisfied');
    const claims = Buffer.from(challengeOf(refused.headers['www-authenticate']).claims ?? '', 'base64').toString('utf8');

    const renewed = await pca.acquireTokenSilent({ account, scopes: SCOPES, claims });
    expect(renewed.fromCache).toBe(false);
    expect(renewed.accessToken).not.toBe(accessToken);
    // msal merges the challenge with its capabilities: both reach Entra in one claims parameter.
    expect(JSON.parse(sent.at(-1)?.body.get('claims') ?? '{}')).toMatchObject({ access_token: { nbf: { essential: true }, xms_cc: { values: ['CP1'] } } });
    expect(jwtClaims(renewed.accessToken).xms_cc).toEqual(['cp1']);
    expect((await client.graph('GET', '/me', renewed.accessToken)).status).toBe(200);
  });

  it('refuses a token request whose claims parameter is not JSON', async () => {
    const started = await client.signIn(GRAPH_POWERSHELL, 'User.Read offline_access');
    const response = await client.token({ grant_type: 'refresh_token', client_id: GRAPH_POWERSHELL, refresh_token: started.refresh_token ?? '', scope: 'User.Read', claims: 'eyJub3Q' });
    expect(response.status).toBe(400);
    expect((response.json as { error_codes: number[] }).error_codes).toEqual([9002313]);
  });
});

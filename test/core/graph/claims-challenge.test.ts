import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { readClaimsChallenge } from '../../../electron/core/graph/claims-challenge.js';
import { GraphError } from '../../../electron/core/graph/graph-error.js';
import { mayHaveTakenEffect } from '../../../electron/core/jobs/kinds/action-outcome.js';
import { graphTestClient } from './support/graph-test-client.js';
import { sendGraphError, sendJson, TestGraphServer } from './support/test-graph-server.js';

const CLAIMS = '{"access_token":{"nbf":{"essential":true, "value":"1657834417"}}}';
const CAE_MESSAGE = 'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp';

function challengeHeader(claims: string = Buffer.from(CLAIMS).toString('base64')): Record<string, string> {
  return {
    'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${claims}"`,
  };
}

let server: TestGraphServer;
beforeAll(async () => {
  server = await TestGraphServer.start();
});
afterAll(() => server.close());
afterEach(() => server.reset());

/** A token source that hands out `answered-token` for a claims request, and records what it was asked. */
function claimsAwareClient(refuseClaims?: DelegateError) {
  const asked: Array<{ forceRefresh?: boolean; claims?: string }> = [];
  const test = graphTestClient(server, {
    getToken: async (options) => {
      asked.push({ ...options });
      if (options?.claims !== undefined) {
        if (refuseClaims) throw refuseClaims;
        return 'answered-token';
      }
      return options?.forceRefresh ? 'fresh-token' : 'cached-token';
    },
  });
  return { ...test, asked };
}

describe('reading a claims challenge', () => {
  it('decodes the claims Graph sends, standard base64 with padding, and tolerates an unquoted authorization_uri', () => {
    const header = `Bearer realm="", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${Buffer.from(CLAIMS).toString('base64')}", errorDescription="Continuous access evaluation resulted in claims challenge"`;
    expect(readClaimsChallenge(header)).toEqual({ kind: 'claims', claims: CLAIMS });
  });

  it('ignores a plain 401 header and calls a challenge with claims that are not base64 JSON unreadable', () => {
    expect(readClaimsChallenge('Bearer realm="", authorization_uri="x", client_id="00000003-0000-0000-c000-000000000000"')).toEqual({ kind: 'none' });
    expect(readClaimsChallenge(undefined)).toEqual({ kind: 'none' });
    expect(readClaimsChallenge('Bearer error="insufficient_claims", claims="%%%not base64%%%"')).toMatchObject({ kind: 'unreadable', reason: 'its claims are not base64' });
    expect(readClaimsChallenge(`Bearer error="insufficient_claims", claims="${Buffer.from('{"access_token":').toString('base64')}"`)).toMatchObject({ kind: 'unreadable', reason: 'its claims are not JSON' });
    expect(readClaimsChallenge('Bearer error="insufficient_claims"')).toMatchObject({ kind: 'unreadable', reason: 'it names no claims' });
  });
});

describe('GraphClient answering a CAE claims challenge', () => {
  it('redeems the decoded claims for a new token and resends the request once', async () => {
    server.on('GET', '/v1.0/me', (request, response) => {
      if (request.headers.authorization === 'Bearer answered-token') return sendJson(response, 200, { displayName: 'Adele Vance' });
      return sendGraphError(response, 401, 'InvalidAuthenticationToken', CAE_MESSAGE, challengeHeader());
    });
    const { client, asked, retries } = claimsAwareClient();
    const answer = await client.request<{ displayName: string }>('GET', '/me');
    expect(answer.body.displayName).toBe('Adele Vance');
    expect(asked).toEqual([{}, { claims: CLAIMS }]);
    expect(retries.map((retry) => retry.reason)).toEqual(['claims-challenge']);
    // Both sends are one call for Microsoft support.
    expect(server.requests[0]?.headers['client-request-id']).toBe(server.requests[1]?.headers['client-request-id']);
  });

  it('resends a POST after a challenge, because Graph refused it before doing anything, and it is carried out once', async () => {
    let sent = 0;
    server.on('POST', '/v1.0/me/sendMail', (request, response) => {
      if (request.headers.authorization !== 'Bearer answered-token') return sendGraphError(response, 401, 'InvalidAuthenticationToken', CAE_MESSAGE, challengeHeader());
      sent += 1;
      response.writeHead(202);
      response.end();
    });
    const { client } = claimsAwareClient();
    const answer = await client.request('POST', '/me/sendMail', { body: { message: { subject: 'Daily' } } });
    expect(answer.status).toBe(202);
    expect(sent).toBe(1);
    expect(server.requests.map((request) => JSON.parse(request.body.toString('utf8')) as unknown)).toEqual([{ message: { subject: 'Daily' } }, { message: { subject: 'Daily' } }]);
  });

  it('resends a streamed upload from the start of the file after a challenge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cae-upload-'));
    try {
      const file = join(dir, 'report.csv');
      const content = Buffer.alloc(200_000, 'x');
      content.write('first line\n');
      writeFileSync(file, content);
      server.on('PUT', '/v1.0/me/drive/root:/report.csv:/content', (request, response) => {
        if (request.headers.authorization !== 'Bearer answered-token') return sendGraphError(response, 401, 'InvalidAuthenticationToken', CAE_MESSAGE, challengeHeader());
        sendJson(response, 201, { id: 'item-1', name: 'report.csv', size: request.body.length });
      });
      const { client } = claimsAwareClient();
      const item = await client.upload('/me/drive/root:', 'report.csv', file);
      expect(item.size).toBe(content.length);
      expect(server.requests.at(-1)?.body.equals(content)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops after one answer when Graph challenges again, with an error saying so, and nothing counts as done', async () => {
    server.on('POST', '/v1.0/me/sendMail', (_request, response) => sendGraphError(response, 401, 'InvalidAuthenticationToken', CAE_MESSAGE, challengeHeader(), 'req-loop'));
    const { client, asked } = claimsAwareClient();
    const error = (await client.request('POST', '/me/sendMail', { body: { message: {} } }).catch((caught: unknown) => caught)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.message).toContain('challenged the access token for POST /me/sendMail again right after Delegate answered its Continuous Access Evaluation claims challenge');
    expect(error.message).toContain('TokenIssuedBeforeRevocationTimestamp');
    expect(error.requestId).toBe('req-loop');
    expect(server.requests).toHaveLength(2);
    expect(asked).toEqual([{}, { claims: CLAIMS }]);
    expect(mayHaveTakenEffect(error)).toBe(false);
  });

  it('keeps the sign-in error when Entra ID refuses the claims, naming the challenge that led to it', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendGraphError(response, 401, 'InvalidAuthenticationToken', CAE_MESSAGE, challengeHeader()));
    const revoked = new DelegateError({ code: 'sign-in-required', message: 'Your sign-in was revoked, for example after a password change or reset (AADSTS50173).', action: 'Sign in again.', aadsts: 50173 });
    const { client } = claimsAwareClient(revoked);
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as DelegateError;
    expect(error).toBeInstanceOf(DelegateError);
    expect(error.code).toBe('sign-in-required');
    expect(error.aadsts).toBe(50173);
    expect(error.message).toBe('Microsoft Graph refused the access token for GET /me (Continuous Access Evaluation) and Entra ID would not issue a new one. Your sign-in was revoked, for example after a password change or reset (AADSTS50173).');
    expect(server.requests).toHaveLength(1);
  });

  it('treats a challenge it cannot read like an expired token: one fresh token, then a clear error', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendGraphError(response, 401, 'InvalidAuthenticationToken', CAE_MESSAGE, challengeHeader('not*base64')));
    const { client, asked } = claimsAwareClient();
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.message).toContain('with a Continuous Access Evaluation claims challenge Delegate cannot read (its claims are not base64)');
    expect(asked).toEqual([{}, { forceRefresh: true }]);
    expect(server.requests).toHaveLength(2);
  });

  it('answers an expired token and then a challenge on the same request, each once', async () => {
    let calls = 0;
    server.on('GET', '/v1.0/me', (request, response) => {
      calls += 1;
      if (calls === 1) return sendGraphError(response, 401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
      if (request.headers.authorization !== 'Bearer answered-token') return sendGraphError(response, 401, 'InvalidAuthenticationToken', CAE_MESSAGE, challengeHeader());
      return sendJson(response, 200, { displayName: 'Adele Vance' });
    });
    const { client, asked } = claimsAwareClient();
    expect((await client.request<{ displayName: string }>('GET', '/me')).body.displayName).toBe('Adele Vance');
    expect(asked).toEqual([{}, { forceRefresh: true }, { claims: CLAIMS }]);
  });
});

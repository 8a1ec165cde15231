import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { GraphError } from '../../../electron/core/graph/graph-error.js';
import { graphTestClient } from './support/graph-test-client.js';
import { sendGraphError, sendJson, TestGraphServer } from './support/test-graph-server.js';

let server: TestGraphServer;

beforeAll(async () => {
  server = await TestGraphServer.start();
});
afterAll(() => server.close());
afterEach(() => server.reset());

describe('GraphClient.request', () => {
  it('sends JSON with the bearer token under /v1.0 and returns the parsed body with its request-id', async () => {
    server.on('POST', '/v1.0/me/sendMail', (request, response) => {
      sendJson(response, 202, { echoed: JSON.parse(request.body.toString('utf8')) as unknown }, { 'request-id': 'req-123' });
    });
    const { client } = graphTestClient(server);
    const answer = await client.request<{ echoed: unknown }>('POST', '/me/sendMail', { body: { message: { subject: 'Daily report' } } });

    expect(answer.status).toBe(202);
    expect(answer.body.echoed).toEqual({ message: { subject: 'Daily report' } });
    expect(answer.requestId).toBe('req-123');
    expect(answer.headers['request-id']).toBe('req-123');
    const [sent] = server.requests;
    expect(sent?.headers.authorization).toBe('Bearer cached-token');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('encodes OData query options the way Graph documents them, spaces as %20', async () => {
    server.on('GET', '/v1.0/me/messages', (_request, response) => sendJson(response, 200, { value: [] }));
    const { client } = graphTestClient(server);
    await client.request('GET', '/me/messages', { query: { $select: 'id,subject', $filter: "subject eq 'a+b c'" } });
    expect(server.requests[0]?.url).toBe("/v1.0/me/messages?$select=id,subject&$filter=subject%20eq%20%27a%2Bb%20c%27");
    expect(server.requests[0]?.query.get('$filter')).toBe("subject eq 'a+b c'");
  });

  it("keeps Graph's error code, message and request-id when a call fails, and words it for the history", async () => {
    server.on('GET', '/v1.0/me/drive/root:/Missing.xlsx', (_request, response) =>
      sendGraphError(response, 404, 'itemNotFound', 'The resource could not be found.', {}, 'req-404'),
    );
    const { client } = graphTestClient(server);
    const error = await client.request('GET', '/me/drive/root:/Missing.xlsx').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GraphError);
    const graphError = error as GraphError;
    expect(graphError.status).toBe(404);
    expect(graphError.code).toBe('itemNotFound');
    expect(graphError.graphMessage).toBe('The resource could not be found.');
    expect(graphError.requestId).toBe('req-404');
    expect(graphError.throttled).toBe(false);
    expect(graphError.message).toBe('Microsoft Graph refused GET /me/drive/root:/Missing.xlsx (HTTP 404 itemNotFound: The resource could not be found.).');
    expect(graphError.toRunError()).toEqual({
      code: 'itemNotFound',
      message: graphError.message,
      action: 'Check that the site, drive, folder or file exists and that your account can see it.',
      graphRequestId: 'req-404',
      // The test server answers with the same value in both headers.
      graphClientRequestId: 'req-404',
      httpStatus: 404,
    });
    expect(graphError.toData()).toMatchObject({ code: 'graph-error', detail: expect.stringContaining('request-id req-404') as unknown });
  });

  it("takes the request-id from the body's innerError when the header is missing", async () => {
    server.on('GET', '/v1.0/me', (_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { 'request-id': 'inner-id' } } }));
    });
    const { client } = graphTestClient(server);
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as GraphError;
    expect(error.requestId).toBe('inner-id');
    expect(error.code).toBe('Authorization_RequestDenied');
  });

  it('never puts the token into an error, its history record or its data', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendGraphError(response, 500, 'generalException', 'An unspecified error has occurred.'));
    server.on('GET', '/v1.0/me/messages', (_request, response) => sendGraphError(response, 429, 'TooManyRequests', 'Please retry again later.', { 'retry-after': '1' }));
    const { client } = graphTestClient(server, { getToken: async () => 'secret-token-value', maxAttempts: 2 });
    for (const path of ['/me', '/me/messages']) {
      const error = (await client.request('GET', path).catch((caught: unknown) => caught)) as GraphError;
      expect(error).toBeInstanceOf(GraphError);
      const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack, run: error.toRunError(), data: error.toData() });
      expect(everything).not.toContain('secret-token-value');
    }
  });

  it('gets a new token once when Graph says the token expired, and retries', async () => {
    server.on('GET', '/v1.0/me', (request, response) => {
      if (request.headers.authorization === 'Bearer fresh-token') return sendJson(response, 200, { displayName: 'Adele Vance' });
      return sendGraphError(response, 401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    });
    const { client, tokenCalls } = graphTestClient(server);
    const answer = await client.request<{ displayName: string }>('GET', '/me');
    expect(answer.body.displayName).toBe('Adele Vance');
    expect(tokenCalls).toEqual([{ force: false }, { force: true }]);
  });

  it('fails with the 401 when the fresh token is refused too, asking for a token only twice', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendGraphError(response, 401, 'InvalidAuthenticationToken', 'Access token validation failure.'));
    const { client, tokenCalls, waits } = graphTestClient(server);
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.status).toBe(401);
    expect(tokenCalls).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it('names the host when Graph does not answer within the timeout', async () => {
    server.on('GET', '/v1.0/me', () => {
      // Never answers.
    });
    const { client } = graphTestClient(server, { timeoutMs: 200, maxAttempts: 2 });
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as DelegateError;
    expect(error).toBeInstanceOf(DelegateError);
    expect(error.code).toBe('network');
    expect(error.message).toContain(new URL(server.origin).host);
    expect(error.message).toMatch(/no answer within 200 ms.*Tried 2 times/);
  });

  it('reports a connection refused as a network error naming the host', async () => {
    const { client } = graphTestClient({ baseUrl: 'https://127.0.0.1:9', caFile: server.caFile }, { maxAttempts: 1 });
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/Could not reach 127\.0\.0\.1:9: .*ECONNREFUSED/);
  });

  it('refuses to send the token to a next link on another host', async () => {
    const { client, tokenCalls } = graphTestClient(server);
    const error = (await client.request('GET', 'https://evil.example/v1.0/me').catch((caught: unknown) => caught)) as DelegateError;
    expect(error.message).toContain('Refusing to send the Microsoft Graph token to evil.example');
    expect(tokenCalls).toEqual([]);
  });

  it('says "cancelled" when the signal fires while a request is in flight', async () => {
    server.on('GET', '/v1.0/me', () => {
      // Hangs until the client gives up.
    });
    const { client } = graphTestClient(server);
    const controller = new AbortController();
    const pending = client.request('GET', '/me', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = (await pending.catch((caught: unknown) => caught)) as DelegateError;
    expect(error).toBeInstanceOf(DelegateError);
    expect(error.code).toBe('cancelled');
  });

  it('trusts only the CA it was given: without it the certificate is refused plainly', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendJson(response, 200, {}));
    const { client } = graphTestClient({ baseUrl: server.baseUrl, caFile: '' }, { maxAttempts: 3 });
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/certificate of 127\.0\.0\.1:\d+ is not trusted/);
    expect(server.requests).toHaveLength(0);
  });
});

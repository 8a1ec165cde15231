import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { GraphError } from '../../../electron/core/graph/graph-error.js';
import { graphTestClient } from './support/graph-test-client.js';
import { resetConnection, sendGraphError, sendJson, TestGraphServer } from './support/test-graph-server.js';

let server: TestGraphServer;

beforeAll(async () => {
  server = await TestGraphServer.start();
});
afterAll(() => server.close());
afterEach(() => server.reset());

function throttle(retryAfter?: string) {
  return (_request: unknown, response: Parameters<typeof sendGraphError>[0]) =>
    sendGraphError(response, 429, 'TooManyRequests', 'Please retry again later.', retryAfter === undefined ? {} : { 'retry-after': retryAfter });
}

describe('throttling and retries', () => {
  it('waits as long as Retry-After says through a storm of 429s, then succeeds', async () => {
    server.on('GET', '/v1.0/me/messages', (_request, response) => sendJson(response, 200, { value: [{ id: 'm1' }] }));
    server.once('GET', '/v1.0/me/messages', throttle('7'));
    server.once('GET', '/v1.0/me/messages', throttle('3'));
    server.once('GET', '/v1.0/me/messages', throttle('1'));
    const { client, waits, retries } = graphTestClient(server);

    const answer = await client.request<{ value: Array<{ id: string }> }>('GET', '/me/messages');

    expect(answer.body.value).toEqual([{ id: 'm1' }]);
    expect(waits).toEqual([1000, 3000, 7000]);
    expect(retries.map((retry) => [retry.attempt, retry.status])).toEqual([
      [1, 429],
      [2, 429],
      [3, 429],
    ]);
    expect(retries.every((retry) => typeof retry.requestId === 'string')).toBe(true);
    expect(server.requests).toHaveLength(4);
  });

  it('reads a Retry-After given as an HTTP date by the injected clock', async () => {
    const now = new Date('2026-11-21T09:00:00Z');
    server.on('GET', '/v1.0/me', (_request, response) => sendJson(response, 200, {}));
    server.once('GET', '/v1.0/me', throttle('Sat, 21 Nov 2026 09:00:12 GMT'));
    const { client, waits } = graphTestClient(server, { clock: { now: () => now } });
    await client.request('GET', '/me');
    expect(waits).toEqual([12_000]);
  });

  it('gives up after the attempt limit with a message that says plainly it was throttled', async () => {
    server.on('GET', '/v1.0/me/messages', throttle('30'));
    const { client, waits } = graphTestClient(server);

    const error = (await client.request('GET', '/me/messages').catch((caught: unknown) => caught)) as GraphError;

    expect(error).toBeInstanceOf(GraphError);
    expect(error.throttled).toBe(true);
    expect(error.status).toBe(429);
    expect(error.code).toBe('TooManyRequests');
    expect(error.attempts).toBe(5);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).toBe(
      'Microsoft Graph kept throttling GET /me/messages (HTTP 429 TooManyRequests) after 5 attempts; it asked to wait 30 s. Try later or lower how often the job runs.',
    );
    expect(error.requestId).toBeDefined();
    expect(error.toRunError()).toMatchObject({ code: 'graph-throttled', httpStatus: 429, graphRequestId: error.requestId });
    expect(error.toData().code).toBe('graph-throttled');
    expect(waits).toEqual([30_000, 30_000, 30_000, 30_000]);
    expect(server.requests).toHaveLength(5);
  });

  it('fails at once when Graph asks for a wait longer than the cap, saying how long it asked for', async () => {
    server.on('GET', '/v1.0/me', throttle('3600'));
    const { client, waits } = graphTestClient(server, { maxRetryAfterSeconds: 120 });
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as GraphError;
    expect(error.throttled).toBe(true);
    expect(error.retryAfterSeconds).toBe(3600);
    expect(error.message).toContain('asked to wait 3600 s, longer than Delegate waits within a run (120 s)');
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 503 and 504 with growing, jittered backoff when there is no Retry-After', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendJson(response, 200, { id: 'me' }));
    server.once('GET', '/v1.0/me', (_request, response) => sendGraphError(response, 504, 'timeout', 'The operation timed out.'));
    server.once('GET', '/v1.0/me', (_request, response) => sendGraphError(response, 503, 'serviceNotAvailable', 'The service is temporarily unavailable.'));
    const { client, waits, retries } = graphTestClient(server, { random: () => 0.5 });
    const answer = await client.request<{ id: string }>('GET', '/me');
    expect(answer.body.id).toBe('me');
    // 1 s then 2 s, each scaled to 75 % by the fixed jitter.
    expect(waits).toEqual([750, 1500]);
    expect(retries.map((retry) => retry.status)).toEqual([503, 504]);
  });

  it('says "unavailable", not "throttled", when 503 without Retry-After outlasts the attempts', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendGraphError(response, 503, 'serviceNotAvailable', 'The service is temporarily unavailable.'));
    const { client } = graphTestClient(server, { maxAttempts: 3 });
    const error = (await client.request('GET', '/me').catch((caught: unknown) => caught)) as GraphError;
    expect(error.throttled).toBe(false);
    expect(error.message).toBe('Microsoft Graph was unavailable for GET /me (HTTP 503 serviceNotAvailable) after 3 attempts. Try again later.');
    expect(error.toRunError().code).toBe('serviceNotAvailable');
  });

  it('retries a GET after the connection was reset', async () => {
    server.on('GET', '/v1.0/me', (_request, response) => sendJson(response, 200, { id: 'me' }));
    server.once('GET', '/v1.0/me', (_request, response) => resetConnection(response));
    const { client, retries } = graphTestClient(server);
    const answer = await client.request<{ id: string }>('GET', '/me');
    expect(answer.body.id).toBe('me');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ status: 0, reason: 'ECONNRESET' });
  });

  it('does not send a POST again after the connection was reset, and says why', async () => {
    server.on('POST', '/v1.0/me/sendMail', (_request, response) => resetConnection(response));
    const { client, waits } = graphTestClient(server);
    const error = (await client.request('POST', '/me/sendMail', { body: { message: {} } }).catch((caught: unknown) => caught)) as DelegateError;
    expect(error).toBeInstanceOf(DelegateError);
    expect(error.code).toBe('network');
    expect(error.message).toContain('broke during POST /me/sendMail');
    expect(error.message).toContain('did not send it again, because Microsoft Graph may already have carried it out');
    expect(error.action).toContain('Sent Items');
    expect(server.requestsTo(/sendMail/)).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('sends a POST again after 429, which Graph guarantees it did not carry out', async () => {
    server.on('POST', '/v1.0/me/sendMail', (_request, response) => {
      response.writeHead(202);
      response.end();
    });
    server.once('POST', '/v1.0/me/sendMail', throttle('2'));
    const { client, waits } = graphTestClient(server);
    const answer = await client.request('POST', '/me/sendMail', { body: { message: {} } });
    expect(answer.status).toBe(202);
    expect(answer.body).toBeUndefined();
    expect(waits).toEqual([2000]);
    expect(server.requestsTo(/sendMail/)).toHaveLength(2);
  });

  it('does not retry a POST answered 504, since the mail may have gone out', async () => {
    server.on('POST', '/v1.0/me/sendMail', (_request, response) => sendGraphError(response, 504, 'timeout', 'The operation timed out.'));
    const { client } = graphTestClient(server);
    const error = (await client.request('POST', '/me/sendMail', { body: {} }).catch((caught: unknown) => caught)) as GraphError;
    expect(error.status).toBe(504);
    expect(server.requestsTo(/sendMail/)).toHaveLength(1);
  });

  it('stops waiting for a throttled request as soon as it is cancelled', async () => {
    server.on('GET', '/v1.0/me', throttle('60'));
    const controller = new AbortController();
    const { client } = graphTestClient(server, {
      sleep: async () => {
        controller.abort();
      },
    });
    const error = (await client.request('GET', '/me', { signal: controller.signal }).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('cuts a real wait short when cancelled', async () => {
    server.on('GET', '/v1.0/me', throttle('60'));
    const controller = new AbortController();
    const { client } = graphTestClient(server, { sleep: undefined });
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = (await client.request('GET', '/me', { signal: controller.signal }).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

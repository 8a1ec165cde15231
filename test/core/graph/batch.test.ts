import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphTestClient } from './support/graph-test-client.js';
import { sendJson, TestGraphServer } from './support/test-graph-server.js';

let server: TestGraphServer;

beforeAll(async () => {
  server = await TestGraphServer.start();
});
afterAll(() => server.close());
afterEach(() => server.reset());

interface WireRequest {
  id: string;
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function batchBody(body: Buffer): WireRequest[] {
  return (JSON.parse(body.toString('utf8')) as { requests: WireRequest[] }).requests;
}

describe('GraphClient.batch', () => {
  it('sends the requests in one $batch and returns the answers in request order', async () => {
    server.on('POST', '/v1.0/$batch', (request, response) => {
      const requests = batchBody(request.body);
      // Graph answers in any order.
      const responses = [...requests].reverse().map((inner) => ({ id: inner.id, status: inner.method === 'POST' ? 201 : 200, body: { url: inner.url } }));
      sendJson(response, 200, { responses });
    });
    const { client } = graphTestClient(server);

    const answers = await client.batch([
      { id: '1', method: 'GET', url: '/me' },
      { id: '2', method: 'POST', url: '/me/events', body: { subject: 'Standup' } },
    ]);

    expect(answers).toEqual([
      { id: '1', status: 200, body: { url: '/me' } },
      { id: '2', status: 201, body: { url: '/me/events' } },
    ]);
    const sent = batchBody(server.requests[0]?.body ?? Buffer.alloc(0));
    expect(sent[1]).toEqual({ id: '2', method: 'POST', url: '/me/events', body: { subject: 'Standup' }, headers: { 'Content-Type': 'application/json' } });
  });

  it('sends only the throttled requests again, after the longest Retry-After among them', async () => {
    let round = 0;
    server.on('POST', '/v1.0/$batch', (request, response) => {
      round += 1;
      const responses = batchBody(request.body).map((inner) =>
        round === 1 && inner.id !== 'a'
          ? { id: inner.id, status: 429, headers: { 'Retry-After': inner.id === 'b' ? '3' : '5' }, body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } } }
          : { id: inner.id, status: 200, body: { round } },
      );
      sendJson(response, 200, { responses });
    });
    const { client, waits } = graphTestClient(server);

    const answers = await client.batch(['a', 'b', 'c'].map((id) => ({ id, method: 'GET', url: `/me/messages/${id}` })));

    expect(answers.map((answer) => [answer.id, answer.status, answer.body])).toEqual([
      ['a', 200, { round: 1 }],
      ['b', 200, { round: 2 }],
      ['c', 200, { round: 2 }],
    ]);
    expect(waits).toEqual([5000]);
    expect(batchBody(server.requests[1]?.body ?? Buffer.alloc(0)).map((inner) => inner.id)).toEqual(['b', 'c']);
  });

  it('splits more than 20 requests into several batches', async () => {
    server.on('POST', '/v1.0/$batch', (request, response) =>
      sendJson(response, 200, { responses: batchBody(request.body).map((inner) => ({ id: inner.id, status: 200, body: null })) }),
    );
    const { client } = graphTestClient(server);
    const answers = await client.batch(Array.from({ length: 45 }, (_, index) => ({ id: String(index), method: 'GET', url: `/users/${index}` })));
    expect(answers.map((answer) => answer.id)).toEqual(Array.from({ length: 45 }, (_, index) => String(index)));
    expect(server.requests.map((request) => batchBody(request.body).length)).toEqual([20, 20, 5]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphTestClient } from './support/graph-test-client.js';
import { sendGraphError, sendJson, TestGraphServer } from './support/test-graph-server.js';

let server: TestGraphServer;

beforeAll(async () => {
  server = await TestGraphServer.start();
});
afterAll(() => server.close());
afterEach(() => server.reset());

describe('GraphClient.paged', () => {
  it('follows @odata.nextLink across three pages and yields every item once', async () => {
    server.on('GET', '/v1.0/me/messages', (request, response) => {
      const page = Number(request.query.get('$skiptoken') ?? '1');
      const value = [{ id: `m${page}a` }, { id: `m${page}b` }];
      const next = page < 3 ? { '@odata.nextLink': `${server.origin}/v1.0/me/messages?$top=2&$skiptoken=${page + 1}` } : {};
      sendJson(response, 200, { value, ...next });
    });
    const { client } = graphTestClient(server);

    const ids: string[] = [];
    for await (const message of client.paged<{ id: string }>('/me/messages', { query: { $top: '2' } })) ids.push(message.id);

    expect(ids).toEqual(['m1a', 'm1b', 'm2a', 'm2b', 'm3a', 'm3b']);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1.0/me/messages?$top=2',
      '/v1.0/me/messages?$top=2&$skiptoken=2',
      '/v1.0/me/messages?$top=2&$skiptoken=3',
    ]);
    expect(server.requests.every((request) => request.headers.authorization === 'Bearer cached-token')).toBe(true);
  });

  it('rides out throttling in the middle of the pages', async () => {
    server.on('GET', '/v1.0/me/events', (request, response) => {
      if (request.query.get('$skiptoken') === '2') return sendJson(response, 200, { value: [{ id: 'e2' }] });
      sendJson(response, 200, { value: [{ id: 'e1' }], '@odata.nextLink': `${server.origin}/v1.0/me/events?$skiptoken=2` });
    });
    server.once('GET', '/v1.0/me/events', (request, response) => {
      if (request.query.get('$skiptoken') !== '2') return sendJson(response, 200, { value: [{ id: 'e1' }], '@odata.nextLink': `${server.origin}/v1.0/me/events?$skiptoken=2` });
      sendGraphError(response, 429, 'TooManyRequests', 'Please retry again later.', { 'retry-after': '4' });
    }, 2);
    const { client, waits } = graphTestClient(server);
    const ids: string[] = [];
    for await (const event of client.paged<{ id: string }>('/me/events')) ids.push(event.id);
    expect(ids).toEqual(['e1', 'e2']);
    expect(waits).toEqual([4000]);
  });
});

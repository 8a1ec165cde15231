import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { CUSTOM_CLIENT, EmulatorClient } from './support/emulator-client.js';
import { expectGraphError } from './support/graph-assertions.js';

let emulator: RunningEmulator;
let client: EmulatorClient;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  token = (await client.signIn(CUSTOM_CLIENT, 'User.Read Mail.ReadWrite Files.ReadWrite.All ChatMessage.Send offline_access')).access_token;
});

describe('Graph faults', () => {
  it('throttles the next N matching requests with 429, Retry-After and the body of the service behind the path', async () => {
    await client.control('POST', '/faults', [
      { endpoint: 'graph', pathPrefix: '/v1.0/me/messages', status: 429, retryAfter: 2, count: 2 },
      { endpoint: 'graph', pathPrefix: '/v1.0/me/drive', status: 429, retryAfter: 5 },
      { endpoint: 'graph', pathRegex: '^/v1\\.0/me$', status: 429 },
    ]);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const throttled = await client.graph('GET', '/me/messages', token);
      expectGraphError(throttled, 429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.');
      expect(throttled.headers['retry-after']).toBe('2');
    }
    expect((await client.graph('GET', '/me/messages', token)).status).toBe(200);
    const files = await client.graph('GET', '/me/drive/root:/Reports/2026-Q1.csv', token);
    const body = expectGraphError(files, 429, 'activityLimitReached', 'The request has been throttled');
    expect(body.error.innerError.code).toBe('throttledRequest');
    expect(files.headers['retry-after']).toBe('5');
    const me = await client.graph('GET', '/me', token);
    expectGraphError(me, 429, 'TooManyRequests', 'Please retry again later.');
    expect(me.headers['retry-after']).toBeUndefined();
  });

  it('answers 503 with an optional Retry-After, and 504', async () => {
    await client.control('POST', '/faults', [
      { endpoint: 'graph', path: '/me', status: 503, retryAfter: 1 },
      { endpoint: 'graph', path: '/me', status: 504 },
    ]);
    const unavailable = await client.graph('GET', '/me', token);
    expectGraphError(unavailable, 503, 'serviceNotAvailable');
    expect(unavailable.headers['retry-after']).toBe('1');
    expectGraphError(await client.graph('GET', '/me', token), 504, 'timeout');
    expect((await client.graph('GET', '/me', token)).status).toBe(200);
  });

  it('matches faults by method as well as path', async () => {
    await client.control('POST', '/faults', { endpoint: 'graph', method: 'post', pathPrefix: '/v1.0/chats/', status: 503 });
    expect((await client.graph('GET', '/me', token)).status).toBe(200);
    const chat = encodeURIComponent('19:d2c8e5a1f7b34c69a0e4b8d1c5f92a37@thread.v2');
    expectGraphError(await client.graph('POST', `/chats/${chat}/messages`, token, { json: { body: { content: 'x' } } }), 503, 'serviceNotAvailable');
    expect((await client.graph('POST', `/chats/${chat}/messages`, token, { json: { body: { content: 'x' } } })).status).toBe(201);
  });

  it('holds a response for delayMs and then serves it normally', async () => {
    await client.control('POST', '/faults', { endpoint: 'graph', path: '/v1.0/me', delayMs: 300 });
    const started = Date.now();
    expect((await client.graph('GET', '/me', token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection when a fault asks for a reset', async () => {
    await client.control('POST', '/faults', { endpoint: 'graph', path: '/v1.0/me', reset: true });
    await expect(client.graph('GET', '/me', token)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await client.graph('GET', '/me', token)).status).toBe(200);
  });

  it('faults the pre-authenticated SharePoint URLs too, so a client must retry a fragment or a download', async () => {
    const session = await client.graph('POST', '/me/drive/root:/retry.bin:/createUploadSession', token, { json: {} });
    const { uploadUrl } = session.json as { uploadUrl: string };
    await client.control('POST', '/faults', [
      { endpoint: 'sharepoint', method: 'PUT', status: 503, retryAfter: 1 },
      { endpoint: 'sharepoint', pathRegex: 'download\\.aspx$', reset: true },
    ]);
    const content = Buffer.from('retry me');
    const put = () => client.send('PUT', uploadUrl, { raw: content, headers: { 'content-range': `bytes 0-${content.length - 1}/${content.length}` } });
    const failed = await put();
    expectGraphError(failed, 503, 'serviceNotAvailable');
    expect(failed.headers['retry-after']).toBe('1');
    expect((await put()).status).toBe(201);
    const location = String((await client.graph('GET', '/me/drive/root:/retry.bin:/content', token)).headers.location);
    await expect(client.send('GET', location)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await client.send('GET', location)).text).toBe('retry me');
  });

  it('refuses a fault whose pathRegex does not compile', async () => {
    const response = await client.send('POST', `${emulator.controlUrl}/faults`, { json: { endpoint: 'graph', pathRegex: '(', status: 503 } });
    expect(response.status).toBe(400);
    expect(response.text).toContain('pathRegex');
  });

  it('lists the Graph and SharePoint requests it served with method, path, status and time', async () => {
    await client.control('DELETE', '/requests');
    await client.graph('GET', '/me', token);
    await client.graph('GET', '/me/nothing', token);
    const location = String((await client.graph('GET', '/me/drive/root:/Documents/welcome.txt:/content', token)).headers.location);
    await client.send('GET', location);
    const requests = await client.control<Array<{ method: string; path: string; status: number; time: string; durationMs: number }>>('GET', '/graph/requests');
    expect(requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'GET /graph/v1.0/me 200',
      'GET /graph/v1.0/me/nothing 400',
      'GET /graph/v1.0/me/drive/root:/Documents/welcome.txt:/content 302',
      'GET /sharepoint/personal/adele_vance_contoso_onmicrosoft_com/_layouts/15/download.aspx 200',
    ]);
    expect(requests.every((entry) => !Number.isNaN(Date.parse(entry.time)) && entry.durationMs >= 0)).toBe(true);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { CUSTOM_CLIENT, EmulatorClient } from './support/emulator-client.js';
import { expectGraphError } from './support/graph-assertions.js';

interface BatchResponse {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }>;
}

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
  token = (await client.signIn(CUSTOM_CLIENT, 'User.Read Mail.ReadWrite Mail.Send Files.ReadWrite.All offline_access')).access_token;
});

function batch(requests: unknown[]): Promise<BatchResponse> {
  return client.graph('POST', '/$batch', token, { json: { requests } }).then((response) => {
    expect(response.status, response.text).toBe(200);
    return response.json as BatchResponse;
  });
}

describe('JSON batching', () => {
  it('runs each request as the caller and answers {id, status, headers, body} for each', async () => {
    const result = await batch([
      { id: '1', method: 'GET', url: '/me' },
      { id: '2', method: 'GET', url: '/me/messages?$top=2&$select=subject' },
      { id: '3', method: 'GET', url: '/nothing-here' },
      {
        id: '4',
        method: 'POST',
        url: '/me/sendMail',
        headers: { 'Content-Type': 'application/json' },
        body: { message: { subject: 'From a batch', toRecipients: [{ emailAddress: { address: 'x@fabrikam.example' } }] } },
      },
      { id: '5', method: 'GET', url: '/me/drive/root:/Documents/welcome.txt:/content' },
    ]);
    const byId = new Map(result.responses.map((response) => [response.id, response]));
    expect(byId.get('1')).toMatchObject({ status: 200, body: { displayName: 'Adele Vance' } });
    expect(byId.get('1')?.headers['Content-Type']).toMatch(/^application\/json/);
    expect((byId.get('2')?.body as { value: unknown[] }).value).toHaveLength(2);
    expect(byId.get('3')).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    expect(byId.get('4')?.status).toBe(202);
    expect(byId.get('4')?.body).toBeUndefined();
    expect(byId.get('5')?.status).toBe(302);
    expect(byId.get('5')?.headers.Location).toContain('/_layouts/15/download.aspx');
    expect(await client.control('GET', '/mail/sent')).toHaveLength(1);
  });

  it('orders requests by dependsOn and fails dependants of a failed request with 424', async () => {
    const result = await batch([
      { id: 'c', method: 'GET', url: '/me', dependsOn: ['b'] },
      { id: 'a', method: 'GET', url: '/me/messages/AAMkAGI2missing=' },
      { id: 'b', method: 'GET', url: '/me', dependsOn: ['a'] },
    ]);
    expect(result.responses.map((response) => `${response.id}:${response.status}`)).toEqual(['c:424', 'a:404', 'b:424']);
  });

  it('carries binary bodies as base64 both ways', async () => {
    const result = await batch([
      { id: 'up', method: 'PUT', url: '/me/drive/root:/batch.bin:/content', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]).toString('base64') },
    ]);
    expect(result.responses[0]).toMatchObject({ status: 201, body: { name: 'batch.bin', size: 4 } });
  });

  it('refuses more than 20 requests, duplicate ids and a body that is not a batch with 400', async () => {
    const many = Array.from({ length: 21 }, (_unused, index) => ({ id: String(index), method: 'GET', url: '/me' }));
    expectGraphError(await client.graph('POST', '/$batch', token, { json: { requests: many } }), 400, 'BadRequest', /at most 20/);
    expectGraphError(
      await client.graph('POST', '/$batch', token, { json: { requests: [{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }] } }),
      400,
      'BadRequest',
    );
    expectGraphError(await client.graph('POST', '/$batch', token, { json: { nope: true } }), 400, 'BadRequest');
    expectGraphError(await client.graph('POST', '/$batch', 'not-a-jwt', { json: { requests: [{ id: '1', method: 'GET', url: '/me' }] } }), 401, 'InvalidAuthenticationToken');
  });

  it('throttles a single item when a fault matches its path, leaving the others alone', async () => {
    await client.control('POST', '/faults', { endpoint: 'graph', pathPrefix: '/v1.0/me/messages', status: 429, retryAfter: 3 });
    const result = await batch([
      { id: '1', method: 'GET', url: '/me' },
      { id: '2', method: 'GET', url: '/me/messages' },
    ]);
    expect(result.responses[0]?.status).toBe(200);
    expect(result.responses[1]).toMatchObject({ status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'ApplicationThrottled' } } });
  });
});

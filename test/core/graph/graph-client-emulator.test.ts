import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { GraphClient } from '../../../electron/core/graph/graph-client.js';
import type { GraphClientOptions } from '../../../electron/core/graph/graph-client-options.js';
import { GraphError } from '../../../electron/core/graph/graph-error.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { seededBytes } from '../../emulator/content/seeded-bytes.js';
import { CUSTOM_CLIENT, EmulatorClient } from '../../emulator/tests/support/emulator-client.js';

/**
 * The Graph client against the emulator's real Graph and SharePoint routes and faults: what the scripted
 * server in the other files cannot show is that the client speaks the same protocol as the service.
 */

let emulator: RunningEmulator;
let control: EmulatorClient;
let token: string;
let folder: string;
let waits: number[];

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  control = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.control('POST', '/reset');
  token = (await control.signIn(CUSTOM_CLIENT, 'User.Read Mail.ReadWrite Mail.Send Files.ReadWrite.All offline_access')).access_token;
  folder = await mkdtemp(join(tmpdir(), 'delegate-graph-emulator-'));
  waits = [];
});
afterEach(() => rm(folder, { recursive: true, force: true }));

function client(overrides: Partial<GraphClientOptions> = {}): GraphClient {
  return new GraphClient({
    baseUrl: emulator.graphBaseUrl,
    caFile: emulator.caFile,
    getToken: async () => token,
    sleep: async (ms) => {
      waits.push(ms);
    },
    stateDir: join(folder, 'state'),
    ...overrides,
  });
}

function faults(...specs: unknown[]): Promise<unknown> {
  return control.control('POST', '/faults', specs);
}

async function servedPaths(): Promise<string[]> {
  const served = await control.control<Array<{ method: string; path: string; status: number }>>('GET', '/graph/requests');
  return served.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
}

async function sha256OfSeed(seed: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of seededBytes(seed, size)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const SALES = '/me/drive/root:/Reports/sales-data.bin:/content';
const SALES_SIZE = 1024 * 1024 + 123;

describe('GraphClient against the emulator', () => {
  it("reads /me with the emulator's request-id", async () => {
    const me = await client().request<{ userPrincipalName: string }>('GET', '/me');
    expect(me.body.userPrincipalName).toBe('adele.vance@contoso.onmicrosoft.com');
    expect(me.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('downloads a seeded file through the 302 byte for byte, then skips it while unchanged', async () => {
    const graph = client();
    const destination = join(folder, 'sales-data.bin');
    const first = await graph.download(SALES, destination, { skipIfUnchanged: true });
    expect(first).toMatchObject({ bytes: SALES_SIZE, skipped: false, sha256: await sha256OfSeed('drive:/Reports/sales-data.bin', SALES_SIZE) });
    expect(first.eTag).toBeDefined();

    await control.control('DELETE', '/requests');
    const second = await graph.download(SALES, destination, { skipIfUnchanged: true });
    expect(second).toMatchObject({ skipped: true, sha256: first.sha256 });
    expect((await servedPaths()).filter((line) => line.includes('download.aspx') || line.includes(':/content'))).toEqual([]);
  });

  it('starts a download again when the download URL drops the connection', async () => {
    await faults({ endpoint: 'sharepoint', pathRegex: 'download\\.aspx$', reset: true });
    const result = await client().download(SALES, join(folder, 'sales-data.bin'));
    expect(result.bytes).toBe(SALES_SIZE);
    expect(await readdir(folder)).toEqual(['sales-data.bin']);
  });

  it('waits out a 429 storm for as long as Retry-After says, then succeeds', async () => {
    await faults({ endpoint: 'graph', pathPrefix: '/v1.0/me/messages', status: 429, retryAfter: 2, count: 3 });
    const messages = await client().request<{ value: unknown[] }>('GET', '/me/messages', { query: { $top: '1' } });
    expect(messages.body.value).toHaveLength(1);
    expect(waits).toEqual([2000, 2000, 2000]);
  });

  it('gives up after five throttled attempts and says so with the last request-id', async () => {
    await faults({ endpoint: 'graph', pathPrefix: '/v1.0/me/messages', status: 429, retryAfter: 2, count: 10 });
    const error = (await client().request('GET', '/me/messages').catch((caught: unknown) => caught)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.throttled).toBe(true);
    expect(error.code).toBe('ApplicationThrottled');
    expect(error.message).toMatch(/^Microsoft Graph kept throttling GET \/me\/messages \(HTTP 429 ApplicationThrottled\) after 5 attempts; it asked to wait 2 s\./);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries 503 and 504 from Graph', async () => {
    await faults({ endpoint: 'graph', path: '/v1.0/me', status: 503, retryAfter: 1 }, { endpoint: 'graph', path: '/v1.0/me', status: 504 });
    const me = await client({ random: () => 0.5 }).request('GET', '/me');
    expect(me.status).toBe(200);
    expect(waits).toEqual([1000, 1500]);
  });

  it('sends mail once: a reset connection is not retried, and nothing is sent twice', async () => {
    await faults({ endpoint: 'graph', method: 'POST', path: '/v1.0/me/sendMail', reset: true });
    const message = { message: { subject: 'Daily report', body: { contentType: 'Text', content: 'Attached.' }, toRecipients: [{ emailAddress: { address: 'megan.bowen@contoso.onmicrosoft.com' } }] } };
    const error = (await client().request('POST', '/me/sendMail', { body: message }).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('network');
    expect(error.message).toContain('did not send it again');
    expect((await servedPaths()).filter((line) => line.includes('sendMail'))).toHaveLength(1);
  });

  it('uploads a small file with one PUT and a large one through an upload session, retrying a chunk Graph refused once', async () => {
    const graph = client();
    const small = join(folder, 'summary.csv');
    await writeFile(small, 'date,total\n2026-11-21,42\n');
    const smallItem = await graph.upload('/me/drive/root:/Delegate', 'summary.csv', small);
    expect(smallItem).toMatchObject({ name: 'summary.csv', size: 25 });

    const content = randomBytes(5 * 1024 * 1024 + 4321);
    const large = join(folder, 'large.bin');
    await writeFile(large, content);
    await control.control('DELETE', '/requests');
    await faults({ endpoint: 'sharepoint', method: 'PUT', status: 503, retryAfter: 1 });
    const largeItem = await graph.upload('/me/drive/root:/Delegate', 'large.bin', large, { chunkSize: 8 * 320 * 1024 });
    expect(largeItem).toMatchObject({ name: 'large.bin', size: content.length });
    expect(waits).toEqual([1000]);
    const puts = (await servedPaths()).filter((line) => line.startsWith('PUT /sharepoint'));
    expect(puts.map((line) => line.split(' ').at(-1))).toEqual(['503', '202', '202', '201']);

    const back = await graph.download('/me/drive/root:/Delegate/large.bin', join(folder, 'back.bin'));
    expect(back.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('cancels the upload session when the upload is aborted', async () => {
    const large = join(folder, 'large.bin');
    await writeFile(large, randomBytes(6 * 1024 * 1024));
    const controller = new AbortController();
    await faults({ endpoint: 'sharepoint', method: 'PUT', delayMs: 1000 });
    const pending = client()
      .upload('/me/drive/root:/Delegate', 'large.bin', large, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    // Abort only once the session exists, while its first chunk is held up.
    while ((await control.control<unknown[]>('GET', '/files/upload-sessions')).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = (await pending) as DelegateError;
    expect(error.code).toBe('cancelled');
    // The DELETE goes out right after the abort; give the emulator a moment to record it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await control.control<unknown[]>('GET', '/files/upload-sessions')).toEqual([]);
  });

  it('pages through the inbox with @odata.nextLink', async () => {
    const ids: string[] = [];
    for await (const message of client().paged<{ id: string }>('/me/messages', { query: { $top: '3', $select: 'id' } })) ids.push(message.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    const pages = (await servedPaths()).filter((line) => line.startsWith('GET /graph/v1.0/me/messages'));
    expect(pages.length).toBe(Math.ceil(ids.length / 3));
  });

  it('batches requests and retries only the item Graph throttled', async () => {
    await faults({ endpoint: 'graph', pathPrefix: '/v1.0/me/messages', status: 429, retryAfter: 3 });
    const answers = await client().batch([
      { id: 'me', method: 'GET', url: '/me' },
      { id: 'inbox', method: 'GET', url: '/me/messages?$top=1' },
    ]);
    expect(answers.map((answer) => [answer.id, answer.status])).toEqual([
      ['me', 200],
      ['inbox', 200],
    ]);
    expect(waits).toEqual([3000]);
  });
});

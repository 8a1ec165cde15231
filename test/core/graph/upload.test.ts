import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { UPLOAD_CHUNK_UNIT_BYTES } from '../../../electron/core/graph/upload-file.js';
import { graphTestClient } from './support/graph-test-client.js';
import { resetConnection, sendGraphError, sendJson, TestGraphServer, type RecordedRequest } from './support/test-graph-server.js';

let server: TestGraphServer;
let folder: string;

beforeAll(async () => {
  server = await TestGraphServer.start();
});
afterAll(() => server.close());
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'delegate-upload-'));
});
afterEach(async () => {
  server.reset();
  await rm(folder, { recursive: true, force: true });
});

/** An upload session the way OneDrive keeps one: bytes in order, `nextExpectedRanges`, 416 on overlap. */
interface FakeSession {
  received: Buffer;
  total: number;
  deleted: boolean;
  createBody?: unknown;
}

function serveUploadSession(name: string): FakeSession {
  const session: FakeSession = { received: Buffer.alloc(0), total: 0, deleted: false };
  server.on('POST', `/v1.0/me/drive/root:/Reports/${name}:/createUploadSession`, (request, response) => {
    session.createBody = JSON.parse(request.body.toString('utf8')) as unknown;
    sendJson(response, 200, { uploadUrl: `${server.origin}/upload/SESSION1?tempauth=pre-authenticated`, expirationDateTime: '2026-11-22T00:00:00Z', nextExpectedRanges: ['0-'] });
  });
  server.on('PUT', '/upload/SESSION1', (request, response) => storeChunk(session, request, response, name));
  server.on('GET', '/upload/SESSION1', (_request, response) =>
    sendJson(response, 200, { nextExpectedRanges: session.received.length < session.total || session.total === 0 ? [`${session.received.length}-`] : [] }),
  );
  server.on('DELETE', '/upload/SESSION1', (_request, response) => {
    session.deleted = true;
    response.writeHead(204);
    response.end();
  });
  return session;
}

function storeChunk(session: FakeSession, request: RecordedRequest, response: ServerResponse, name: string): void {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range']));
  if (!match) return sendGraphError(response, 400, 'invalidRequest', 'Missing Content-Range.');
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  session.total = total;
  if (start !== session.received.length) return sendGraphError(response, 416, 'invalidRange', 'The fragment overlaps a range already received.');
  session.received = Buffer.concat([session.received, request.body.subarray(0, end - start + 1)]);
  if (session.received.length === total) return sendJson(response, 201, { id: 'NEW1', name, size: total });
  sendJson(response, 202, { expirationDateTime: '2026-11-22T00:00:00Z', nextExpectedRanges: [`${session.received.length}-`] });
}

describe('GraphClient.upload', () => {
  it('uploads a small file with one PUT carrying the conflict behaviour', async () => {
    const source = join(folder, 'summary.csv');
    const content = Buffer.from('date,total\n2026-11-21,42\n');
    await writeFile(source, content);
    server.on('PUT', '/v1.0/me/drive/root:/Reports/summary 2026.csv:/content', (request, response) =>
      sendJson(response, 201, { id: 'S1', name: 'summary 2026.csv', size: request.body.length }),
    );
    const { client } = graphTestClient(server);

    const item = await client.upload('/me/drive/root:/Reports', 'summary 2026.csv', source, { conflictBehavior: 'rename' });

    expect(item).toEqual({ id: 'S1', name: 'summary 2026.csv', size: content.length });
    const [put] = server.requests;
    expect(put?.url).toBe('/v1.0/me/drive/root:/Reports/summary%202026.csv:/content?@microsoft.graph.conflictBehavior=rename');
    expect(put?.body.equals(content)).toBe(true);
    expect(put?.headers.authorization).toBe('Bearer cached-token');
  });

  it('uploads a large file through an upload session in chunks of 320 KiB multiples, without the token', async () => {
    const session = serveUploadSession('big.bin');
    const content = randomBytes(5 * 1024 * 1024 + 123);
    const source = join(folder, 'big.bin');
    await writeFile(source, content);
    const { client } = graphTestClient(server);

    const item = await client.upload('/me/drive/root:/Reports', 'big.bin', source, { chunkSize: 4 * UPLOAD_CHUNK_UNIT_BYTES });

    expect(item).toEqual({ id: 'NEW1', name: 'big.bin', size: content.length });
    expect(session.received.equals(content)).toBe(true);
    expect(session.createBody).toEqual({ item: { '@microsoft.graph.conflictBehavior': 'replace' } });
    const chunks = server.requests.filter((request) => request.method === 'PUT');
    expect(chunks).toHaveLength(Math.ceil(content.length / (4 * UPLOAD_CHUNK_UNIT_BYTES)));
    expect(chunks[0]?.headers['content-range']).toBe(`bytes 0-${4 * UPLOAD_CHUNK_UNIT_BYTES - 1}/${content.length}`);
    expect(chunks.every((chunk) => chunk.headers.authorization === undefined)).toBe(true);
    expect(server.requests.find((request) => request.method === 'POST')?.headers.authorization).toBe('Bearer cached-token');
  });

  it('retries a chunk that failed once with 503, and one whose answer was lost, resuming where nextExpectedRanges says', async () => {
    const session = serveUploadSession('big.bin');
    const chunk = 2 * UPLOAD_CHUNK_UNIT_BYTES;
    const content = randomBytes(7 * chunk + 1000);
    const source = join(folder, 'big.bin');
    await writeFile(source, content);
    let puts = 0;
    server.on('PUT', '/upload/SESSION1', (request, response) => {
      puts += 1;
      // The second chunk: Graph is busy once.
      if (puts === 2) return sendGraphError(response, 503, 'serviceNotAvailable', 'The service is temporarily unavailable.', { 'retry-after': '2' });
      // The fourth chunk: stored, but the connection drops before the answer.
      if (puts === 5) {
        storeChunkSilently(session, request);
        return resetConnection(response);
      }
      storeChunk(session, request, response, 'big.bin');
    });
    const { client, waits, retries } = graphTestClient(server);

    const item = await client.upload('/me/drive/root:/Reports', 'big.bin', source, { chunkSize: chunk });

    expect(item.id).toBe('NEW1');
    expect(session.received.equals(content)).toBe(true);
    expect(retries.map((retry) => retry.status)).toEqual([503, 0]);
    expect(waits[0]).toBe(2000);
    // After the reset the client asked the session where to go on, and did not resend the stored chunk.
    const statusChecks = server.requests.filter((request) => request.method === 'GET' && request.path === '/upload/SESSION1');
    expect(statusChecks).toHaveLength(1);
    const ranges = server.requests.filter((request) => request.method === 'PUT').map((request) => request.headers['content-range']);
    expect(new Set(ranges).size).toBe(ranges.length - 1);
    expect(session.deleted).toBe(false);
  });

  it('cancels the upload session when the upload is aborted', async () => {
    const session = serveUploadSession('big.bin');
    const source = join(folder, 'big.bin');
    await writeFile(source, randomBytes(6 * 1024 * 1024));
    const controller = new AbortController();
    server.on('PUT', '/upload/SESSION1', (request, response) => {
      storeChunk(session, request, response, 'big.bin');
      controller.abort();
    });
    const { client } = graphTestClient(server);

    const error = (await client.upload('/me/drive/root:/Reports', 'big.bin', source, { signal: controller.signal, chunkSize: UPLOAD_CHUNK_UNIT_BYTES }).catch((caught: unknown) => caught)) as DelegateError;

    expect(error).toBeInstanceOf(DelegateError);
    expect(error.code).toBe('cancelled');
    expect(session.deleted).toBe(true);
  });

  it('refuses a chunk size that is not a multiple of 320 KiB, naming a valid one', async () => {
    const source = join(folder, 'big.bin');
    await writeFile(source, randomBytes(5 * 1024 * 1024));
    const { client } = graphTestClient(server);
    const error = (await client.upload('/me/drive/root:/Reports', 'big.bin', source, { chunkSize: 1_000_000 }).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('invalid-input');
    expect(error.action).toContain(`${3 * UPLOAD_CHUNK_UNIT_BYTES} bytes`);
    expect(server.requests).toHaveLength(0);
  });

  it('says which local file is missing before any request', async () => {
    const { client } = graphTestClient(server);
    const error = (await client.upload('/me/drive/root:/Reports', 'x.csv', join(folder, 'nope.csv')).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('file-access');
    expect(error.message).toContain('nope.csv');
    expect(server.requests).toHaveLength(0);
  });
});

function storeChunkSilently(session: FakeSession, request: RecordedRequest): void {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range']));
  if (!match) return;
  session.total = Number(match[3]);
  session.received = Buffer.concat([session.received, request.body]);
}

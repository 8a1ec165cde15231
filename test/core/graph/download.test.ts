import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { graphTestClient } from './support/graph-test-client.js';
import { resetConnection, sendJson, TestGraphServer } from './support/test-graph-server.js';

let server: TestGraphServer;
let folder: string;

/** A file in "OneDrive": its content and tags, served the way Graph serves it. */
const remote = { content: Buffer.alloc(0), cTag: '"c:{A1},1"', eTag: '"{A1},1"' };

beforeAll(async () => {
  server = await TestGraphServer.start();
});
afterAll(() => server.close());
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'delegate-download-'));
  remote.content = randomBytes(300 * 1024 + 17);
  remote.cTag = '"c:{A1},1"';
  remote.eTag = '"{A1},1"';
  serveDrive();
});
afterEach(async () => {
  server.reset();
  await rm(folder, { recursive: true, force: true });
});

function serveDrive(): void {
  server.on('GET', '/v1.0/me/drive/root:/Reports/Daily Report.xlsx', (_request, response) =>
    sendJson(response, 200, { id: 'ITEM1', name: 'Daily Report.xlsx', size: remote.content.length, eTag: remote.eTag, cTag: remote.cTag, file: {} }),
  );
  server.on('GET', '/v1.0/me/drive/root:/Reports/Daily Report.xlsx:/content', (_request, response) => {
    // Graph: 302 to a pre-authenticated URL whose credential is in the query.
    response.writeHead(302, { location: `${server.origin}/download/ITEM1?tempauth=pre-authenticated` });
    response.end();
  });
  server.on('GET', '/download/ITEM1', (request, response) => {
    if (request.headers.authorization !== undefined) {
      response.writeHead(401);
      response.end('a bearer token was sent to the download URL');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(remote.content.length) });
    response.end(remote.content);
  });
}

const SOURCE = '/me/drive/root:/Reports/Daily%20Report.xlsx:/content';

describe('GraphClient.download', () => {
  it('follows the 302 and sends no Authorization header to the download URL', async () => {
    const { client } = graphTestClient(server, { stateDir: join(folder, 'state') });
    const destination = join(folder, 'out', 'daily.xlsx');

    const result = await client.download(SOURCE, destination);

    expect(result).toEqual({ bytes: remote.content.length, skipped: false, eTag: remote.eTag, sha256: createHash('sha256').update(remote.content).digest('hex') });
    expect((await readFile(destination)).equals(remote.content)).toBe(true);
    const [metadata, content, download] = server.requests;
    expect(metadata?.headers.authorization).toBe('Bearer cached-token');
    expect(content?.headers.authorization).toBe('Bearer cached-token');
    expect(download?.path).toBe('/download/ITEM1');
    expect(download?.headers.authorization).toBeUndefined();
    expect(await readdir(join(folder, 'out'))).toEqual(['daily.xlsx']);
  });

  it('leaves neither a partial file nor a changed destination when the transfer breaks', async () => {
    const destination = join(folder, 'daily.xlsx');
    await writeFile(destination, 'yesterday');
    server.on('GET', '/download/ITEM1', (_request, response) => {
      response.writeHead(200, { 'content-length': String(remote.content.length) });
      response.write(remote.content.subarray(0, 100 * 1024));
      setTimeout(() => resetConnection(response), 20);
    });
    const { client } = graphTestClient(server, { maxAttempts: 2 });

    const error = (await client.download(SOURCE, destination).catch((caught: unknown) => caught)) as DelegateError;

    expect(error).toBeInstanceOf(DelegateError);
    expect(error.code).toBe('network');
    expect(await readFile(destination, 'utf8')).toBe('yesterday');
    expect(await readdir(folder)).toEqual(['daily.xlsx']);
    // Two attempts of the whole transfer, each through Graph's redirect again.
    expect(server.requestsTo(/^\/download\//)).toHaveLength(2);
  });

  it('starts the transfer again after a reset mid-body and ends with the whole file', async () => {
    const destination = join(folder, 'daily.xlsx');
    server.once('GET', '/download/ITEM1', (_request, response) => {
      response.writeHead(200, { 'content-length': String(remote.content.length) });
      response.write(remote.content.subarray(0, 64 * 1024));
      setTimeout(() => resetConnection(response), 20);
    });
    const { client, retries } = graphTestClient(server);
    const result = await client.download(SOURCE, destination);
    expect(result.bytes).toBe(remote.content.length);
    expect((await readFile(destination)).equals(remote.content)).toBe(true);
    expect(retries).toHaveLength(1);
    expect(existsSync(`${destination}.partial`)).toBe(false);
  });

  it('skips the transfer when the item is unchanged since the last download', async () => {
    const stateDir = join(folder, 'state');
    const { client } = graphTestClient(server, { stateDir });
    const destination = join(folder, 'daily.xlsx');
    const first = await client.download(SOURCE, destination, { skipIfUnchanged: true });
    server.requests.length = 0;

    const second = await client.download(SOURCE, destination, { skipIfUnchanged: true });

    expect(second).toEqual({ bytes: first.bytes, skipped: true, eTag: remote.eTag, sha256: first.sha256 });
    expect(server.requests.map((request) => request.path)).toEqual(['/v1.0/me/drive/root:/Reports/Daily Report.xlsx']);
    // The record lives in Delegate's state folder, not beside the person's file.
    expect(await readdir(folder)).toEqual(['daily.xlsx', 'state']);
  });

  it('downloads again when the content tag changed or the local file was edited', async () => {
    const { client } = graphTestClient(server, { stateDir: join(folder, 'state') });
    const destination = join(folder, 'daily.xlsx');
    await client.download(SOURCE, destination, { skipIfUnchanged: true });

    remote.content = randomBytes(1000);
    remote.cTag = '"c:{A1},2"';
    const changed = await client.download(SOURCE, destination, { skipIfUnchanged: true });
    expect(changed.skipped).toBe(false);
    expect((await readFile(destination)).equals(remote.content)).toBe(true);

    await writeFile(destination, 'edited by hand');
    await utimes(destination, new Date(), new Date(Date.now() + 5000));
    const edited = await client.download(SOURCE, destination, { skipIfUnchanged: true });
    expect(edited.skipped).toBe(false);
    expect((await readFile(destination)).equals(remote.content)).toBe(true);
  });

  it('keeps the record in a sidecar beside the file when no state folder is given', async () => {
    const { client } = graphTestClient(server);
    const destination = join(folder, 'daily.xlsx');
    await client.download(SOURCE, destination, { skipIfUnchanged: true });
    expect((await client.download(SOURCE, destination, { skipIfUnchanged: true })).skipped).toBe(true);
    expect(await readdir(folder)).toEqual(['daily.xlsx', 'daily.xlsx.delegate.json']);
  });

  it('reports a file it cannot write as a local problem and does not download again', async () => {
    const destination = join(folder, 'daily.xlsx');
    // A folder where the partial file should go: opening it for writing fails like a read-only disk would.
    await mkdir(`${destination}.partial`);
    const { client, retries } = graphTestClient(server);
    const error = (await client.download(SOURCE, destination).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('file-access');
    expect(error.message).toContain(`${destination}.partial is a folder, but a file is needed there`);
    expect(retries).toEqual([]);
    expect(server.requestsTo(/^\/download\//)).toHaveLength(1);
  });

  it('removes the partial file when the download is cancelled', async () => {
    const destination = join(folder, 'daily.xlsx');
    const controller = new AbortController();
    server.on('GET', '/download/ITEM1', (_request, response) => {
      response.writeHead(200, { 'content-length': String(remote.content.length) });
      response.write(remote.content.subarray(0, 64 * 1024));
      setTimeout(() => controller.abort(), 30);
    });
    const { client } = graphTestClient(server);
    const error = (await client.download(SOURCE, destination, { signal: controller.signal }).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('cancelled');
    expect(await readdir(folder)).toEqual([]);
  });

  it('names the download host when it goes silent for longer than the timeout', async () => {
    const destination = join(folder, 'daily.xlsx');
    server.on('GET', '/download/ITEM1', (_request, response) => {
      response.writeHead(200, { 'content-length': String(remote.content.length) });
      response.write(remote.content.subarray(0, 1024));
    });
    const { client } = graphTestClient(server, { timeoutMs: 300, maxAttempts: 1 });
    const error = (await client.download(SOURCE, destination).catch((caught: unknown) => caught)) as DelegateError;
    expect(error.code).toBe('network');
    expect(error.message).toBe(`Could not reach ${new URL(server.origin).host}: no data for 300 ms (ETIMEDOUT).`);
    expect(await readdir(folder)).toEqual([]);
  });
});

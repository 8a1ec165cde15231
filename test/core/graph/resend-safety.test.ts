/**
 * When the Graph client may send a POST again: only when the failure proves the request never left — here a
 * connection cut during the TLS handshake, before any byte of the request was written — and never after the
 * server may have received it.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { graphTestClient } from './support/graph-test-client.js';
import { resetConnection, sendJson, TestGraphServer } from './support/test-graph-server.js';

let server: TestGraphServer;
let gate: Server;
let gatePort = 0;
/** How many of the next connections the gate cuts as soon as they arrive (mid-handshake for the client). */
let cutNext = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = await TestGraphServer.start();
  const target = Number(new URL(server.baseUrl).port);
  gate = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (cutNext > 0) {
      cutNext -= 1;
      socket.resetAndDestroy();
      return;
    }
    const upstream = connect(target, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
  gatePort = (gate.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  gate.close();
  await server.close();
});
afterEach(() => {
  cutNext = 0;
  server.reset();
});

describe('resending a POST', () => {
  it('sends a POST again when the connection was cut during the TLS handshake, so it is done once', async () => {
    server.on('POST', '/v1.0/chats/1/messages', (_request, response) => sendJson(response, 201, { id: 'posted' }));
    cutNext = 1;
    const { client, retries } = graphTestClient({ baseUrl: `https://127.0.0.1:${gatePort}`, caFile: server.caFile });
    const answer = await client.request<{ id: string }>('POST', '/chats/1/messages', { body: { body: { content: 'hi' } } });
    client.close();
    expect(answer.body.id).toBe('posted');
    expect(retries.map((retry) => retry.status)).toEqual([0]);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('does not send a POST again when the connection broke after the server received it', async () => {
    server.on('POST', '/v1.0/chats/1/messages', (_request, response) => resetConnection(response));
    const { client, retries } = graphTestClient({ baseUrl: `https://127.0.0.1:${gatePort}`, caFile: server.caFile });
    const error = await client.request('POST', '/chats/1/messages', { body: { body: { content: 'hi' } } }).catch((caught: unknown) => caught);
    client.close();
    expect(error).toBeInstanceOf(DelegateError);
    expect((error as DelegateError).message).toContain('did not send it again');
    expect(retries).toEqual([]);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});

/**
 * Token broker under attack: another local process guessing, racing or holding connections, a web page, and
 * requests crafted to slip a resource past the allow-list.
 */
import { connect } from 'node:net';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedResources } from '../../../electron/core/broker/broker-resources.js';
import { startTokenBroker, type BrokerToken, type TokenBroker } from '../../../electron/core/broker/token-broker.js';

const GRAPH = 'https://graph.microsoft.com';
const SHAREPOINT = 'https://contoso.sharepoint.com';
const EXPIRES = '2026-03-01T09:00:00.000Z';

let broker: TokenBroker | undefined;
let lines: string[] = [];
const asked: string[] = [];
afterEach(async () => {
  await broker?.close();
  broker = undefined;
  lines = [];
  asked.length = 0;
});

async function start(token: (resource: string) => Promise<BrokerToken> = async (resource) => ({ accessToken: `token-for-${resource}`, expiresOn: EXPIRES })) {
  broker = await startTokenBroker({
    allowed: allowedResources(GRAPH, [SHAREPOINT], undefined),
    token: (resource) => {
      asked.push(resource.resource);
      return token(resource.resource);
    },
    log: (line) => lines.push(line),
    owner: 'job "etl"',
  });
  return broker;
}

const port = () => Number(new URL(broker!.endpoint).port);

/** Raw bytes to the broker; resolves with everything it answered once it closes (or after `waitMs`). */
function raw(bytes: string, waitMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: port() });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(text);
    }, waitMs);
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', reject);
    socket.end(bytes);
  });
}

function ask(query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: port(), path: `/msi/token?${query}`, headers: { 'X-IDENTITY-HEADER': broker!.secret, ...headers }, agent: false },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const forGraph = `api-version=2019-08-01&resource=${encodeURIComponent(GRAPH)}`;

describe('the token broker, attacked', () => {
  it('refuses the secret with junk after it, the secret twice, and a prefix of it', async () => {
    await start();
    for (const presented of [`${broker!.secret}x`, `x${broker!.secret}`, broker!.secret.slice(0, 20), `${broker!.secret},${broker!.secret}`]) {
      expect((await ask(forGraph, { 'X-IDENTITY-HEADER': presented })).status, presented).toBe(401);
    }
    expect(asked).toEqual([]);
  });

  it('refuses a request a browser marks as cross-site even without an Origin header', async () => {
    await start();
    const browsers: Array<Record<string, string>> = [{ 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Mode': 'no-cors' }, { Origin: 'null' }];
    for (const headers of browsers) {
      expect((await ask(forGraph, headers)).status, JSON.stringify(headers)).toBe(403);
    }
    expect(asked).toEqual([]);
  });

  it('does not serve a resource that only looks like an allowed one', async () => {
    await start();
    for (const resource of [
      'https://graph.microsoft.com.',
      'https://graph.microsoft.com.evil.test',
      'https://graph.microsoft.com@evil.test',
      'https://evil.test@graph.microsoft.com',
      'http://graph.microsoft.com',
      'https://graph.microsoft.com:8443',
      'https://graph.microsoft.com/v1.0',
      'https://graph.microsoft.comx',
      'https://graph.microsoft',
      'graph',
      '//graph.microsoft.com',
    ]) {
      const answer = await ask(`api-version=2019-08-01&resource=${encodeURIComponent(resource)}`);
      expect(answer.status, resource).toBe(400);
    }
    expect(asked).toEqual([]);
  });

  it('serves Graph spelled in mixed case or with its default port, and only the first of two resources', async () => {
    await start();
    expect((await ask(`api-version=2019-08-01&resource=${encodeURIComponent('HTTPS://Graph.Microsoft.COM:443/')}`)).status).toBe(200);
    const twice = await ask(`api-version=2019-08-01&resource=${encodeURIComponent(GRAPH)}&resource=${encodeURIComponent('https://management.azure.com')}`);
    // One token for one resource, the one it says it is for: never a token for a resource the job did not allow.
    expect(twice.status === 400 || twice.body.resource === GRAPH).toBe(true);
    expect(asked.every((resource) => resource === GRAPH)).toBe(true);
  });

  it('answers HTTP/1.0 without a Host with 403, and a huge header with an error, and stays up', async () => {
    await start();
    expect(await raw(`GET /msi/token?${forGraph} HTTP/1.0\r\nX-IDENTITY-HEADER: ${broker!.secret}\r\n\r\n`)).toMatch(/^HTTP\/1\.[01] 403/);
    expect(await raw(`GET /msi/token?${forGraph} HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nX-Junk: ${'a'.repeat(100_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect(await raw(`GET /msi/token?${forGraph}&pad=${'b'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nX-IDENTITY-HEADER: ${broker!.secret}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect((await ask(forGraph)).status).toBe(200);
    expect(asked).toEqual([GRAPH]);
  });

  it('answers to the loopback names a client of IDENTITY_ENDPOINT uses, and to no name an attacker’s DNS could point here', async () => {
    await start();
    for (const host of [`127.0.0.1:${port()}`, `LOCALHOST:${port()}`, `[::1]:${port()}`]) expect((await ask(forGraph, { Host: host })).status, host).toBe(200);
    for (const host of [`localhost.:${port()}`, `localhost.evil.test:${port()}`, `127.0.0.1.nip.io:${port()}`, '127.0.0.1', `127.0.0.1:${port()}@evil.test`, `0.0.0.0:${port()}`]) {
      expect((await ask(forGraph, { Host: host })).status, host).toBe(403);
    }
  });

  it('answers pipelined requests each in turn', async () => {
    await start();
    const one = `GET /msi/token?${forGraph} HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nX-IDENTITY-HEADER: ${broker!.secret}\r\n\r\n`;
    const wrong = `GET /msi/token?${forGraph} HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nX-IDENTITY-HEADER: nope\r\nConnection: close\r\n\r\n`;
    const text = await raw(one + wrong);
    expect(text.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 401']);
    expect(broker!.counts()).toEqual({ ok: 1, refused: 1 });
  });

  it('stays up under two hundred parallel requests and counts each one', async () => {
    await start();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, index) => ask(forGraph, index % 2 ? {} : { 'X-IDENTITY-HEADER': 'guess' })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(100);
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(100);
    expect(broker!.counts()).toEqual({ ok: 100, refused: 100 });
  });

  it('logs the first refusals one by one, then says that further ones are only counted, so a flood cannot fill the log', async () => {
    await start();
    await Promise.all(Array.from({ length: 500 }, () => ask(forGraph, { 'X-IDENTITY-HEADER': 'guess' })));
    expect(broker!.counts()).toEqual({ ok: 0, refused: 500 });
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines[0]).toBe('token broker (job "etl"): refused a request with a wrong X-IDENTITY-HEADER (401)');
    expect(lines.at(-1)).toBe('token broker (job "etl"): refused 20 requests; further refusals are counted in the run\'s history, not logged one by one');
  });

  it('closes at the end of the run while a token request is in flight, and neither counts nor logs a failure that comes after', async () => {
    let fail: (error: Error) => void = () => undefined;
    await start(() => new Promise((_, reject) => (fail = reject)));
    const pending = ask(forGraph).catch((error: NodeJS.ErrnoException) => error.code);
    while (asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await broker!.close();
    expect(await pending).toBe('ECONNRESET');
    fail(new Error('the keychain went away'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(broker!.counts()).toEqual({ ok: 0, refused: 0 });
    expect(lines).toEqual([]);
    expect(broker!.lastFailure()).toBeNull();
    broker = undefined;
  });

  it('asks for one token when twenty requests for the same resource arrive together, and answers each', async () => {
    let release: (token: BrokerToken) => void = () => undefined;
    await start(() => new Promise((resolve) => (release = resolve)));
    const answers = Promise.all(Array.from({ length: 20 }, () => ask(forGraph)));
    while (asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the other nineteen arrive meanwhile
    release({ accessToken: 'shared-token', expiresOn: EXPIRES });
    expect((await answers).map((answer) => answer.body.access_token)).toEqual(Array.from({ length: 20 }, () => 'shared-token'));
    expect(asked).toEqual([GRAPH]);
    expect(broker!.counts()).toEqual({ ok: 20, refused: 0 });
    // Once it is served, the next request asks again (the caller's cache decides whether to refresh).
    release = () => undefined;
    const next = ask(forGraph);
    while (asked.length === 1) await new Promise((resolve) => setTimeout(resolve, 10));
    release({ accessToken: 'later-token', expiresOn: EXPIRES });
    expect((await next).body.access_token).toBe('later-token');
  });

  it('closes at the end of the run while a slow client holds a connection open mid-header', async () => {
    await start();
    const socket = connect({ host: '127.0.0.1', port: port() });
    socket.on('error', () => undefined); // the reset is what closing it looks like
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /msi/token HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await broker!.close();
    await closed;
    broker = undefined;
  });

  it('closes at the end of the run while a token request is in flight, and counts it once it ends', async () => {
    let release: (token: BrokerToken) => void = () => undefined;
    await start(() => new Promise((resolve) => (release = resolve)));
    const pending = ask(forGraph).catch((error: NodeJS.ErrnoException) => error.code);
    while (asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await broker!.close();
    expect(await pending).toBe('ECONNRESET');
    release({ accessToken: 'late-token', expiresOn: EXPIRES });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A token nobody received was not served.
    expect(broker!.counts().ok).toBe(0);
    broker = undefined;
  });
});

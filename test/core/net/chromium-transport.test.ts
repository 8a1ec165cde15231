import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChromiumTransport } from '../../../electron/core/net/chromium-transport.js';
import { readProxySetting } from '../../../electron/core/net/chromium-proxy.js';
import { ConnectionFailure } from '../../../electron/core/net/connection-failure.js';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { isCertificateFailure } from '../../../electron/core/net/network-error.js';
import { GraphExchange } from '../../../electron/core/graph/graph-exchange.js';
import type { OutgoingRequest } from '../../../electron/core/net/http-transport.js';
import { FakeNet, nextRequest } from './support/fake-net.js';

const GRAPH = new URL('https://graph.microsoft.com/v1.0/me');

function transport(net: FakeNet, proxy?: string, onHost?: (host: string) => void): ChromiumTransport {
  return new ChromiumTransport({ network: () => Promise.resolve(net), setting: readProxySetting(proxy), ...(onHost ? { onHost } : {}) });
}

function get(overrides: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return { method: 'GET', url: GRAPH, headers: {}, timeoutMs: 100_000, timeout: 'deadline', ...overrides };
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('what Chromium is asked to send', () => {
  it('sends the method, URL, headers and body, asks for redirects back, and keeps cookies and the disk cache out', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(200, { 'content-type': 'application/json' }, '{"ok":true}');
    const response = await transport(net).send(
      get({ method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: { kind: 'bytes', bytes: Buffer.from('{"a":1}') } }),
    );

    expect(await readAll(response.stream)).toBe('{"ok":true}');
    const sent = net.last();
    expect(sent.options).toEqual({ method: 'POST', url: GRAPH.href, redirect: 'manual', useSessionCookies: false, cache: 'no-store' });
    expect(sent.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer t' });
    expect(sent.body?.toString()).toBe('{"a":1}');
  });

  it('leaves Content-Length and Host to Chromium, which refuses them from the caller (ERR_INVALID_ARGUMENT)', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(200);
    await transport(net).send(get({ method: 'POST', headers: { 'Content-Length': '2', host: 'evil.test', accept: 'application/json' }, body: { kind: 'bytes', bytes: Buffer.from('{}') } }));

    expect(net.last().headers).toEqual({ accept: 'application/json' });
    expect(net.last().body?.length).toBe(2);
  });

  it('sends an upload chunk read from its file, with exactly the declared number of bytes', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(202);
    const chunk = Buffer.alloc(3 * 320 * 1024, 7);
    const open = vi.fn(() => Readable.from([chunk.subarray(0, 1000), chunk.subarray(1000)]));
    const response = await transport(net).send(get({ method: 'PUT', body: { kind: 'stream', length: chunk.length, open }, timeout: 'idle' }));

    expect(response.status).toBe(202);
    expect(open).toHaveBeenCalledTimes(1);
    expect(net.last().body?.equals(chunk)).toBe(true);
  });

  it('refuses to send a chunk whose file is shorter than declared, before anything reaches the network', async () => {
    const net = new FakeNet();
    const error = await failureOf(transport(net).send(get({ method: 'PUT', body: { kind: 'stream', length: 10, open: () => Readable.from([Buffer.from('short')]) } })));

    expect((error as Error).message).toMatch(/fewer bytes than the 10 it declared/);
    expect(error).not.toBeInstanceOf(ConnectionFailure);
    expect(net.requests).toHaveLength(0);
  });

  it('reports a file that cannot be read as it is, not as a network failure', async () => {
    const net = new FakeNet();
    const gone = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    const error = await failureOf(transport(net).send(get({ method: 'PUT', body: { kind: 'stream', length: 10, open: () => new Readable({ read() { this.destroy(gone); } }) } })));

    expect(error).toBe(gone);
    expect(net.requests).toHaveLength(0);
  });
});

describe('the answer', () => {
  it('hands a large download over as a stream that Chromium fills only as fast as it is read', async () => {
    const net = new FakeNet();
    const chunkBytes = 64 * 1024;
    const totalChunks = 1024; // 64 MiB
    let produced = 0;
    const body = new Readable({
      highWaterMark: chunkBytes,
      read() {
        if (produced === totalChunks) this.push(null);
        else {
          produced += 1;
          this.push(Buffer.alloc(chunkBytes, produced % 256));
        }
      },
    });
    net.onRequest = (request) => request.respond(200, { 'content-length': String(chunkBytes * totalChunks) }, body);
    const response = await transport(net).send(get({ timeout: 'idle', timeoutMs: 60_000 }));

    const iterator = response.stream[Symbol.asyncIterator]();
    await iterator.next();
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    // One chunk read: only a few more were pulled from Chromium, not the whole body.
    expect(produced).toBeLessThan(8);

    let bytes = chunkBytes;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) bytes += (next.value as Buffer).length;
    expect(bytes).toBe(chunkBytes * totalChunks);
    expect(produced).toBe(totalChunks);
  });

  it('stops the download in Chromium when the reader gives up on the body', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(200, {}, new Readable({ read() {} }));
    const response = await transport(net).send(get());
    response.stream.destroy();
    await new Promise((resolve) => setImmediate(resolve));

    expect(net.last().aborted).toBe(true);
  });

  it('gives header names in lower case, with repeated headers joined by ", "', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(200, { 'Request-Id': 'r-1', 'WWW-Authenticate': ['Bearer realm=""', 'Basic'], 'x-empty': '' });
    const response = await transport(net).send(get());

    expect(response.headers).toEqual({ 'request-id': 'r-1', 'www-authenticate': 'Bearer realm="", Basic', 'x-empty': '' });
  });

  it('drops the length and encoding of a body Chromium has already decompressed, so a download is not judged cut short', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(200, { 'content-encoding': 'gzip', 'content-length': '20', 'content-type': 'text/plain' }, 'a longer decoded body');
    const response = await transport(net).send(get());

    expect(response.headers).toEqual({ 'content-type': 'text/plain' });
    expect(await readAll(response.stream)).toBe('a longer decoded body');
  });

  it("returns Graph's 302 to the download host as a 302 with its Location, without following it", async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.redirect(302, 'https://contoso.sharepoint.com/download.aspx?tempauth=x', { 'request-id': ['r-302'] });
    const response = await transport(net).send(get());

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('https://contoso.sharepoint.com/download.aspx?tempauth=x');
    expect(response.headers['request-id']).toBe('r-302');
    expect(await readAll(response.stream)).toBe('');
    expect(net.last().followed).toBe(false);
    expect(net.requests).toHaveLength(1);
  });

  it('lets the Graph client follow the download redirect itself, without the token on the download host', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => {
      if (request.options.url.startsWith('https://graph.microsoft.com/')) request.redirect(302, 'https://contoso-my.sharepoint.com/download?tempauth=abc');
      else request.respond(200, { 'content-length': '5' }, 'hello');
    };
    const exchange = new GraphExchange(transport(net), {
      getToken: () => Promise.resolve('secret-token'),
      maxAttempts: 3,
      maxRetryAfterSeconds: 60,
      sleep: () => Promise.resolve(),
      timeoutMs: 100_000,
      clock: { now: () => new Date('2026-12-01T00:00:00Z') },
      random: () => 0.5,
    });
    const text = await exchange.run(
      { method: 'GET', url: new URL('https://graph.microsoft.com/v1.0/me/drive/items/1/content'), what: 'the download', authenticated: true, timeout: 'idle', followRedirects: true },
      (response) => readAll(response.stream),
    );

    expect(text).toBe('hello');
    expect(net.requests.map((request) => [new URL(request.options.url).host, request.headers.authorization])).toEqual([
      ['graph.microsoft.com', 'Bearer secret-token'],
      ['contoso-my.sharepoint.com', undefined],
    ]);
  });
});

describe('timeouts and cancellation', () => {
  it('gives up on an exchange that has not ended by its deadline, as a timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const net = new FakeNet();
    const sending = transport(net).send(get({ timeoutMs: 30_000 }));
    const request = await nextRequest(net);
    vi.advanceTimersByTime(30_000);
    const error = await failureOf(sending);

    expect(error).toBeInstanceOf(ConnectionFailure);
    expect((error as ConnectionFailure).code).toBe('ETIMEDOUT');
    expect((error as Error).message).toBe('no answer within 30 s');
    expect(request.aborted).toBe(true);
  });

  it('counts the body against the deadline too: a body that stalls after the headers ends as a timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const net = new FakeNet();
    const body = new Readable({ read() {} });
    net.onRequest = (request) => request.respond(200, {}, body);
    const response = await transport(net).send(get({ timeoutMs: 10_000 }));
    body.push('part of it');
    const reading = readAll(response.stream).catch((error: unknown) => response.explain(error));
    vi.advanceTimersByTime(10_000);
    const error = await reading;

    expect(error).toBeInstanceOf(ConnectionFailure);
    expect((error as ConnectionFailure).code).toBe('ETIMEDOUT');
    expect(net.last().aborted).toBe(true);
  });

  it('lets a slow transfer run as long as data keeps coming, and ends it after the idle limit of silence', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const net = new FakeNet();
    const body = new Readable({ read() {} });
    net.onRequest = (request) => request.respond(200, {}, body);
    const response = await transport(net).send(get({ timeout: 'idle', timeoutMs: 1000 }));
    const chunks: string[] = [];
    response.stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const ended = new Promise<unknown>((resolve) => response.stream.once('error', (error) => resolve(response.explain(error))));
    for (let second = 0; second < 5; second += 1) {
      vi.advanceTimersByTime(900);
      body.push(`chunk ${second}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(chunks).toHaveLength(5);
    vi.advanceTimersByTime(1000);
    const error = await ended;

    expect(error).toBeInstanceOf(ConnectionFailure);
    expect((error as Error).message).toBe('no data for 1 s');
  });

  it('counts upload progress as activity while a large chunk is still going up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const net = new FakeNet();
    const sending = transport(net).send(get({ method: 'PUT', timeout: 'idle', timeoutMs: 1000, body: { kind: 'bytes', bytes: Buffer.alloc(1000) } }));
    const request = await nextRequest(net);
    for (let step = 1; step <= 4; step += 1) {
      vi.advanceTimersByTime(900);
      request.emit('upload-progress', step * 250, 1000);
    }
    request.respond(201);
    const response = await sending;

    expect(response.status).toBe(201);
    expect(request.aborted).toBe(false);
  });

  it('stops at once when the job is cancelled before the answer, as a cancellation', async () => {
    const net = new FakeNet();
    const controller = new AbortController();
    const sending = transport(net).send(get({ signal: controller.signal }));
    const request = await nextRequest(net);
    controller.abort();
    const error = await failureOf(sending);

    expect(error).toBeInstanceOf(DelegateError);
    expect((error as DelegateError).code).toBe('cancelled');
    expect(request.aborted).toBe(true);
  });

  it('cuts a download short when the job is cancelled while reading, as a cancellation', async () => {
    const net = new FakeNet();
    const controller = new AbortController();
    const body = new Readable({ read() {} });
    net.onRequest = (request) => request.respond(200, {}, body);
    const response = await transport(net).send(get({ signal: controller.signal, timeout: 'idle' }));
    body.push('some');
    const reading = readAll(response.stream).catch((error: unknown) => response.explain(error));
    controller.abort();

    expect(((await reading) as DelegateError).code).toBe('cancelled');
    expect(net.last().aborted).toBe(true);
  });

  it('sends nothing for a request cancelled before it started', async () => {
    const net = new FakeNet();
    const controller = new AbortController();
    controller.abort();

    expect(((await failureOf(transport(net).send(get({ signal: controller.signal })))) as DelegateError).code).toBe('cancelled');
    expect(net.requests).toHaveLength(0);
  });
});

describe("Chromium's errors", () => {
  // [Chromium error, code core sees, beforeSending]
  const table: Array<[string, string, boolean]> = [
    ['ERR_NAME_NOT_RESOLVED', 'ENOTFOUND', true],
    ['ERR_CONNECTION_REFUSED', 'ECONNREFUSED', true],
    ['ERR_CONNECTION_TIMED_OUT', 'ETIMEDOUT', true],
    ['ERR_ADDRESS_UNREACHABLE', 'EHOSTUNREACH', true],
    ['ERR_PROXY_CONNECTION_FAILED', 'EPROXYUNREACHABLE', true],
    ['ERR_TUNNEL_CONNECTION_FAILED', 'EPROXYTUNNEL', true],
    ['ERR_MANDATORY_PROXY_CONFIGURATION_FAILED', 'EPROXYPAC', true],
    ['ERR_CERT_AUTHORITY_INVALID', 'ERR_CERT_AUTHORITY_INVALID', true],
    ['ERR_CERT_DATE_INVALID', 'ERR_CERT_DATE_INVALID', true],
    ['ERR_CERT_COMMON_NAME_INVALID', 'ERR_CERT_COMMON_NAME_INVALID', true],
    ['ERR_CONNECTION_RESET', 'ECONNRESET', false],
    ['ERR_CONNECTION_CLOSED', 'ECONNRESET', false],
    ['ERR_EMPTY_RESPONSE', 'ECONNRESET', false],
    ['ERR_TIMED_OUT', 'ETIMEDOUT', false],
    ['ERR_INTERNET_DISCONNECTED', 'ENETDOWN', false],
    ['ERR_NETWORK_CHANGED', 'ECONNRESET', false],
    ['ERR_HTTP2_PROTOCOL_ERROR', 'ERR_HTTP2_PROTOCOL_ERROR', false],
    ['ERR_SSL_PROTOCOL_ERROR', 'ERR_SSL_PROTOCOL_ERROR', false],
  ];

  it.each(table)('net::%s becomes %s, marked as sent-nothing only when it proves it (%s)', async (name, code, beforeSending) => {
    const net = new FakeNet();
    net.onRequest = (request) => request.fail(name);
    const error = await failureOf(transport(net).send(get({ method: 'POST', body: { kind: 'bytes', bytes: Buffer.from('{}') } })));

    expect(error).toBeInstanceOf(ConnectionFailure);
    const failure = error as ConnectionFailure;
    expect(failure.code).toBe(code);
    expect(failure.beforeSending).toBe(beforeSending);
    expect(failure.mayHaveReachedServer).toBe(!beforeSending);
    expect(failure.message).toContain(name);
    expect(failure.target.href).toBe(GRAPH.href);
  });

  it('treats every certificate error as one that no retry can fix', async () => {
    for (const name of ['ERR_CERT_AUTHORITY_INVALID', 'ERR_CERT_DATE_INVALID', 'ERR_CERT_COMMON_NAME_INVALID', 'ERR_CERT_REVOKED']) {
      const net = new FakeNet();
      net.onRequest = (request) => request.fail(name);
      const failure = (await failureOf(transport(net).send(get()))) as ConnectionFailure;
      expect(isCertificateFailure(failure.code)).toBe(true);
      expect(failure.retryable).toBe(false);
      expect(failure.toDelegateError().message).toBe(`The certificate of graph.microsoft.com is not trusted (${name}).`);
    }
  });

  it('names the configured proxy (without its password) when it cannot be reached, and says what to check', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.fail('ERR_PROXY_CONNECTION_FAILED');
    const failure = (await failureOf(transport(net, 'http://alice:s3cret@proxy.corp.test:3128').send(get()))) as ConnectionFailure;
    const shown = failure.toDelegateError();

    expect(shown.message).toBe(
      'Could not reach graph.microsoft.com: the proxy http://alice:***@proxy.corp.test:3128 could not be reached; check the proxy setting (or ask IT whether it changed) (ERR_PROXY_CONNECTION_FAILED) (EPROXYUNREACHABLE).',
    );
    expect(JSON.stringify(shown.toData())).not.toContain('s3cret');
  });

  it('says the system proxy refused the tunnel when Chromium chose the proxy', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.fail('ERR_TUNNEL_CONNECTION_FAILED');
    const failure = (await failureOf(transport(net).send(get()))) as ConnectionFailure;

    expect(failure.message).toBe("the proxy of this computer's network settings refused to connect to it (the proxy may block this host, or could not reach it itself) (ERR_TUNNEL_CONNECTION_FAILED)");
  });

  it('reports a request Chromium refuses as malformed as the local mistake it is, not as a network failure', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.fail('ERR_INVALID_ARGUMENT');
    const error = await failureOf(transport(net).send(get()));

    expect(error).not.toBeInstanceOf(ConnectionFailure);
    expect((error as Error).message).toBe('net::ERR_INVALID_ARGUMENT');
  });

  it('explains a connection reset in the middle of a download as a broken connection', async () => {
    const net = new FakeNet();
    const body = new Readable({ read() {} });
    net.onRequest = (request) => request.respond(200, { 'content-length': '100' }, body);
    const response = await transport(net).send(get({ timeout: 'idle' }));
    body.push('first half');
    const reading = readAll(response.stream).catch((error: unknown) => response.explain(error));
    await new Promise((resolve) => setImmediate(resolve));
    net.last().fail('ERR_CONNECTION_RESET');
    const error = (await reading) as ConnectionFailure;

    expect(error).toBeInstanceOf(ConnectionFailure);
    expect(error.code).toBe('ECONNRESET');
  });
});

describe('sending a mail again after a failure', () => {
  function exchangeOver(net: FakeNet): GraphExchange {
    return new GraphExchange(transport(net), {
      getToken: () => Promise.resolve('token'),
      maxAttempts: 3,
      maxRetryAfterSeconds: 60,
      sleep: () => Promise.resolve(),
      timeoutMs: 100_000,
      clock: { now: () => new Date('2026-12-01T00:00:00Z') },
      random: () => 0.5,
    });
  }
  const sendMail = { method: 'POST', url: new URL('https://graph.microsoft.com/v1.0/me/sendMail'), what: 'POST /me/sendMail', authenticated: true, timeout: 'deadline' as const, body: { kind: 'bytes' as const, bytes: Buffer.from('{}') } };

  it('does not send a mail twice after Chromium reports the connection reset: Graph may have sent it', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.fail('ERR_CONNECTION_RESET');
    const error = (await failureOf(exchangeOver(net).run(sendMail, () => Promise.resolve()))) as DelegateError;

    expect(net.requests).toHaveLength(1);
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/Delegate did not send it again, because Microsoft Graph may already have carried it out/);
  });

  it('sends it again after a name that did not resolve, since nothing left the computer', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => (net.requests.length === 1 ? request.fail('ERR_NAME_NOT_RESOLVED') : request.respond(202));
    await exchangeOver(net).run(sendMail, () => Promise.resolve());

    expect(net.requests).toHaveLength(2);
  });
});

describe('proxy credentials', () => {
  it('says the proxy asks for credentials, and where to put them, when none are configured', async () => {
    const net = new FakeNet();
    const answers: Array<{ username?: string; password?: string }> = [];
    net.onRequest = (request) => {
      answers.push(request.login({ scheme: 'basic' }));
      request.fail('ERR_PROXY_AUTH_REQUESTED');
    };
    const error = (await failureOf(transport(net).send(get()))) as DelegateError;

    expect(answers).toEqual([{}]);
    expect(error).toBeInstanceOf(DelegateError);
    expect(error.code).toBe('network');
    expect(error.message).toBe("The proxy of this computer's network settings asks for credentials before it lets Delegate reach graph.microsoft.com (HTTP 407).");
    expect(error.action).toMatch(/"proxy" setting of config.json \(http:\/\/user:password@proxy:port\)/);
  });

  it('turns a 407 answer into the same clear error, not into an answer for the caller to parse', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(407, { 'proxy-authenticate': 'Basic realm="corp"' }, '<html>denied</html>');
    const error = (await failureOf(transport(net).send(get()))) as DelegateError;

    expect(error).toBeInstanceOf(DelegateError);
    expect(error.message).toMatch(/asks for credentials before it lets Delegate reach graph.microsoft.com \(HTTP 407\)/);
  });

  it('turns a tunnel failure after a cancelled proxy challenge into the credentials error, whatever code Chromium picks', async () => {
    const net = new FakeNet();
    net.onRequest = (request) => {
      request.login({ scheme: 'basic' });
      request.fail('ERR_TUNNEL_CONNECTION_FAILED');
    };
    const error = (await failureOf(transport(net).send(get()))) as DelegateError;

    expect(error).toBeInstanceOf(DelegateError);
    expect(error.message).toMatch(/asks for credentials/);
  });

  it('answers the configured proxy once with the user name and password of the proxy setting', async () => {
    const net = new FakeNet();
    const answers: Array<{ username?: string; password?: string }> = [];
    net.onRequest = (request) => {
      answers.push(request.login({ host: 'proxy.corp.test', scheme: 'basic' }));
      request.respond(200, {}, 'through');
    };
    const response = await transport(net, 'http://corp%5Calice:p%40ss@proxy.corp.test:3128').send(get());

    expect(await readAll(response.stream)).toBe('through');
    expect(answers).toEqual([{ username: 'corp\\alice', password: 'p@ss' }]);
  });

  it('does not try a refused password again, and says the proxy refused it, without repeating it', async () => {
    const net = new FakeNet();
    const answers: Array<{ username?: string; password?: string }> = [];
    net.onRequest = (request) => {
      answers.push(request.login({ host: 'proxy.corp.test' }));
      answers.push(request.login({ host: 'proxy.corp.test' }));
      request.fail('ERR_PROXY_AUTH_REQUESTED');
    };
    const error = (await failureOf(transport(net, 'http://alice:wrong-pass@proxy.corp.test:3128').send(get()))) as DelegateError;

    expect(answers).toEqual([{ username: 'alice', password: 'wrong-pass' }, {}]);
    expect(error.message).toBe('The proxy http://alice:***@proxy.corp.test:3128 refused the user name and password of the proxy setting, so Delegate could not reach graph.microsoft.com (HTTP 407).');
    expect(JSON.stringify(error.toData())).not.toContain('wrong-pass');
  });

  it('never gives the proxy password to a server, nor to another proxy', async () => {
    const net = new FakeNet();
    const answers: Array<{ username?: string; password?: string }> = [];
    net.onRequest = (request) => {
      answers.push(request.login({ isProxy: false, host: 'graph.microsoft.com', port: 443 }));
      answers.push(request.login({ isProxy: true, host: 'other-proxy.test' }));
      request.respond(401, { 'www-authenticate': 'Basic realm="x"' });
    };
    const response = await transport(net, 'http://alice:s3cret@proxy.corp.test:3128').send(get());

    expect(answers).toEqual([{}, {}]);
    expect(response.status).toBe(401);
  });
});

describe('the profile CA', () => {
  it("tells the trust which hosts a profile with a CA file talks to, as each request goes out", async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(200);
    const hosts: string[] = [];
    const chromium = transport(net, undefined, (host) => hosts.push(host));
    await chromium.send(get({ url: new URL('https://127.0.0.1:8443/tenant/oauth2/v2.0/token') }));
    await chromium.send(get({ url: new URL('https://[::1]:8444/v1.0/me') }));

    expect(hosts).toEqual(['127.0.0.1', '[::1]']);
  });
});

describe('closing', () => {
  it('stops the exchanges still running when its user is done', async () => {
    const net = new FakeNet();
    const chromium = transport(net);
    const sending = chromium.send(get());
    const request = await nextRequest(net);
    chromium.close();

    expect(((await failureOf(sending)) as DelegateError).code).toBe('cancelled');
    expect(request.aborted).toBe(true);
    await expect(chromium.send(get())).rejects.toThrow(/closed/);
  });
});

/**
 * Hostile networks: proxies that lie or go silent after CONNECT, hand-written proxy URLs and CA files, and
 * scripts that print their environment. Real sockets on loopback, the real emulator behind them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpsTransport } from '../../electron/core/graph/https-transport.js';
import { ConnectionFailure } from '../../electron/core/net/connection-failure.js';
import { DelegateError } from '../../electron/core/errors/delegate-error.js';
import { parseProxyUrl } from '../../electron/core/net/proxy-url.js';
import { redactSecrets } from '../../electron/core/history/redact.js';
import { scriptNetworkEnv } from '../../electron/core/net/child-network-env.js';
import { resolveProxy } from '../../electron/core/net/proxy-decision.js';
import type { IncomingResponse, OutgoingRequest } from '../../electron/core/net/http-transport.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';

let emulator: RunningEmulator;
let scratch: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
  scratch = mkdtempSync(join(tmpdir(), 'delegate-hostile-net-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A "proxy" that answers CONNECT with `answer` and then does whatever `after` does with the socket. */
async function lyingProxy(answer: string, after: (socket: Socket) => void = () => undefined): Promise<{ url: string; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.write(answer);
      after(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server, sockets };
}

async function closeProxy(proxy: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const socket of proxy.sockets) socket.destroy();
  await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (caught: unknown) => caught,
  );
}

const metadata = () => new URL(`${emulator.authorityHost}/organizations/v2.0/.well-known/openid-configuration`);

function send(transport: HttpsTransport, request: Partial<OutgoingRequest> = {}): Promise<IncomingResponse> {
  return transport.send({ method: 'GET', url: metadata(), headers: {}, timeoutMs: 1_500, timeout: 'deadline', ...request });
}

describe('a proxy that misbehaves after CONNECT', () => {
  it('a download through a proxy that answers CONNECT and then goes silent ends at the idle limit, safe to resend', async () => {
    const proxy = await lyingProxy('HTTP/1.1 200 Connection established\r\n\r\n');
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url });
    try {
      const error = await outcome(send(transport, { method: 'POST', body: { kind: 'bytes', bytes: Buffer.from('x') }, timeout: 'idle', timeoutMs: 800 }));
      expect(error).toBeInstanceOf(ConnectionFailure);
      expect((error as ConnectionFailure).code).toBe('ETIMEDOUT');
      // Nothing was sent: TLS never came up.
      expect((error as ConnectionFailure).mayHaveReachedServer).toBe(false);
    } finally {
      transport.close();
      await closeProxy(proxy);
    }
  }, 10_000);

  it('a sign-in request through a proxy that answers CONNECT and then goes silent ends at its deadline', async () => {
    const proxy = await lyingProxy('HTTP/1.1 200 Connection established\r\n\r\n');
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url });
    try {
      const error = await outcome(send(transport, { timeoutMs: 800 }));
      expect(error).toBeInstanceOf(ConnectionFailure);
      expect((error as ConnectionFailure).toDelegateError().message).toMatch(/no answer within 800 ms/);
    } finally {
      transport.close();
      await closeProxy(proxy);
    }
  }, 10_000);

  it('cancelling a request stuck behind a silent proxy ends it at once', async () => {
    const proxy = await lyingProxy('HTTP/1.1 200 Connection established\r\n\r\n');
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url });
    const controller = new AbortController();
    try {
      const pending = outcome(send(transport, { timeoutMs: 60_000, signal: controller.signal }));
      setTimeout(() => controller.abort(), 300);
      const error = await pending;
      expect(error).toBeInstanceOf(DelegateError);
      expect((error as DelegateError).code).toBe('cancelled');
    } finally {
      transport.close();
      await closeProxy(proxy);
    }
  }, 10_000);

  it('a proxy that answers CONNECT with 200 and then speaks plain HTTP is a network failure through the proxy, not a crash', async () => {
    const proxy = await lyingProxy('HTTP/1.1 200 OK\r\n\r\n', (socket) => socket.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/html\r\n\r\n<html>Blocked by policy</html>'));
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url });
    try {
      const error = await outcome(send(transport));
      expect(error).toBeInstanceOf(ConnectionFailure);
      const failure = error as ConnectionFailure;
      expect(failure.mayHaveReachedServer).toBe(false);
      const delegateError = failure.toDelegateError();
      expect(delegateError.code).toBe('network');
      expect(delegateError.message).toContain('through the proxy 127.0.0.1:');
    } finally {
      transport.close();
      await closeProxy(proxy);
    }
  });
});

describe('hand-written proxy URLs', () => {
  it.each([
    ['a password of digits before a slash', 'http://alice:2024/summer@proxy.corp:8080', '2024'],
    ['a password of digits before a #', 'http://alice:8675#309@proxy.corp:8080', '8675'],
    ['a password of digits before a ?', 'http://alice:1234?x@proxy.corp:8080', '1234'],
  ])('the error about %s does not show the password', (_name, value, secret) => {
    let error: unknown;
    try {
      parseProxyUrl(value, 'HTTPS_PROXY');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DelegateError);
    expect(JSON.stringify((error as DelegateError).toData())).not.toContain(secret);
    expect((error as DelegateError).message).toContain('HTTPS_PROXY');
  });
});

describe('a hand-made CA file', () => {
  it('a bundle with one damaged certificate among good ones is a config error naming the file, not a crash', async () => {
    const good = readFileSync(emulator.caFile, 'utf8');
    const file = join(scratch, 'corporate-bundle.pem');
    writeFileSync(file, `${good}\n-----BEGIN CERTIFICATE-----\nMIIBnotbase64atall!!!\n-----END CERTIFICATE-----\n`);
    const transport = new HttpsTransport({ caFile: file }, {});
    try {
      const error = await outcome(send(transport));
      expect(error).toBeInstanceOf(DelegateError);
      expect((error as DelegateError).code).toBe('invalid-config');
      expect((error as DelegateError).message).toContain(file);
    } finally {
      transport.close();
    }
  });
});

describe('proxy passwords in what scripts print', () => {
  it('a script that prints its environment leaves no proxy password in its output', () => {
    const dump = ['HTTPS_PROXY=http://bob:Winter%402026@proxy.corp:8080', 'https_proxy=https://bob:hunter2@[fd00::1]:3128/', 'ALL_PROXY=socks5h://u:sesame@p:1080'].join('\n');
    const shown = redactSecrets(dump);
    expect(shown).not.toContain('Winter');
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('sesame');
    expect(shown).toContain('proxy.corp:8080');
    // Plain URLs without a password stay readable.
    expect(redactSecrets('see https://learn.microsoft.com/en-us/graph and http://bob@proxy:8080')).toBe('see https://learn.microsoft.com/en-us/graph and http://bob@proxy:8080');
    // What Delegate itself already redacted stays as people have seen it elsewhere.
    expect(redactSecrets('the proxy http://corp%5Calice:***@127.0.0.1:3128')).toBe('the proxy http://corp%5Calice:***@127.0.0.1:3128');
  });
});

describe("a script job's own proxy variables", () => {
  it("a job that sets HTTPS_PROXY gets it in both spellings, over Delegate's", () => {
    const env = scriptNetworkEnv(scratch, { proxy: 'http://delegate-proxy:3128' }, { HTTPS_PROXY: 'http://job-proxy:8080' }, {});
    expect(env.HTTPS_PROXY).toBe('http://job-proxy:8080');
    expect(env.https_proxy).toBe('http://job-proxy:8080');
  });

  it('a job that sets only no_proxy gets it in both spellings', () => {
    const env = scriptNetworkEnv(scratch, {}, { no_proxy: 'internal.corp' }, { NO_PROXY: 'other', HTTPS_PROXY: 'http://p:1' });
    expect(env.NO_PROXY).toBe('internal.corp');
    expect(env.no_proxy).toBe('internal.corp');
    expect(env.HTTPS_PROXY).toBe('http://p:1');
  });
});

describe('NO_PROXY as people really write it', () => {
  const via = (target: string, noProxy: string): string | null => resolveProxy(new URL(target), {}, { HTTPS_PROXY: 'http://proxy.corp:8080', NO_PROXY: noProxy }).decision.proxy;
  const PROXY = 'http://proxy.corp:8080';

  it('junk entries (an impossible CIDR, a bare "*.", empty items) bypass nothing and break nothing', () => {
    for (const junk of ['10.0.0.0/33', '*.', '.', ',,, ,', 'http://graph.microsoft.com', '::/200', '[::1', 'graph.microsoft.com:99999']) {
      expect(via('https://graph.microsoft.com/v1.0/me', junk), junk).toBe(PROXY);
      expect(via('https://10.1.2.3/', junk), junk).toBe(PROXY);
    }
  });

  it('case, trailing dots, brackets and ports are read the way curl reads them', () => {
    expect(via('https://Graph.Microsoft.COM./v1.0/me', ',MICROSOFT.com.,')).toBeNull();
    expect(via('https://[::1]:8443/', '[::1]:8443')).toBeNull();
    expect(via('https://[::1]:8444/', '[::1]:8443')).toBe(PROXY);
    expect(via('https://[fd00::5]/', 'fd00::/8')).toBeNull();
    // localhost and 127.0.0.1 are different entries: no name is resolved to decide.
    expect(via('https://127.0.0.1/', 'localhost')).toBe(PROXY);
  });

  it('a very long list is still read to its last entry', () => {
    const list = [...Array.from({ length: 5000 }, (_unused, index) => `host${index}.example`), 'login.microsoftonline.com'].join(',');
    expect(via('https://login.microsoftonline.com/organizations/v2.0', list)).toBeNull();
  });
});

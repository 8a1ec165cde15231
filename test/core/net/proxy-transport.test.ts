import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpsTransport } from '../../../electron/core/graph/https-transport.js';
import { NetworkClient } from '../../../electron/core/auth/network-client.js';
import { ConnectionFailure } from '../../../electron/core/net/connection-failure.js';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import type { IncomingResponse } from '../../../electron/core/net/http-transport.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy.js';
import { closedPort } from '../../support/closed-port.js';

let emulator: RunningEmulator;
let proxy: ConnectProxy;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, hostname: 'login.delegate.test', graphHostname: 'graph.delegate.test' });
  proxy = await startConnectProxy();
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});
beforeEach(() => {
  proxy.mode = 'tunnel';
  proxy.tunnels.length = 0;
});

const metadata = () => new URL(`${emulator.authorityHost}/organizations/v2.0/.well-known/openid-configuration`);

async function get(transport: HttpsTransport, url: URL): Promise<{ status: number; body: string }> {
  const response: IncomingResponse = await transport.send({ method: 'GET', url, headers: {}, timeoutMs: 10_000, timeout: 'deadline' });
  let body = '';
  for await (const chunk of response.stream) body += String(chunk);
  return { status: response.status, body };
}

async function failureOf(promise: Promise<unknown>): Promise<ConnectionFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectionFailure);
  return error as ConnectionFailure;
}

describe('the node transport behind a CONNECT proxy', () => {
  it('reaches a host only the proxy can resolve, through one kept-alive tunnel', async () => {
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url() });
    try {
      expect((await get(transport, metadata())).status).toBe(200);
      expect((await get(transport, metadata())).status).toBe(200);
      const port = new URL(emulator.authorityHost).port;
      expect(proxy.tunnels).toEqual([{ target: `login.delegate.test:${port}`, status: 200 }]);
    } finally {
      transport.close();
    }
  });

  it('turns the proxy\'s 407 into "the proxy asks for credentials", never retried, without the password', async () => {
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url({ user: 'proxyuser', password: 'wrong-hunter2' }) });
    const failure = await failureOf(get(transport, metadata()));
    transport.close();
    expect(failure.retryable).toBe(false);
    expect(failure.mayHaveReachedServer).toBe(false);
    const error = failure.toDelegateError();
    expect(error.code).toBe('network');
    expect(error.message).toContain(`The proxy ${proxy.hostPort} asks for credentials (HTTP 407)`);
    expect(error.message).toContain('Basic realm');
    expect(error.action).toMatch(/HTTPS_PROXY=http:\/\/user:password@/);
    expect(error.action).toMatch(/NTLM or Kerberos .*desktop app/);
    expect(JSON.stringify(error.toData())).not.toContain('hunter2');
  });

  it('without credentials, the 407 says the same and how to give them', async () => {
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { https_proxy: proxy.url(null) });
    const error = (await failureOf(get(transport, metadata()))).toDelegateError();
    transport.close();
    expect(error.message).toMatch(/asks for credentials \(HTTP 407\)\./);
    expect(error.action).toContain('https_proxy=http://user:password@');
  });

  it('names the proxy, not the server, when the proxy cannot be reached', async () => {
    const port = await closedPort();
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: `http://127.0.0.1:${port}` });
    const failure = await failureOf(get(transport, metadata()));
    transport.close();
    expect(failure.retryable).toBe(true);
    expect(failure.mayHaveReachedServer).toBe(false);
    const error = failure.toDelegateError('Your sign-in is unchanged.');
    expect(error.message).toContain(`Could not reach the proxy 127.0.0.1:${port} (from HTTPS_PROXY)`);
    expect(error.message).not.toContain('login.delegate.test');
    expect(error.action).toContain('Your sign-in is unchanged.');
  });

  it('says the proxy refused the tunnel when it answers CONNECT with 502', async () => {
    proxy.mode = 'bad-gateway';
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url() });
    const error = (await failureOf(get(transport, metadata()))).toDelegateError();
    transport.close();
    expect(error.message).toMatch(new RegExp(`The proxy ${proxy.hostPort.replace(/[.[\]]/g, '\\$&')} \\(from HTTPS_PROXY\\) refused to connect to login\\.delegate\\.test:\\d+ \\(HTTP 502 Bad Gateway\\)`));
  });

  it('a tunnel the proxy closes at once is a failure through the proxy, safe to resend', async () => {
    proxy.mode = 'close-tunnel';
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url() });
    const failure = await failureOf(get(transport, metadata()));
    transport.close();
    expect(failure.mayHaveReachedServer).toBe(false);
    expect(failure.toDelegateError().message).toContain(`login.delegate.test:${new URL(emulator.authorityHost).port} through the proxy ${proxy.hostPort}`);
  });

  it('goes direct for a NO_PROXY host, which then cannot be resolved at all', async () => {
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url(), NO_PROXY: 'example.com, .delegate.test' });
    const failure = await failureOf(get(transport, metadata()));
    transport.close();
    expect(proxy.tunnels).toEqual([]);
    expect(failure.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it('reaches the proxy at an IPv6 address', async () => {
    const v6 = await startConnectProxy({ ipv6: true });
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: v6.url() });
    try {
      expect((await get(transport, metadata())).status).toBe(200);
      expect(v6.tunnels).toHaveLength(1);
      expect(v6.hostPort).toMatch(/^\[::1\]:\d+$/);
    } finally {
      transport.close();
      await v6.close();
    }
  });

  it('rejects garbage in HTTPS_PROXY with an error naming the variable, not a crash', async () => {
    const transport = new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: 'socks5://u:hunter2@p:1080' });
    const error = await get(transport, metadata()).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DelegateError);
    expect((error as DelegateError).code).toBe('invalid-config');
    expect((error as DelegateError).message).toContain('HTTPS_PROXY');
    expect((error as DelegateError).message).not.toContain('hunter2');
  });
});

describe("msal's network client on the same transport", () => {
  it('fetches through the proxy, and a 407 becomes its last failure with the proxy message', async () => {
    const good = new NetworkClient({ caFile: emulator.caFile, transport: new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url() }) });
    const answer = await good.sendGetRequestAsync<{ issuer: string }>(metadata().href);
    expect(answer.status).toBe(200);
    expect(answer.body.issuer).toContain('login.delegate.test');
    good.close();

    const bad = new NetworkClient({ transport: new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url({ user: 'proxyuser', password: 'nope' }) }) });
    const error = await bad.sendGetRequestAsync(metadata().href).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    bad.close();
    expect(error).toBeInstanceOf(DelegateError);
    expect(bad.lastFailure).toBe(error);
    expect((error as DelegateError).message).toContain('asks for credentials (HTTP 407)');
    expect((error as DelegateError).action).toContain('Your sign-in is unchanged.');
  });

  it('sends each sign-in request on a fresh connection, so a device code poll never rides one the server is closing after 5 idle seconds', async () => {
    const client = new NetworkClient({ caFile: emulator.caFile, transport: new HttpsTransport({ caFile: emulator.caFile }, { HTTPS_PROXY: proxy.url() }) });
    const token = `${emulator.authorityHost}/organizations/oauth2/v2.0/token`;
    const poll = { body: 'grant_type=device_code&client_id=d3590ed6-52b3-4102-aeff-aad2292ab01c&device_code=unknown', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    for (let i = 0; i < 3; i++) {
      const answer = await client.sendPostRequestAsync<{ error?: string }>(token, poll);
      expect(answer.body.error).toBe('bad_verification_code');
    }
    client.close();
    expect(proxy.tunnels).toHaveLength(3);
  });
});

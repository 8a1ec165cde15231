import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
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

async function start(token: (resource: string, graph: boolean) => Promise<BrokerToken> = async (resource) => ({ accessToken: `token-for-${resource}`, expiresOn: EXPIRES })) {
  broker = await startTokenBroker({
    allowed: allowedResources(GRAPH, [SHAREPOINT], undefined),
    token: (resource) => {
      asked.push(resource.resource);
      return token(resource.resource, resource.graph);
    },
    log: (line) => lines.push(line),
    owner: 'job "etl"',
  });
  return broker;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A raw HTTP request to the broker, with exactly the headers given (node adds Host unless one is given). */
function ask(options: { path?: string; query?: string; headers?: Record<string, string>; method?: string; withoutSecret?: boolean } = {}): Promise<Answer> {
  const url = new URL(broker!.endpoint);
  const query = options.query ?? `api-version=2019-08-01&resource=${encodeURIComponent(GRAPH)}`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: url.port, method: options.method ?? 'GET', path: `${options.path ?? url.pathname}?${query}`, headers: { ...(options.withoutSecret ? {} : { 'X-IDENTITY-HEADER': broker!.secret }), ...options.headers }, agent: false },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the token broker', () => {
  it('answers an App Service 2019-08-01 request with the token, its expiry in epoch seconds, the resource asked for and Bearer', async () => {
    await start();
    const answer = await ask({ query: `api-version=2019-08-01&resource=${encodeURIComponent(`${GRAPH}/`)}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ access_token: `token-for-${GRAPH}`, expires_on: String(Date.parse(EXPIRES) / 1000), resource: `${GRAPH}/`, token_type: 'Bearer' });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(broker!.counts()).toEqual({ ok: 1, refused: 0 });
  });

  it('listens on 127.0.0.1 only, at the App Service-style path it hands the child', async () => {
    await start();
    expect(broker!.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
  });

  it('refuses a missing or wrong secret with 401, logs it without the secret, and serves no token', async () => {
    await start();
    const missing = await ask({ withoutSecret: true });
    const wrong = await ask({ headers: { 'X-IDENTITY-HEADER': `${broker!.secret.slice(0, -1)}x` } });
    for (const answer of [missing, wrong]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ statusCode: 401, message: expect.stringContaining('X-IDENTITY-HEADER'), error: { code: 'unauthorized' } });
    }
    expect(lines).toEqual([
      'token broker (job "etl"): refused a request without X-IDENTITY-HEADER (401)',
      'token broker (job "etl"): refused a request with a wrong X-IDENTITY-HEADER (401)',
    ]);
    expect(lines.join('\n')).not.toContain(broker!.secret);
    expect(asked).toEqual([]);
    expect(broker!.counts()).toEqual({ ok: 0, refused: 2 });
  });

  it('refuses a request from a web page (an Origin header) with 403, even with the right secret', async () => {
    await start();
    const answer = await ask({ headers: { Origin: 'https://evil.example' } });
    expect(answer.status).toBe(403);
    expect(lines[0]).toContain('refused a request from a web page (Origin https://evil.example) (403)');
    expect(asked).toEqual([]);
  });

  it('refuses a request whose Host is not loopback (DNS rebinding) with 403', async () => {
    await start();
    const port = new URL(broker!.endpoint).port;
    expect((await ask({ headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await ask({ headers: { Host: '127.0.0.1:1' } })).status).toBe(403);
    expect((await ask({ headers: { Host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses a resource the job does not allow with 400 naming the allowed ones, and a permission scope too', async () => {
    await start();
    const other = await ask({ query: 'api-version=2019-08-01&resource=https%3A%2F%2Fmanagement.azure.com' });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ error: { code: 'resource_not_allowed' }, message: `job "etl" may not get tokens for https://management.azure.com: it may for ${GRAPH}, ${SHAREPOINT}. Add the resource to the job's broker.resources (or the profile's extra resources), or ask for one of these.` });
    expect((await ask({ query: `api-version=2019-08-01&resource=${encodeURIComponent(`${GRAPH}/User.Read`)}` })).status).toBe(400);
    expect(asked).toEqual([]);
  });

  it('serves an extra resource’s token, asked for by its .default scope', async () => {
    await start();
    const answer = await ask({ query: `api-version=2019-08-01&resource=${encodeURIComponent(`${SHAREPOINT}/.default`)}` });
    expect(answer.body).toMatchObject({ access_token: `token-for-${SHAREPOINT}`, resource: `${SHAREPOINT}/.default` });
  });

  it('refuses another api-version, a missing resource, a user-assigned identity, another path and another method', async () => {
    await start();
    expect((await ask({ query: `api-version=2017-09-01&resource=${GRAPH}` })).status).toBe(400);
    expect((await ask({ query: 'api-version=2019-08-01' })).status).toBe(400);
    const identity = await ask({ query: `api-version=2019-08-01&resource=${GRAPH}&client_id=1234` });
    expect(identity.status).toBe(400);
    expect(identity.body.message).toContain('has no user-assigned identity');
    expect((await ask({ path: '/other' })).status).toBe(404);
    const post = await ask({ method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect(broker!.counts()).toEqual({ ok: 0, refused: 5 });
  });

  it('turns a sign-in failure into a 403 that carries Delegate’s message and what to do, and remembers it for the run', async () => {
    await start(async () => {
      throw new DelegateError({ code: 'sign-in-required', message: 'The sign-in of profile "emu" has expired.', action: 'Run `delegate login --profile emu`.' });
    });
    const answer = await ask();
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'sign-in-required' }, message: `Delegate could not get a token for ${GRAPH}: The sign-in of profile "emu" has expired. Run \`delegate login --profile emu\`.` });
    expect(broker!.lastFailure()).toBe(answer.body.message);
  });

  it('answers a passing cause (network, locked keychain) with 503 and Retry-After, which the SDKs retry', async () => {
    await start(async () => {
      throw new DelegateError({ code: 'network', message: 'Entra ID could not be reached.', action: 'Check the network.' });
    });
    const answer = await ask();
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('10');
  });

  it('is closed when closed: the port refuses connections', async () => {
    await start();
    await broker!.close();
    await expect(ask()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('makes a new secret for each run', async () => {
    const first = await start();
    const secret = first.secret;
    await first.close();
    const second = await start();
    expect(second.secret).not.toBe(secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

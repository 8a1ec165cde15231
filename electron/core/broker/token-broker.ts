/**
 * The token broker: a loopback endpoint speaking App Service's managed-identity protocol (2019-08-01) for one
 * run, so that an unmodified script using DefaultAzureCredential or ManagedIdentityCredential (Python
 * azure-identity, @azure/identity, .NET) gets fresh delegated tokens of the signed-in user for as long as it runs.
 *
 * `GET <IDENTITY_ENDPOINT>?api-version=2019-08-01&resource=<R>` with `X-IDENTITY-HEADER: <IDENTITY_HEADER>`
 * answers `{access_token, expires_on, resource, token_type}`, `expires_on` in epoch seconds as a string, as App
 * Service sends it (Python's int() and msal-node's arithmetic both take it). The guards, in order:
 * - a request with an `Origin` header, or any `Sec-Fetch-*` header (a browser adds them to every request, also a
 *   no-cors one that carries no Origin), comes from a web page, never from an SDK: 403;
 * - a Host that is not loopback is a DNS-rebinding attempt (evil.example resolving to 127.0.0.1): 403;
 * - a missing or wrong secret: 401 (compared in constant time; identity-header.ts);
 * - anything but GET on the one path: 405/404; another api-version, a user-assigned identity, a resource the
 *   job does not allow: 400.
 * Every refusal is counted, and logged without the secret (the first twenty of a run: see LOGGED_REFUSALS); tokens come from the caller's silent-token path,
 * which refreshes them as they near expiry.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newBrokerSecret, secretMatches } from './identity-header.js';
import { refusalBody, tokenFailure, type BrokerRefusal } from './broker-answers.js';
import { matchResource, type BrokerResource } from './broker-resources.js';

export const BROKER_PATH = '/msi/token';
export const BROKER_API_VERSION = '2019-08-01';
/** Query parameters that ask for a user-assigned identity (App Service 2019-08-01 and msal-node's names). */
const IDENTITY_PARAMETERS = ['client_id', 'principal_id', 'object_id', 'mi_res_id', 'msi_res_id'];
/**
 * Refusals logged one by one per run; past that they are only counted. A local process hammering the port must
 * not fill the daemon's log and rotate away the lines that matter; the history row keeps the full count.
 */
const LOGGED_REFUSALS = 20;
/** Fetch metadata: browsers send these on every request (navigations and no-cors ones too); no SDK does. */
const BROWSER_HEADERS = ['sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-user'];

export interface BrokerToken {
  accessToken: string;
  /** ISO time, as msal-node reports it; null when unknown. */
  expiresOn: string | null;
}

export interface BrokerCounts {
  ok: number;
  refused: number;
}

export interface TokenBrokerOptions {
  allowed: readonly BrokerResource[];
  /** A silent token for an allowed resource (the standard partition, as `delegate token`). */
  token(resource: BrokerResource): Promise<BrokerToken>;
  /** The run's log; never given the secret or a token. */
  log(line: string): void;
  /** Who the broker serves, for messages: `job "etl"`, `delegate exec`. */
  owner: string;
  /** How to get a resource allowed, in a refusal (default: the job's broker.resources or the profile's extra resources). */
  notAllowedAdvice?: string;
  /** Why nothing is allowed when `allowed` is empty (`broker: false` in the jobs file). */
  disabledReason?: string;
  now?: () => number;
}

export interface TokenBroker {
  /** `http://127.0.0.1:PORT/msi/token`: the child's IDENTITY_ENDPOINT. */
  readonly endpoint: string;
  /** The child's IDENTITY_HEADER. */
  readonly secret: string;
  counts(): BrokerCounts;
  /** The last token failure (sign-in needed, network), for the run's error when the script then fails. */
  lastFailure(): string | null;
  /** Stops listening and ends open connections; resolves when the port is closed. */
  close(): Promise<void>;
}

export async function startTokenBroker(options: TokenBrokerOptions): Promise<TokenBroker> {
  const secret = newBrokerSecret();
  const counts: BrokerCounts = { ok: 0, refused: 0 };
  let failure: string | null = null;
  let port = 0;
  let closed = false;
  /**
   * One token request per resource at a time: a script with twenty threads asking at once must not become twenty
   * refreshes at Entra ID (which throttles repeated identical requests) and twenty keychain writes. Once it is
   * settled, the next request asks again: the caller's cache decides whether that needs Entra ID.
   */
  const inFlight = new Map<string, Promise<BrokerToken>>();
  const shared = (resource: BrokerResource): Promise<BrokerToken> => {
    let pending = inFlight.get(resource.resource);
    if (!pending) {
      pending = options.token(resource).finally(() => inFlight.delete(resource.resource));
      inFlight.set(resource.resource, pending);
    }
    return pending;
  };

  const refuse = (response: ServerResponse, refusal: BrokerRefusal, logged: string) => {
    counts.refused++;
    if (counts.refused <= LOGGED_REFUSALS) options.log(`token broker (${options.owner}): refused ${logged} (${refusal.status})`);
    if (counts.refused === LOGGED_REFUSALS) {
      options.log(`token broker (${options.owner}): refused ${LOGGED_REFUSALS} requests; further refusals are counted in the run's history, not logged one by one`);
    }
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
    if (refusal.retryAfter !== undefined) headers['retry-after'] = String(refusal.retryAfter);
    if (refusal.status === 405) headers.allow = 'GET';
    response.writeHead(refusal.status, headers).end(refusalBody(refusal));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const origin = request.headers.origin;
    const fetchSite = BROWSER_HEADERS.find((name) => request.headers[name] !== undefined);
    if (origin !== undefined || fetchSite !== undefined) {
      const from = origin !== undefined ? `Origin ${printable(origin)}` : `${fetchSite} ${printable(String(request.headers[fetchSite as string]))}`;
      return refuse(response, { status: 403, code: 'forbidden', message: 'Web pages may not use Delegate\'s token broker.' }, `a request from a web page (${from})`);
    }
    if (!isLoopbackHost(request.headers.host, port)) {
      return refuse(response, { status: 403, code: 'forbidden', message: 'Delegate\'s token broker answers requests to 127.0.0.1 only.' }, `a request for host ${printable(request.headers.host ?? '(none)')}`);
    }
    const presented = request.headers['x-identity-header'];
    if (!secretMatches(secret, typeof presented === 'string' ? presented : undefined)) {
      return refuse(
        response,
        { status: 401, code: 'unauthorized', message: 'The X-IDENTITY-HEADER header is missing or wrong: send the value of IDENTITY_HEADER, which Delegate sets for each run.' },
        `a request ${presented === undefined ? 'without' : 'with a wrong'} X-IDENTITY-HEADER`,
      );
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== BROKER_PATH && url.pathname !== `${BROKER_PATH}/`) {
      return refuse(response, { status: 404, code: 'not_found', message: `Use the path of IDENTITY_ENDPOINT (${BROKER_PATH}).` }, `a request for ${printable(url.pathname)}`);
    }
    if (request.method !== 'GET') {
      return refuse(response, { status: 405, code: 'method_not_allowed', message: 'Only GET is supported.' }, `a ${printable(request.method ?? '?')} request`);
    }
    const apiVersion = url.searchParams.get('api-version');
    if (apiVersion !== BROKER_API_VERSION) {
      return refuse(response, { status: 400, code: 'bad_request', message: `api-version must be ${BROKER_API_VERSION} (App Service's managed-identity protocol).` }, `api-version ${printable(apiVersion ?? '(none)')}`);
    }
    const identity = IDENTITY_PARAMETERS.find((name) => url.searchParams.has(name));
    if (identity) {
      return refuse(
        response,
        { status: 400, code: 'bad_request', message: `Delegate's broker serves the signed-in user's tokens and has no user-assigned identity: do not pass ${identity} (a client ID or AZURE_CLIENT_ID to ManagedIdentityCredential).` },
        `a request for a user-assigned identity (${identity})`,
      );
    }
    const requested = url.searchParams.get('resource');
    if (!requested) {
      return refuse(response, { status: 400, code: 'bad_request', message: 'The resource parameter is missing.' }, 'a request without a resource');
    }
    const resource = matchResource(options.allowed, requested);
    if (!resource) {
      const allowed = options.allowed.map((entry) => entry.resource).join(', ');
      const message = options.allowed.length === 0
        ? `${options.disabledReason ?? `The token broker of ${options.owner} serves no resource.`}`
        : `${options.owner} may not get tokens for ${requested}: it may for ${allowed}. ${options.notAllowedAdvice ?? 'Add the resource to the job\'s broker.resources (or the profile\'s extra resources), or ask for one of these.'}`;
      return refuse(response, { status: 400, code: 'resource_not_allowed', message }, `a token for ${printable(requested)} (not allowed)`);
    }
    let token: BrokerToken;
    try {
      token = await shared(resource);
    } catch (error) {
      // The run is over: nobody will read the answer, and the run's error is already written.
      if (closed) return;
      const refusal = tokenFailure(error, resource.resource);
      failure = refusal.message;
      return refuse(response, refusal, `a token for ${resource.resource}: ${refusal.message}`);
    }
    // The run ended (or the client left) while the token was on its way: nobody received it, so nothing was served.
    if (response.destroyed || closed) return;
    counts.ok++;
    const now = options.now?.() ?? Date.now();
    const expires = token.expiresOn === null ? Number.NaN : Date.parse(token.expiresOn);
    // Unknown expiry: a short one, so the SDK asks again soon rather than keep a token that may be dead.
    const expiresOn = Math.floor((Number.isNaN(expires) ? now + 5 * 60_000 : expires) / 1000);
    response
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      .end(JSON.stringify({ access_token: token.accessToken, expires_on: String(expiresOn), resource: requested, token_type: 'Bearer' }));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) refuse(response, tokenFailure(error, 'the request'), 'a request that failed');
      else response.destroy();
    });
  });
  // Headers and the request line only; a slow or silent client is not worth a connection for the whole run.
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}${BROKER_PATH}`,
    secret,
    counts: () => ({ ...counts }),
    lastFailure: () => failure,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT`: what a client of IDENTITY_ENDPOINT sends. */
function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const normalised = host.trim().toLowerCase();
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => normalised === `${name}:${port}`);
}

/** Attacker-chosen text for a log line: one line, bounded, no control characters. */
function printable(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 120 ? `${clean.slice(0, 119)}…` : clean;
}

/**
 * One logical Graph call, however many times it has to be sent: the bearer token (refreshed once on 401; a
 * Continuous Access Evaluation claims challenge answered once, see challenge-answer.ts),
 * waits for throttling (Retry-After, else backoff with jitter) within a bounded number of attempts, resending
 * after a broken connection only when that cannot do the work twice, redirects without the token, and every
 * failure turned into a GraphError or a DelegateError a person can read.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { DelegateError } from '../errors/delegate-error.js';
import { throwIfCancelled } from './cancellation.js';
import { GraphError } from './graph-error.js';
import { ConnectionFailure } from '../net/connection-failure.js';
import type { HttpTransport, IncomingResponse, RequestBody } from '../net/http-transport.js';
import { discardBody, parseBody, readErrorBody } from './response-body.js';
import { readClaimsChallenge } from './claims-challenge.js';
import { answerChallenge, challengeLoop, challengeRefusal, unreadableChallenge } from './challenge-answer.js';
import { backoffMs, isIdempotent, isRetryableStatus, isThrottlingStatus, parseRetryAfter } from './retry-policy.js';

/**
 * Gets an access token; `forceRefresh` after Graph refused the cached one as expired; `claims` (decoded JSON) to
 * answer a Continuous Access Evaluation challenge, which redeems the refresh token for a token carrying them.
 */
export type TokenSource = (options?: { forceRefresh?: boolean; claims?: string }) => Promise<string>;

/** What onRetry hears before each wait: enough for a log line, never a token or URL. */
export interface RetryInfo {
  /** The attempt that just failed (1 = the first try). */
  attempt: number;
  waitMs: number;
  /** HTTP status, or 0 when the connection failed. */
  status: number;
  requestId?: string;
  /** The socket error (ECONNRESET, ETIMEDOUT) when status is 0; `token-refresh` on a 401; `claims-challenge` on a CAE challenge. */
  reason?: string;
}

export interface ExchangeSettings {
  getToken: TokenSource;
  maxAttempts: number;
  maxRetryAfterSeconds: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  timeoutMs: number;
  onRetry?: (info: RetryInfo) => void;
  clock: Clock;
  random: () => number;
}

export interface ExchangeSpec {
  method: string;
  url: URL;
  /** How messages name the request: `GET /me/messages`, `the upload of report.xlsx`. */
  what: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
  /** False for pre-authenticated URLs (download, upload session), which must not get the token. */
  authenticated: boolean;
  timeout: 'deadline' | 'idle';
  /** Whether sending twice does no harm; defaults from the method. Decides 504 retries and messages. */
  idempotent?: boolean;
  /** Resend after a broken connection; defaults to `idempotent`. Upload chunks re-sync instead. */
  retryConnectionFailures?: boolean;
  followRedirects?: boolean;
  maxAttempts?: number;
  /** Overrides the client's timeout (a best-effort cancel should not hold up Quit for 100 s). */
  timeoutMs?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Graph redirects once (to the download host); more hops means a loop. */
const MAX_REDIRECTS = 5;
const USER_AGENT = 'Delegate (Microsoft Graph client; node:https)';

export class GraphExchange {
  constructor(
    private readonly transport: HttpTransport,
    private readonly settings: ExchangeSettings,
  ) {}

  /**
   * Sends until a success (2xx; 3xx without followRedirects) and hands that response to `accept`, which reads
   * it. A connection failure while `accept` reads counts like one while sending.
   */
  async run<T>(spec: ExchangeSpec, accept: (response: IncomingResponse) => Promise<T>): Promise<T> {
    const idempotent = spec.idempotent ?? isIdempotent(spec.method);
    const retryConnections = spec.retryConnectionFailures ?? idempotent;
    const maxAttempts = Math.max(1, spec.maxAttempts ?? this.settings.maxAttempts);
    // One ID for all attempts, so Microsoft support can see them as one call.
    const clientRequestId = randomUUID();
    let attempt = 1;
    let refreshedToken = false;
    let forceRefresh = false;
    // A CAE claims challenge is answered once per request: a second one ends it (challenge-answer.ts).
    let answeredChallenge = false;
    let claims: string | undefined;

    for (;;) {
      throwIfCancelled(spec.signal);
      let failure: ConnectionFailure;
      try {
        const { response, authenticated } = await this.send(spec, clientRequestId, forceRefresh, claims);
        forceRefresh = false;
        claims = undefined;
        const challenge = response.status === 401 && authenticated ? readClaimsChallenge(response.headers['www-authenticate']) : undefined;
        if (challenge?.kind === 'claims') {
          // Graph refused the token before doing anything, so resending even a POST cannot do the work twice.
          const refusal = await challengeRefusal(spec.what, response);
          if (answeredChallenge) throw challengeLoop(spec.what, refusal);
          answeredChallenge = true;
          claims = challenge.claims;
          this.report({ attempt, waitMs: 0, status: 401, reason: 'claims-challenge', ...requestIdOf(response) });
          continue;
        }
        if (challenge?.kind === 'unreadable' && refreshedToken) throw unreadableChallenge(spec.what, await challengeRefusal(spec.what, response), challenge.reason);
        if (response.status === 401 && authenticated && !refreshedToken) {
          // An access token can expire between the caller's cache check and Graph's: one fresh token, once.
          await discardBody(response);
          refreshedToken = true;
          forceRefresh = true;
          this.report({ attempt, waitMs: 0, status: 401, reason: 'token-refresh', ...requestIdOf(response) });
          continue;
        }
        if (response.status >= 400) {
          const body = parseBody(await readErrorBody(response), response.headers['content-type']);
          const error = GraphError.fromResponse(spec.what, response.status, response.headers, body);
          const retryAfter = parseRetryAfter(response.headers['retry-after'], this.settings.clock.now());
          if (!isRetryableStatus(response.status, idempotent, retryAfter)) throw error;
          const throttled = isThrottlingStatus(response.status, retryAfter);
          if (retryAfter !== undefined && retryAfter > this.settings.maxRetryAfterSeconds) {
            throw GraphError.waitTooLong(spec.what, error, attempt, retryAfter, this.settings.maxRetryAfterSeconds);
          }
          if (attempt >= maxAttempts) throw GraphError.gaveUp(spec.what, error, attempt, throttled, retryAfter);
          const waitMs = retryAfter !== undefined ? retryAfter * 1000 : backoffMs(attempt, this.settings.random);
          await this.pause({ attempt, waitMs, status: response.status, ...(error.requestId ? { requestId: error.requestId } : {}) }, spec.signal);
          attempt += 1;
          continue;
        }
        return await accept(response);
      } catch (error) {
        if (!(error instanceof ConnectionFailure)) throw error;
        failure = error;
      }
      // A connection never made can be retried for any method; one that broke may have done the work.
      const mayRetry = failure.retryable && (retryConnections || !failure.mayHaveReachedServer);
      if (!mayRetry || attempt >= maxAttempts) throw connectionError(spec, failure, attempt, idempotent);
      await this.pause({ attempt, waitMs: backoffMs(attempt, this.settings.random), status: 0, reason: failure.code || failure.message }, spec.signal);
      attempt += 1;
    }
  }

  get maxAttempts(): number {
    return this.settings.maxAttempts;
  }

  get maxRetryAfterSeconds(): number {
    return this.settings.maxRetryAfterSeconds;
  }

  /** Retry-After read by the client's clock. */
  retryAfterSeconds(value: string | undefined): number | undefined {
    return parseRetryAfter(value, this.settings.clock.now());
  }

  backoffMs(retry: number): number {
    return backoffMs(retry, this.settings.random);
  }

  /** Reports the retry to onRetry, then waits; for loops above single requests (upload re-sync, $batch). */
  async pause(info: RetryInfo, signal: AbortSignal | undefined): Promise<void> {
    this.report(info);
    await this.settings.sleep(info.waitMs, signal);
    // An injected sleep may ignore the signal; the abort still wins.
    throwIfCancelled(signal);
  }

  private async send(spec: ExchangeSpec, clientRequestId: string, forceRefresh: boolean, claims?: string): Promise<{ response: IncomingResponse; authenticated: boolean }> {
    let url = spec.url;
    let authenticated = spec.authenticated;
    for (let hop = 0; ; hop += 1) {
      const headers: Record<string, string> = { 'user-agent': USER_AGENT };
      for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
      // The token is the client's to add, and only where it belongs.
      delete headers.authorization;
      if (authenticated) {
        headers['client-request-id'] = clientRequestId;
        const token =
          claims !== undefined && hop === 0
            ? await answerChallenge(this.settings.getToken, claims, spec.what)
            : forceRefresh
              ? await this.settings.getToken({ forceRefresh: true })
              : await this.settings.getToken();
        headers.authorization = `Bearer ${token}`;
      }
      const response = await this.transport.send({
        method: spec.method,
        url,
        headers,
        ...(hop === 0 && spec.body ? { body: spec.body } : {}),
        ...(spec.signal ? { signal: spec.signal } : {}),
        timeoutMs: spec.timeoutMs ?? this.settings.timeoutMs,
        timeout: spec.timeout,
      });
      if (!spec.followRedirects || !REDIRECT_STATUSES.has(response.status)) return { response, authenticated };
      const location = response.headers.location;
      await discardBody(response);
      if (!location || hop >= MAX_REDIRECTS) {
        throw new DelegateError({
          code: 'unexpected',
          message: `Microsoft Graph answered ${spec.what} with ${location ? 'too many redirects' : `HTTP ${response.status} and no Location`}.`,
          action: 'Try again later; if it lasts, report it with the job definition.',
        });
      }
      url = new URL(location, url);
      // Graph: the download URL is pre-authenticated and short-lived; an Authorization header there is
      // refused by SharePoint and would hand the token to another host.
      authenticated = false;
    }
  }

  private report(info: RetryInfo): void {
    try {
      this.settings.onRetry?.(info);
    } catch {
      // Logging must never change the outcome of a call.
    }
  }
}

function requestIdOf(response: IncomingResponse): { requestId?: string } {
  const requestId = response.headers['request-id'];
  return requestId ? { requestId } : {};
}

function connectionError(spec: ExchangeSpec, failure: ConnectionFailure, attempts: number, idempotent: boolean): DelegateError {
  if (!idempotent && failure.mayHaveReachedServer) {
    return new DelegateError(
      {
        code: 'network',
        message: `The connection to ${failure.target.host} broke during ${spec.what} (${failure.message}${failure.code && !failure.message.includes(failure.code) ? `, ${failure.code}` : ''}). Delegate did not send it again, because Microsoft Graph may already have carried it out.`,
        action: 'Check whether it took effect (for mail, look in Sent Items) before running the job again.',
        ...(failure.code ? { detail: failure.code } : {}),
      },
      { cause: failure },
    );
  }
  const error = failure.toDelegateError();
  if (attempts <= 1) return error;
  return new DelegateError({ ...error.toData(), message: `${error.message} Tried ${attempts} times.` }, { cause: failure });
}

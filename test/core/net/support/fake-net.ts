/**
 * A stand-in for Electron's `net.request` in one session, behaving as Electron 45's ClientRequest does where
 * the Chromium transport depends on it: `redirect: 'manual'` cancels the request with "Redirect was cancelled"
 * unless followRedirect() is called during the event; a `login` nobody answers is cancelled; failures arrive as
 * `new Error('net::ERR_…')`, also on the response body once it has started.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { ChromiumNetwork, NetAuthInfo, NetClientRequest, NetRequestOptions, NetResponse } from '../../../../electron/core/net/chromium-net.js';

export class FakeRequest extends EventEmitter implements NetClientRequest {
  readonly headers: Record<string, string> = {};
  body: Buffer | undefined;
  ended = false;
  aborted = false;
  followed = false;
  response: NetResponse | undefined;
  private following: (() => void) | undefined;

  constructor(readonly options: NetRequestOptions) {
    super();
  }

  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  end(body?: Buffer): void {
    this.body = body;
    this.ended = true;
  }

  abort(): void {
    this.aborted = true;
    this.response?.destroy();
  }

  followRedirect(): void {
    if (!this.following) throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.following();
  }

  /** The response headers arrive; the body is `body` (a stream, to control its pace) or the given bytes. */
  respond(statusCode: number, headers: Record<string, string | string[]> = {}, body: Readable | string | Buffer = ''): NetResponse {
    const stream = typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from(body.length > 0 ? [Buffer.from(body)] : []) : body;
    const response = Object.assign(stream, { statusCode, headers }) as NetResponse;
    this.response = response;
    this.emit('response', response);
    return response;
  }

  /** Chromium fails the request with `net::NAME`; on the body too when the response had started. */
  fail(name: string): void {
    const error = new Error(`net::${name}`);
    this.response?.destroy(error);
    this.emit('error', error);
  }

  /** A 3xx as Electron reports it in manual mode. */
  redirect(statusCode: number, location: string, headers: Record<string, string[]> = {}): void {
    let followed = false;
    this.following = () => (followed = true);
    try {
      this.emit('redirect', statusCode, this.options.method, new URL(location, this.options.url).href, { location: [location], ...headers });
    } finally {
      this.following = undefined;
      this.followed = followed;
      if (!followed && !this.aborted) this.emit('error', new Error('Redirect was cancelled'));
    }
  }

  /** A proxy or server challenge; resolves with what the listener answered (nothing: cancelled). */
  login(authInfo: Partial<NetAuthInfo> = {}): { username?: string; password?: string } {
    const info: NetAuthInfo = { isProxy: true, scheme: 'basic', host: 'proxy.corp.test', port: 3128, realm: 'corp', ...authInfo };
    let answer: { username?: string; password?: string } = {};
    const handled = this.emit('login', info, (username?: string, password?: string) => {
      answer = { ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
    });
    if (!handled) answer = {};
    return answer;
  }
}

export class FakeNet implements ChromiumNetwork {
  readonly requests: FakeRequest[] = [];
  readonly proxyAnswers = new Map<string, string>();
  /** Called for each request once it has been ended (its body complete), to answer it. */
  onRequest: (request: FakeRequest) => void = () => undefined;

  request = (options: NetRequestOptions): NetClientRequest => {
    const request = new FakeRequest(options);
    this.requests.push(request);
    const end = request.end.bind(request);
    request.end = (body?: Buffer) => {
      end(body);
      // Electron starts the request after end(); answer on a later turn, as the network would.
      setImmediate(() => this.onRequest(request));
    };
    return request;
  };

  resolveProxy = (url: string): Promise<string> => Promise.resolve(this.proxyAnswers.get(new URL(url).host) ?? 'DIRECT');

  last(): FakeRequest {
    const request = this.requests.at(-1);
    if (!request) throw new Error('no request was made');
    return request;
  }
}

/** Resolves once the fake has a request ended (sent), for tests that answer by hand. */
export async function nextRequest(net: FakeNet, count = net.requests.length + 1): Promise<FakeRequest> {
  for (let turn = 0; turn < 1000; turn += 1) {
    const request = net.requests[count - 1];
    if (request?.ended) return request;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`request ${count} was never sent`);
}

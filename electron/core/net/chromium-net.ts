/**
 * Chromium's network stack as core sees it: the small part of Electron's `net.request` (ClientRequest) that the
 * Chromium transport uses, so `electron/core` can drive it without importing `electron` and tests can fake it.
 *
 * Why `net.request` and not `net.fetch`: Electron 45's `net.fetch` is built on the same ClientRequest but
 * listens to neither of the two events Delegate needs. With `redirect: 'manual'` it rejects with "Redirect was
 * cancelled" instead of returning the 302 (electron/electron#43715, "working as documented"), and Graph's
 * download redirect must come back as a 302 so the token is not carried to the download host. And it cancels
 * every authentication challenge (a ClientRequest without a `login` listener calls back with no credentials);
 * `app.on('login')` is not asked for requests of the main process, only for web contents and utility processes.
 * ClientRequest gives both: `redirect` (status, Location, headers) and a per-request `login`.
 */
import type { Readable } from 'node:stream';

export interface NetRequestOptions {
  method: string;
  url: string;
  /** Redirects come back to the caller, which decides whether and how to follow them. */
  redirect: 'manual';
  /** The session's cookies are neither sent nor stored: Delegate authenticates with bearer tokens only. */
  useSessionCookies: false;
  /** Graph answers (mail, files) never land in Chromium's disk cache. */
  cache: 'no-store';
}

export interface NetAuthInfo {
  isProxy: boolean;
  /** `basic`, `digest`, `ntlm`, `negotiate`… */
  scheme: string;
  host: string;
  port: number;
  realm: string;
}

/** Electron's IncomingMessage: a Readable (with backpressure) carrying the status and the headers. */
export type NetResponse = Readable & {
  readonly statusCode: number;
  /** Lower-case names; Electron already joined most repeats with ", " and keeps set-cookie as an array. */
  readonly headers: Record<string, string | string[]>;
};

export interface NetClientRequest {
  setHeader(name: string, value: string): void;
  on(event: 'response', listener: (response: NetResponse) => void): this;
  /** Only with `redirect: 'manual'`: not calling followRedirect() in the listener cancels the request. */
  on(event: 'redirect', listener: (statusCode: number, method: string, redirectUrl: string, responseHeaders: Record<string, string[]>) => void): this;
  /** A proxy or server asks for credentials; `callback()` with nothing cancels. */
  on(event: 'login', listener: (authInfo: NetAuthInfo, callback: (username?: string, password?: string) => void) => void): this;
  /** Electron emits it while the body is uploaded (undocumented, present since Electron 7). */
  on(event: 'upload-progress', listener: (position: number, total: number) => void): this;
  /** `net::ERR_…` failures arrive as `new Error('net::ERR_NAME_NOT_RESOLVED')`. */
  on(event: 'error', listener: (error: Error) => void): this;
  end(body?: Buffer): void;
  abort(): void;
}

/** `net.request` bound to one session. */
export type NetRequestFunction = (options: NetRequestOptions) => NetClientRequest;

/** One Chromium session as core uses it: requests, and the proxy Chromium would choose for a URL. */
export interface ChromiumNetwork {
  request: NetRequestFunction;
  /** Electron's `session.resolveProxy`: a PAC-style answer such as `PROXY proxy.corp:8080; DIRECT`. */
  resolveProxy(url: string): Promise<string>;
}

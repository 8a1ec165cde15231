/**
 * msal-node's network module, sending through Delegate's HttpTransport (createTransport), so sign-in and Graph
 * share one stack: in the CLI and daemon node:https with the proxy decision, CONNECT tunnels and the OS trust
 * store plus the profile's CA; in the desktop app Chromium's `net.fetch`. On top, four things msal's fetch-based
 * client lacks:
 *
 * - the profile's proxy and extra CA file (the custom cloud, e.g. the emulator, or a TLS-inspecting proxy),
 *   which NODE_EXTRA_CA_CERTS can only give at process start;
 * - a timeout on every request and a DelegateError naming the host when the network is down, so a dead
 *   network reads as "network" (exit 4) and never as an expired sign-in;
 * - Entra's 5xx as an outage (service-outage.ts), never a refusal of the sign-in;
 * - RFC 8628 §3.5 `slow_down`: msal-node's device code poller throws on any error but
 *   `authorization_pending`, so this client absorbs `slow_down` itself: it adds 5 s to that device code's
 *   interval for this and every later poll, waits, and polls again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { ConnectionFailure } from '../net/connection-failure.js';
import type { HttpTransport, IncomingResponse } from '../net/http-transport.js';
import { networkError as sharedNetworkError } from '../net/network-error.js';
import { createTransport, type TransportOptions } from '../net/transport-factory.js';
import { EntraAnswerRecorder } from './entra-answer.js';
import { isServiceOutage, serviceOutage } from './service-outage.js';

export interface NetworkClientOptions {
  /** PEM file of an extra CA to trust besides the OS trust store. */
  caFile?: string;
  /** The profile's or config.json's proxy setting (see transportOptionsFor). */
  proxy?: string;
  proxySource?: TransportOptions['proxySource'];
  /** What to send through; default `createTransport({caFile, proxy, proxySource})`. Tests inject one. */
  transport?: HttpTransport;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Aborts waits and requests: used to cancel a device code sign-in at once. */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** RFC 8628's grant type; msal-node sends the short form `device_code`, which Entra also accepts. */
const DEVICE_CODE_GRANTS = new Set(['urn:ietf:params:oauth:grant-type:device_code', 'device_code']);
/** RFC 8628 §3.5: on `slow_down`, the interval MUST be increased by 5 seconds. */
const SLOW_DOWN_STEP_S = 5;
/** Entra's answers are a few KiB; a captive portal's page is cut here rather than held whole. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class NetworkClient implements INetworkModule {
  private readonly transport: HttpTransport;
  private readonly timeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  /** Per device code: the interval the server gave, and what slow_down has added to it. */
  private readonly pacing = new Map<string, { interval: number; extra: number }>();
  /** The last request that failed for lack of network: msal keeps only a generic code, people need the host. */
  lastFailure: DelegateError | undefined;
  /** Entra's raw error answers (entra-answer.ts): msal drops the AADSTS number of device code poll errors. */
  readonly answers = new EntraAnswerRecorder();
  /** The authority's metadata documents msal fetched, as sent (authority-metadata.ts keeps them for later runs). */
  readonly metadataSeen: { authority?: string; cloudDiscovery?: string } = {};
  /** Whether the token endpoint answered anything at all (so a failure was not for want of finding it). */
  tokenEndpointAnswered = false;

  constructor(options: NetworkClientOptions = {}) {
    this.transport =
      options.transport ??
      createTransport({
        ...(options.caFile ? { caFile: options.caFile } : {}),
        ...(options.proxy ? { proxy: options.proxy } : {}),
        ...(options.proxySource ? { proxySource: options.proxySource } : {}),
      });
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.signal = options.signal;
  }

  async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const body = new URLSearchParams(options?.body ?? '');
    const deviceCode = DEVICE_CODE_GRANTS.has(body.get('grant_type') ?? '') ? body.get('device_code') : null;
    if (!deviceCode) {
      const response = await this.send<T>('POST', url, options);
      this.rememberDeviceCodeInterval(response.body);
      return response;
    }
    for (;;) {
      const pace = this.pacing.get(deviceCode);
      // msal already waited `interval` after authorization_pending; add what slow_down asked for.
      if (pace && pace.extra > 0) await this.wait(pace.extra * 1000);
      const response = await this.send<T>('POST', url, options);
      if (errorOf(response.body) !== 'slow_down') return response;
      const current = pace ?? { interval: 5, extra: 0 };
      current.extra += SLOW_DOWN_STEP_S;
      this.pacing.set(deviceCode, current);
      await this.wait(current.interval * 1000);
    }
  }

  private rememberDeviceCodeInterval(body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const { device_code: deviceCode, interval } = body as { device_code?: unknown; interval?: unknown };
    if (typeof deviceCode === 'string') {
      this.pacing.set(deviceCode, { interval: typeof interval === 'number' ? interval : 5, extra: 0 });
    }
  }

  private async wait(ms: number): Promise<void> {
    this.throwIfCancelled();
    try {
      await sleep(ms, undefined, this.signal ? { signal: this.signal } : {});
    } catch {
      this.throwIfCancelled();
    }
  }

  private throwIfCancelled(): void {
    if (this.signal?.aborted) {
      throw new DelegateError({ code: 'cancelled', message: 'Sign-in was cancelled.', action: 'Start it again when you are ready.' });
    }
  }

  /** Closes the transport's kept-alive connections; for a long-lived process done with this client. */
  close(): void {
    this.transport.close();
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    this.throwIfCancelled();
    const target = new URL(url);
    let response: IncomingResponse;
    let text: string;
    try {
      response = await this.transport.send({
        method,
        url: target,
        // A fresh connection per sign-in request: device code polls come every 5 s or more, as long as many servers'
        // and proxies' idle limits, and a poll sent on a connection the server is just closing fails as "network".
        headers: { ...options?.headers, connection: 'close' },
        ...(method === 'POST' ? { body: { kind: 'bytes' as const, bytes: Buffer.from(options?.body ?? '', 'utf8') } } : {}),
        ...(this.signal ? { signal: this.signal } : {}),
        timeoutMs: timeout ?? this.timeoutMs,
        timeout: 'deadline',
      });
    } catch (error) {
      throw this.failure(target, error);
    }
    try {
      text = await readText(response);
    } catch (error) {
      throw this.failure(target, response.explain(error));
    }
    const status = response.status;
    if (isServiceOutage(status)) {
      // msal would call a 5xx a refusal ("server_error"); it is an outage, with or without a JSON body.
      let parsed: unknown;
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = null; // a gateway's HTML page
      }
      this.lastFailure = serviceOutage(target, status, parsed);
      throw this.lastFailure;
    }
    let body: unknown;
    try {
      body = text.length > 0 ? JSON.parse(text) : {};
    } catch {
      throw new DelegateError({
        code: 'network',
        message: `${target.host} answered with something that is not JSON (HTTP ${status}).`,
        action: 'Check that the authority host in this profile is a Microsoft Entra ID endpoint, and that no proxy or captive portal is in the way.',
        detail: text.slice(0, 200),
      });
    }
    this.answers.record(target, status, body);
    if (target.pathname.endsWith('/token')) this.tokenEndpointAnswered = true;
    if (method === 'GET' && status === 200) {
      if (target.pathname.endsWith('/.well-known/openid-configuration')) this.metadataSeen.authority = text;
      else if (target.pathname.endsWith('/discovery/instance')) this.metadataSeen.cloudDiscovery = text;
    }
    return { headers: response.headers, body: body as T, status };
  }

  /** What a failed exchange is to people: cancelled, the proxy's or the network's fault, or a local problem as it is. */
  private failure(target: URL, error: unknown): unknown {
    if (this.signal?.aborted) return cancelledError();
    if (error instanceof ConnectionFailure) {
      this.lastFailure = error.toDelegateError('Your sign-in is unchanged.');
      return this.lastFailure;
    }
    if (isDelegateError(error)) {
      // A proxy setting that cannot be used, an unreadable CA file: msal would keep only a generic code.
      if (error.code !== 'cancelled') this.lastFailure = error;
      return error;
    }
    if (error instanceof Error) {
      this.lastFailure = networkError(target, error);
      return this.lastFailure;
    }
    return error;
  }
}

async function readText(response: IncomingResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response.stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY_BYTES) {
      response.stream.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function cancelledError(): DelegateError {
  return new DelegateError({ code: 'cancelled', message: 'Sign-in was cancelled.', action: 'Start it again when you are ready.' });
}

function errorOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
}

function networkError(target: URL, error: Error): DelegateError {
  return sharedNetworkError(target, error, 'Your sign-in is unchanged.');
}

/**
 * msal-node's network module, on node:https, with four things msal's fetch-based client lacks:
 *
 * - an extra CA file per profile (the custom cloud, e.g. the emulator), which NODE_EXTRA_CA_CERTS can only
 *   give at process start;
 * - a timeout on every request and a DelegateError naming the host when the network is down, so a dead
 *   network reads as "network" (exit 4) and never as an expired sign-in;
 * - Entra's 5xx as an outage (service-outage.ts), never a refusal of the sign-in;
 * - RFC 8628 §3.5 `slow_down`: msal-node's device code poller throws on any error but
 *   `authorization_pending`, so this client absorbs `slow_down` itself: it adds 5 s to that device code's
 *   interval for this and every later poll, waits, and polls again.
 */
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { DelegateError } from '../errors/delegate-error.js';
import { httpsAgentOptions } from '../net/https-agent-options.js';
import { networkError as sharedNetworkError } from '../net/network-error.js';
import { EntraAnswerRecorder } from './entra-answer.js';
import { isServiceOutage, serviceOutage } from './service-outage.js';

export interface NetworkClientOptions {
  /** PEM file of an extra CA to trust besides the system ones. */
  caFile?: string;
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

export class NetworkClient implements INetworkModule {
  private readonly ca: string[] | undefined;
  private readonly timeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  /** Per device code: the interval the server gave, and what slow_down has added to it. */
  private readonly pacing = new Map<string, { interval: number; extra: number }>();
  /** The last request that failed for lack of network: msal keeps only a generic code, people need the host. */
  lastFailure: DelegateError | undefined;
  /** Entra's raw error answers (entra-answer.ts): msal drops the AADSTS number of device code poll errors. */
  readonly answers = new EntraAnswerRecorder();

  constructor(options: NetworkClientOptions = {}) {
    this.ca = httpsAgentOptions(options.caFile).ca;
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

  private send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    this.throwIfCancelled();
    const target = new URL(url);
    const requestOptions: RequestOptions = {
      method,
      headers: { ...options?.headers, ...(method === 'POST' ? { 'content-length': Buffer.byteLength(options?.body ?? '') } : {}) },
      timeout: timeout ?? this.timeoutMs,
    };
    if (this.ca) requestOptions.ca = this.ca;
    if (this.signal) requestOptions.signal = this.signal;
    return new Promise((resolve, reject) => {
      const req = httpsRequest(target, requestOptions, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(networkError(target, error)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          let body: unknown;
          const status = res.statusCode ?? 0;
          if (isServiceOutage(status)) {
            // msal would call a 5xx a refusal ("server_error"); it is an outage, with or without a JSON body.
            let parsed: unknown;
            try {
              parsed = JSON.parse(text) as unknown;
            } catch {
              parsed = null; // a gateway's HTML page
            }
            this.lastFailure = serviceOutage(target, status, parsed);
            reject(this.lastFailure);
            return;
          }
          try {
            body = text.length > 0 ? JSON.parse(text) : {};
          } catch {
            reject(
              new DelegateError({
                code: 'network',
                message: `${target.host} answered with something that is not JSON (HTTP ${res.statusCode}).`,
                action: 'Check that the authority host in this profile is a Microsoft Entra ID endpoint, and that no proxy or captive portal is in the way.',
                detail: text.slice(0, 200),
              }),
            );
            return;
          }
          this.answers.record(target, status, body);
          resolve({ headers, body: body as T, status: res.statusCode ?? 0 });
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${requestOptions.timeout} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (error) => {
        if (this.signal?.aborted) return reject(cancelledError());
        this.lastFailure = networkError(target, error);
        reject(this.lastFailure);
      });
      if (method === 'POST') req.write(options?.body ?? '');
      req.end();
    });
  }
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

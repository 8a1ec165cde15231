/**
 * How a GraphClient is set up: where Graph is, how it gets tokens, and the limits of its patience.
 */
import type { Clock } from '../clock.js';
import type { RetryInfo, TokenSource } from './graph-exchange.js';

export interface GraphClientOptions {
  /** `https://graph.microsoft.com`, a national cloud's Graph, or the emulator's graphBaseUrl; `/v1.0` is added. */
  baseUrl: string;
  /**
   * An access token for Graph; the caller caches. Called once per request sent; with `forceRefresh` once
   * when Graph refused the token as expired (a plain `() => Promise<string>` also fits: it is then asked again).
   */
  getToken: TokenSource;
  /** PEM of an extra CA to trust besides the OS trust store (custom cloud, emulator, a TLS-inspecting proxy's root). */
  caFile?: string;
  /** The profile's or config.json's proxy setting (a URL or `direct`); see transportOptionsFor. */
  proxy?: string;
  proxySource?: 'profile' | 'config';
  /** Sends of one request at most, first try included; default 5. */
  maxAttempts?: number;
  /** The longest single Retry-After waited out (default 120 s); a longer one fails at once, saying how long Graph asked. */
  maxRetryAfterSeconds?: number;
  /** Waits between attempts; tests inject one that records and returns at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Per request: a deadline for JSON calls, the longest silence for transfers (default 100 s, as Graph's own gateway). */
  timeoutMs?: number;
  /** Told before every wait: for the run log. */
  onRetry?: (info: RetryInfo) => void;
  /** Folder for download records (skip-if-unchanged); see download-state.ts. Delegate passes one under its home. */
  stateDir?: string;
  /** Reads HTTP-date Retry-After values; defaults to the system clock. */
  clock?: Clock;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_MAX_RETRY_AFTER_SECONDS = 120;
/** Graph's gateway gives up on a request after about 100 s itself; waiting longer learns nothing. */
export const DEFAULT_TIMEOUT_MS = 100_000;

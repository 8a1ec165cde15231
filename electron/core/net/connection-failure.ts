/**
 * A request the network failed under, kept apart from DelegateError so the retry loop can decide first: it says
 * whether resending is safe (was anything sent?) and whether it can help at all (a certificate stays untrusted).
 */
import type { DelegateError } from '../errors/delegate-error.js';
import { isCertificateFailure, networkError } from './network-error.js';

/** Errors that prove no byte of the request reached the server. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

export class ConnectionFailure extends Error {
  readonly target: URL;
  /** The system error code (ECONNRESET, ETIMEDOUT, CERT_HAS_EXPIRED…), as on Node's own errors. */
  readonly code: string;

  /** True when the connection failed before its TLS session was up, so no byte of the request was sent. */
  readonly beforeSending: boolean;

  /** `host:port` of the proxy the request went through, for messages; undefined when direct. */
  readonly proxy: string | undefined;

  constructor(target: URL, error: Error, beforeSending = false, proxy?: string) {
    super(error.message, { cause: error });
    this.name = 'ConnectionFailure';
    this.target = target;
    this.code = (error as NodeJS.ErrnoException).code ?? '';
    this.beforeSending = beforeSending;
    this.proxy = proxy;
  }

  /** An untrusted certificate stays untrusted: sending again only delays the useful error. */
  get retryable(): boolean {
    return !isCertificateFailure(this.code);
  }

  /** False only when the connection was never made, so even a POST can be resent. */
  get mayHaveReachedServer(): boolean {
    return !this.beforeSending && !NEVER_CONNECTED.has(this.code) && !isCertificateFailure(this.code);
  }

  /** Keeps this failure as the cause, so callers above the retry loop (upload re-sync) can still tell. */
  toDelegateError(reassurance?: string): DelegateError {
    return networkError(this.target, this, reassurance, this.proxy);
  }
}

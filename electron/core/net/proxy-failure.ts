/**
 * A request that failed at the proxy, not at the server behind it: the proxy could not be reached, refused the
 * tunnel, or asked for credentials (407). Its messages name the proxy and the setting that chose it, because
 * "Could not reach graph.microsoft.com" sends people to check the wrong thing.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { ConnectionFailure } from './connection-failure.js';
import type { ProxyEndpoint } from './proxy-url.js';

export type ProxyProblem =
  /** No TCP (or TLS) connection to the proxy itself. */
  | { kind: 'unreachable'; cause: Error }
  /** The proxy answered CONNECT with something other than 200. */
  | { kind: 'refused'; status: number; statusText: string; authenticate: string | undefined }
  /** The proxy closed the connection, or sent no valid answer to CONNECT. */
  | { kind: 'broken'; reason: string };

/** Raised by the tunnelling agent while it sets up the CONNECT tunnel; the transport turns it into a ProxyConnectionFailure. */
export class ProxyError extends Error {
  readonly code: string;

  constructor(
    readonly proxy: ProxyEndpoint,
    /** The setting that chose the proxy (`HTTPS_PROXY`, the profile's "proxy" in config.json…). */
    readonly via: string,
    /** `host:port` the tunnel was asked for. */
    readonly tunnelTo: string,
    readonly problem: ProxyProblem,
  ) {
    super(describe(proxy, tunnelTo, problem), problem.kind === 'unreachable' ? { cause: problem.cause } : undefined);
    this.name = 'ProxyError';
    this.code = problem.kind === 'unreachable' ? ((problem.cause as NodeJS.ErrnoException).code ?? 'EPROXY') : problem.kind === 'refused' ? `EPROXY${problem.status}` : 'ECONNRESET';
  }
}

/** A ConnectionFailure whose words are about the proxy. Nothing reached the server: always safe to resend. */
export class ProxyConnectionFailure extends ConnectionFailure {
  constructor(
    target: URL,
    readonly proxyError: ProxyError,
  ) {
    super(target, proxyError, true);
  }

  /** Credentials and a forbidden host stay wrong however often one asks. */
  override get retryable(): boolean {
    const { problem } = this.proxyError;
    return !(problem.kind === 'refused' && (problem.status === 407 || problem.status === 403));
  }

  override toDelegateError(reassurance?: string): DelegateError {
    return proxyDelegateError(this.proxyError, reassurance, this);
  }
}

export function proxyDelegateError(error: ProxyError, reassurance: string | undefined, cause: Error = error): DelegateError {
  const { proxy, via, problem, tunnelTo } = error;
  const tail = reassurance ? ` ${reassurance}` : '';
  if (problem.kind === 'refused' && problem.status === 407) {
    const offered = problem.authenticate ? ` The proxy offers: ${problem.authenticate}.` : '';
    return new DelegateError(
      {
        code: 'network',
        message: `The proxy ${proxy.hostPort} asks for credentials (HTTP 407)${proxy.authorization ? ' and refused the user name and password given' : ''}.${offered}`,
        action:
          `Put your proxy user name and password in the proxy URL: ${via === 'HTTPS_PROXY' || via === 'https_proxy' ? via : 'HTTPS_PROXY'}=http://user:password@${proxy.hostPort} (percent-encode special characters), or the same URL as "proxy" in config.json. ` +
          `The delegate CLI speaks Basic proxy authentication only: for an NTLM or Kerberos proxy use the desktop app, which signs in to the proxy with your system's proxy sign-in.${tail}`,
        detail: `via ${via}`,
      },
      { cause },
    );
  }
  if (problem.kind === 'refused') {
    return new DelegateError(
      {
        code: 'network',
        message: `The proxy ${proxy.hostPort} (from ${via}) refused to connect to ${tunnelTo} (HTTP ${problem.status}${problem.statusText ? ` ${problem.statusText}` : ''}).`,
        action: `The proxy could not reach that host or does not allow it: check the host name, try again later, or ask whoever runs the proxy. To bypass the proxy for this host, add it to NO_PROXY.${tail}`,
        detail: `via ${via}`,
      },
      { cause },
    );
  }
  const reason = problem.kind === 'unreachable' ? problem.cause.message : problem.reason;
  return new DelegateError(
    {
      code: 'network',
      message: problem.kind === 'unreachable' ? `Could not reach the proxy ${proxy.hostPort} (from ${via}): ${reason}.` : `The proxy ${proxy.hostPort} (from ${via}) broke the connection to ${tunnelTo}: ${reason}.`,
      action: `Check that ${via} names the right proxy and that it is running (VPN connected?), or remove ${via} to connect directly.${tail}`,
      detail: error.code,
    },
    { cause },
  );
}

function describe(proxy: ProxyEndpoint, tunnelTo: string, problem: ProxyProblem): string {
  if (problem.kind === 'unreachable') return `proxy ${proxy.hostPort} unreachable: ${problem.cause.message}`;
  if (problem.kind === 'refused') return `proxy ${proxy.hostPort} answered CONNECT ${tunnelTo} with HTTP ${problem.status}`;
  return `proxy ${proxy.hostPort}: ${problem.reason}`;
}

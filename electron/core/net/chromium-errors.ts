/**
 * Chromium's network errors (`net::ERR_…`) in the terms the rest of core already understands.
 *
 * A failure becomes a ConnectionFailure with a Node-style code where one means the same (ENOTFOUND,
 * ECONNREFUSED, ECONNRESET, ETIMEDOUT), Chromium's own name otherwise (every certificate failure keeps its
 * `ERR_CERT_…` name, which `isCertificateFailure` recognises). `beforeSending` decides whether a POST (a sent
 * mail) may be sent again, so it is true only where the error itself proves no byte of the request left:
 * the name did not resolve, the connection or the proxy's tunnel was never made, the TLS handshake failed.
 * Everything else (a reset, a timeout, a network change) may have reached Graph and is never marked so.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { ConnectionFailure } from './connection-failure.js';

interface Meaning {
  code: string;
  /** Said after "Could not reach HOST: ". */
  says: string;
  beforeSending: boolean;
}

/** Errors with a fixed meaning; `{proxy}` is replaced by how the proxy is named (see `proxyName`). */
const MEANINGS: Record<string, Meaning> = {
  ERR_NAME_NOT_RESOLVED: { code: 'ENOTFOUND', says: 'the name could not be resolved (DNS)', beforeSending: true },
  ERR_NAME_RESOLUTION_FAILED: { code: 'EAI_AGAIN', says: 'name resolution failed (DNS)', beforeSending: true },
  ERR_CONNECTION_REFUSED: { code: 'ECONNREFUSED', says: 'the connection was refused', beforeSending: true },
  ERR_CONNECTION_FAILED: { code: 'ECONNREFUSED', says: 'the connection could not be made', beforeSending: true },
  ERR_CONNECTION_TIMED_OUT: { code: 'ETIMEDOUT', says: 'the connection attempt timed out', beforeSending: true },
  ERR_ADDRESS_UNREACHABLE: { code: 'EHOSTUNREACH', says: 'the address is unreachable', beforeSending: true },
  ERR_ADDRESS_INVALID: { code: 'EADDRNOTAVAIL', says: 'the address is invalid', beforeSending: true },
  ERR_NETWORK_ACCESS_DENIED: { code: 'EACCES', says: 'the connection was blocked on this computer (firewall or security software)', beforeSending: true },
  // Chromium rewrites a DNS or connect failure to this while the OS reports no network, but it is not
  // documented as connect-only: a POST is not resent on its word.
  ERR_INTERNET_DISCONNECTED: { code: 'ENETDOWN', says: 'this computer is not connected to a network', beforeSending: false },
  ERR_NETWORK_CHANGED: { code: 'ECONNRESET', says: 'the network changed during the request', beforeSending: false },
  ERR_CONNECTION_RESET: { code: 'ECONNRESET', says: 'the connection was reset', beforeSending: false },
  ERR_CONNECTION_CLOSED: { code: 'ECONNRESET', says: 'the connection was closed', beforeSending: false },
  ERR_CONNECTION_ABORTED: { code: 'ECONNABORTED', says: 'the connection was aborted', beforeSending: false },
  ERR_EMPTY_RESPONSE: { code: 'ECONNRESET', says: 'the server closed the connection without answering', beforeSending: false },
  ERR_TIMED_OUT: { code: 'ETIMEDOUT', says: 'the request timed out', beforeSending: false },
  ERR_SOCKET_NOT_CONNECTED: { code: 'ENOTCONN', says: 'the connection was lost', beforeSending: false },
  // HTTP/2 REFUSED_STREAM: the server states it did not process the request (RFC 9113 §8.7).
  ERR_HTTP2_SERVER_REFUSED_STREAM: { code: 'ERR_HTTP2_SERVER_REFUSED_STREAM', says: 'the server refused the request before processing it', beforeSending: true },
  ERR_PROXY_CONNECTION_FAILED: {
    code: 'EPROXYUNREACHABLE',
    says: '{proxy} could not be reached; check the proxy setting (or ask IT whether it changed)',
    beforeSending: true,
  },
  ERR_TUNNEL_CONNECTION_FAILED: {
    code: 'EPROXYTUNNEL',
    says: '{proxy} refused to connect to it (the proxy may block this host, or could not reach it itself)',
    beforeSending: true,
  },
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: {
    code: 'EPROXYPAC',
    says: "the system's proxy auto-configuration (PAC) could not be loaded, and it is mandatory; check the proxy settings of this computer",
    beforeSending: true,
  },
  ERR_PROXY_CERTIFICATE_INVALID: { code: 'ERR_PROXY_CERTIFICATE_INVALID', says: 'the certificate of {proxy} is not trusted', beforeSending: true },
  ERR_SOCKS_CONNECTION_FAILED: { code: 'EPROXYUNREACHABLE', says: '{proxy} (SOCKS) failed to connect', beforeSending: true },
  ERR_SOCKS_CONNECTION_HOST_UNREACHABLE: { code: 'EPROXYTUNNEL', says: '{proxy} (SOCKS) cannot reach it', beforeSending: true },
  ERR_SSL_VERSION_OR_CIPHER_MISMATCH: { code: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH', says: 'no TLS version or cipher in common with the server', beforeSending: true },
  ERR_SSL_CLIENT_AUTH_CERT_NEEDED: { code: 'ERR_SSL_CLIENT_AUTH_CERT_NEEDED', says: 'the server asks for a client certificate', beforeSending: true },
};

/** Chromium's errors about the request itself (a bad header, URL or port): bugs, not network trouble. */
const LOCAL = new Set(['ERR_INVALID_ARGUMENT', 'ERR_INVALID_URL', 'ERR_DISALLOWED_URL_SCHEME', 'ERR_UNSAFE_PORT', 'ERR_UNKNOWN_URL_SCHEME', 'ERR_BLOCKED_BY_CLIENT', 'ERR_UNEXPECTED']);

/** Proxy authentication that Chromium could not complete. */
const PROXY_AUTH = new Set(['ERR_PROXY_AUTH_REQUESTED', 'ERR_PROXY_AUTH_UNSUPPORTED', 'ERR_PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION']);

/** The `ERR_…` name in an error from Electron's net (`net::ERR_NAME_NOT_RESOLVED`), or undefined. */
export function chromiumErrorName(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    const match = /\bnet::(ERR_[A-Z0-9_]+)\b/.exec(current.message) ?? /^(ERR_[A-Z0-9_]+)$/.exec(current.message);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export function isProxyAuthError(name: string): boolean {
  return PROXY_AUTH.has(name);
}

/**
 * @param proxy how messages name the proxy: `the proxy proxy.corp:8080` (never with a password) or
 *   `the proxy of this computer's network settings` when Chromium chose it.
 * @returns a ConnectionFailure, or the error unchanged when it is not a network failure.
 */
export function explainChromiumError(target: URL, error: Error, proxy: string): unknown {
  const name = chromiumErrorName(error);
  if (!name || LOCAL.has(name)) return error;
  const meaning = MEANINGS[name] ?? certificateMeaning(name) ?? { code: name, says: `the request failed (${name})`, beforeSending: false };
  const says = meaning.says.replace('{proxy}', proxy);
  const cause = Object.assign(new Error(says.includes(name) ? says : `${says} (${name})`), { code: meaning.code, chromiumError: name });
  return new ConnectionFailure(target, cause, meaning.beforeSending);
}

function certificateMeaning(name: string): Meaning | undefined {
  if (!name.startsWith('ERR_CERT_') && !name.startsWith('ERR_SSL_')) return undefined;
  // An ERR_SSL_ other than those above may happen after the handshake (a bad record): not proof of anything.
  if (name.startsWith('ERR_SSL_')) return { code: name, says: `the TLS connection failed (${name})`, beforeSending: false };
  const says: Record<string, string> = {
    ERR_CERT_AUTHORITY_INVALID: 'its certificate is signed by an authority this computer does not trust',
    ERR_CERT_DATE_INVALID: "its certificate has expired or is not valid yet (check this computer's date and time)",
    ERR_CERT_COMMON_NAME_INVALID: 'its certificate is for another name',
    ERR_CERT_REVOKED: 'its certificate has been revoked',
  };
  // The handshake failed, so the request was never written.
  return { code: name, says: says[name] ?? `its certificate was refused (${name})`, beforeSending: true };
}

/**
 * The proxy wants credentials Delegate does not have (or refused the ones it has): a DelegateError, not a
 * ConnectionFailure, since sending again cannot help and nothing reached the server.
 */
export function proxyCredentialsError(target: URL, proxy: string, refused: boolean, cause?: unknown): DelegateError {
  return new DelegateError(
    {
      code: 'network',
      message: refused
        ? `${capitalise(proxy)} refused the user name and password of the proxy setting, so Delegate could not reach ${target.host} (HTTP 407).`
        : `${capitalise(proxy)} asks for credentials before it lets Delegate reach ${target.host} (HTTP 407).`,
      action: refused
        ? 'Correct the user name and password in the "proxy" setting of config.json (http://user:password@proxy:port) and try again.'
        : 'Add them to the "proxy" setting of config.json (http://user:password@proxy:port), or ask IT to let this computer sign in to the proxy with your Windows account (NTLM/Kerberos), which Delegate uses on its own.',
      detail: 'ERR_PROXY_AUTH_REQUESTED',
    },
    cause === undefined ? undefined : { cause },
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

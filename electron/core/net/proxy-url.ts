/**
 * A proxy address as a person writes it (HTTPS_PROXY, config.json `proxy`): parsed, checked and redacted.
 *
 * Accepted: `http://` or `https://` with a host, an optional port and optional `user:password@` (percent-encoded
 * as in any URL). Without a scheme (`proxy.corp:8080`) `http://` is assumed, as curl, Go and Python's requests do,
 * so the value that works for the person's other tools works here. Anything else (socks5://, a path, junk) is a
 * clear error naming where the value came from, never a crash or a silent direct connection.
 */
import { DelegateError } from '../errors/delegate-error.js';

export interface ProxyEndpoint {
  /** `http:` or `https:` (TLS to the proxy itself). */
  protocol: 'http:' | 'https:';
  /** Host name or IP, without the brackets of an IPv6 literal: what `net.connect` takes. */
  hostname: string;
  port: number;
  /** `host:port` as a person reads it (IPv6 in brackets): for messages. */
  hostPort: string;
  /** `Basic …` from the URL's credentials (percent-decoded), or undefined. Never printed. */
  authorization: string | undefined;
  /** The URL with any password replaced by `***`. */
  redacted: string;
}

/**
 * @param where names the source in errors: `HTTPS_PROXY`, `config.json "proxy"`…
 */
export function parseProxyUrl(value: string, where: string): ProxyEndpoint {
  const trimmed = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw badProxy(where, `${JSON.stringify(redactLoose(trimmed))} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badProxy(where, `the scheme ${url.protocol.replace(/:$/, '')}:// is not supported (Delegate speaks to http:// and https:// proxies only)`);
  }
  if (url.hostname === '') throw badProxy(where, `${JSON.stringify(redactUrl(url))} names no host`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw badProxy(where, `${JSON.stringify(redactUrl(url))} has a path or query; give only scheme, host and port`);
  }
  const protocol = url.protocol;
  const port = url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let authorization: string | undefined;
  if (url.username || url.password) {
    let user: string;
    let password: string;
    try {
      user = decodeURIComponent(url.username);
      password = decodeURIComponent(url.password);
    } catch {
      throw badProxy(where, `the user name or password in ${JSON.stringify(redactUrl(url))} has a broken %-escape`);
    }
    authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  }
  return { protocol, hostname, port, hostPort: `${url.hostname}:${port}`, authorization, redacted: redactUrl(url) };
}

/** The proxy URL for messages and `doctor`: scheme, user, `***` for the password, host and port. */
export function redactUrl(url: URL): string {
  const credentials = url.username ? `${url.username}${url.password ? ':***' : ''}@` : url.password ? ':***@' : '';
  return `${url.protocol}//${credentials}${url.host}`;
}

/** For a value that is not even a URL: anything between `:` and the last `@` may be a password. */
function redactLoose(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value.slice(0, 200);
  const colon = value.indexOf(':', value.indexOf('//') + 1 || 0);
  return colon >= 0 && colon < at ? `${value.slice(0, colon)}:***${value.slice(at)}`.slice(0, 200) : value.slice(0, 200);
}

function badProxy(where: string, reason: string): DelegateError {
  return new DelegateError({
    code: 'invalid-config',
    message: `The proxy in ${where} cannot be used: ${reason}.`,
    action: `Set ${where} to a URL such as http://proxy.example.com:8080 (or http://user:password@proxy.example.com:8080), or remove it.`,
  });
}

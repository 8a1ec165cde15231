/**
 * Proxy settings for Chromium's stack: a `proxy` setting of config.json read into what a Chromium session takes
 * (rules without the password, the password kept for the proxy's `login` challenge), and Chromium's PAC-style
 * answer of `session.resolveProxy` read into a ProxyDecision.
 */
import { DelegateError } from '../errors/delegate-error.js';
import type { ProxyDecision } from './proxy-decision.js';

export interface ProxyCredentials {
  username: string;
  password: string;
}

export type ChromiumProxySetting =
  /** No setting: Chromium follows the system (its proxy settings, PAC/WPAD, environment on Linux). */
  | { kind: 'system'; key: 'system' }
  /** `"direct"`: never a proxy, whatever the system says. */
  | { kind: 'direct'; key: 'direct' }
  | {
      kind: 'fixed';
      /** Chromium's `proxyRules`: `http://host:port` (scheme = the proxy's kind); never carries the password. */
      rules: string;
      /** For messages and `doctor`: the proxy's URL with any password as `***`. */
      shown: string;
      credentials?: ProxyCredentials;
      /** Tells sessions apart without holding the password. */
      key: string;
    };

const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks4:', 'socks5:']);

/** Reads a `proxy` setting (a URL, possibly with user:password, or the word "direct"). */
export function readProxySetting(value: string | undefined): ChromiumProxySetting {
  const text = value?.trim();
  if (!text) return { kind: 'system', key: 'system' };
  if (text.toLowerCase() === 'direct') return { kind: 'direct', key: 'direct' };
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `http://${text}`);
  } catch {
    throw invalidProxy('is not a URL');
  }
  if (!PROXY_SCHEMES.has(url.protocol)) throw invalidProxy(`uses ${url.protocol.slice(0, 20)}, which is not a proxy scheme (http, https, socks4, socks5)`);
  if (url.pathname !== '/' && url.pathname !== '' ) throw invalidProxy('has a path; a proxy is only scheme://host:port');
  const rules = `${url.protocol}//${url.host}`;
  const username = safeDecode(url.username);
  const password = safeDecode(url.password);
  const shown = url.username ? `${url.protocol}//${url.username}${url.password ? ':***' : ''}@${url.host}` : rules;
  return { kind: 'fixed', rules, shown, key: rules, ...(username ? { credentials: { username, password } } : {}) };
}

/** How messages name the proxy a request goes through. */
export function proxyName(setting: ChromiumProxySetting): string {
  if (setting.kind === 'fixed') return `the proxy ${setting.shown}`;
  return "the proxy of this computer's network settings";
}

/**
 * Chromium's answer for a URL (`PROXY proxy.corp:8080; DIRECT`, `HTTPS p:443`, `SOCKS5 s:1080`, `DIRECT`):
 * the first entry is what Chromium tries; the others are fallbacks, named in `rule`.
 */
export function proxyDecisionFromPac(target: URL, answer: string, setting: ChromiumProxySetting): ProxyDecision {
  const entries = answer
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(pacEntryUrl);
  const first = entries[0] ?? null;
  const source = setting.kind === 'system' ? 'system' : 'config';
  const origin = setting.kind === 'system' ? 'PAC/system settings' : setting.kind === 'direct' ? 'proxy setting "direct"' : `proxy setting ${setting.shown}`;
  const fallbacks = entries.slice(1).map((entry) => entry ?? 'DIRECT');
  const decision: ProxyDecision = {
    target: `${target.origin}${target.pathname}`,
    // Chromium's answer never has credentials; the configured proxy is shown with *** for its password.
    proxy: setting.kind === 'fixed' && first !== null ? setting.shown : first,
    source,
    rule: fallbacks.length > 0 ? `${origin} (then ${fallbacks.join(', ')})` : origin,
  };
  return decision;
}

function pacEntryUrl(entry: string): string | null {
  const [kind = '', hostPort = ''] = entry.split(/\s+/, 2);
  switch (kind.toUpperCase()) {
    case 'DIRECT':
      return null;
    case 'PROXY':
      return `http://${hostPort}`;
    case 'HTTPS':
      return `https://${hostPort}`;
    case 'SOCKS':
    case 'SOCKS4':
      return `socks4://${hostPort}`;
    case 'SOCKS5':
      return `socks5://${hostPort}`;
    case 'QUIC':
      return `quic://${hostPort}`;
    default:
      return `${kind.toLowerCase()}://${hostPort}`;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function invalidProxy(reason: string): DelegateError {
  // The value itself is not repeated: it may carry a password.
  return new DelegateError({
    code: 'invalid-config',
    message: `The proxy setting ${reason}.`,
    action: 'Set "proxy" in config.json to http://[user:password@]host:port, or to "direct".',
  });
}

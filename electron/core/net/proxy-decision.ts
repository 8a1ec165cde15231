/**
 * Which proxy a request goes through, and why: what `doctor` shows per endpoint and scripts inherit.
 *
 * The node stack decides in this order (the first that says something wins):
 * 1. the profile's `proxy` in config.json, 2. the global `proxy` in config.json — each a URL, or `"direct"` to
 *    go without a proxy whatever the environment says; a configured proxy is used for every request of the
 *    profile (NO_PROXY does not apply to it: the setting is Delegate's own and explicit);
 * 3. the environment: `no_proxy`/`NO_PROXY` first (see no-proxy.ts), then `https_proxy`/`HTTPS_PROXY` for https
 *    targets and `http_proxy`/`HTTP_PROXY` for http ones. The lower-case name wins when both are set, as curl
 *    does; an empty value counts as unset. HTTP_PROXY never applies to https targets (curl, Go and Node agree).
 */
import { matchNoProxy } from './no-proxy.js';
import { parseProxyUrl, type ProxyEndpoint } from './proxy-url.js';

export interface ProxyDecision {
  /** The URL asked for, without query. */
  target: string;
  /** The proxy's URL with any password replaced by `***`, or null for a direct connection. */
  proxy: string | null;
  /** Where the decision came from. */
  source: 'env' | 'config' | 'profile' | 'system' | 'none';
  /** The variable or rule that decided, e.g. `HTTPS_PROXY`, `NO_PROXY entry .contoso.com`, `PAC`. */
  rule?: string;
}

export function directDecision(target: URL): ProxyDecision {
  return { target: `${target.origin}${target.pathname}`, proxy: null, source: 'none' };
}

/** Delegate's own proxy setting, as TransportOptions carries it. */
export interface ProxySetting {
  /** A proxy URL or `direct`. */
  proxy?: string | undefined;
  /** Which config.json level gave `proxy`: a profile's own, or the global one. Default `config`. */
  proxySource?: 'profile' | 'config' | undefined;
}

export interface ResolvedProxy {
  decision: ProxyDecision;
  /** Where to connect, with the credentials; null for direct. */
  endpoint: ProxyEndpoint | null;
}

/** The value in config.json that forces a direct connection. */
export const DIRECT = 'direct';

/** Throws a DelegateError (invalid-config) naming the variable or setting when its proxy URL is unusable. */
export function resolveProxy(target: URL, setting: ProxySetting = {}, env: NodeJS.ProcessEnv = process.env): ResolvedProxy {
  const base = directDecision(target);
  if (setting.proxy !== undefined && setting.proxy.trim() !== '') {
    const source = setting.proxySource ?? 'config';
    const where = source === 'profile' ? 'the profile\'s "proxy" in config.json' : 'the "proxy" of config.json';
    if (setting.proxy.trim().toLowerCase() === DIRECT) return { decision: { ...base, source, rule: `${where} is "direct"` }, endpoint: null };
    const endpoint = parseProxyUrl(setting.proxy, where);
    return { decision: { ...base, proxy: endpoint.redacted, source, rule: where }, endpoint };
  }

  const noProxy = firstSet(env, 'no_proxy', 'NO_PROXY');
  if (noProxy) {
    const match = matchNoProxy(noProxy.value, target);
    if (match) return { decision: { ...base, source: 'env', rule: `${noProxy.name} entry ${match.entry}` }, endpoint: null };
  }
  const variable = target.protocol === 'http:' ? firstSet(env, 'http_proxy', 'HTTP_PROXY') : firstSet(env, 'https_proxy', 'HTTPS_PROXY');
  if (!variable) {
    const ignored = target.protocol === 'https:' ? firstSet(env, 'http_proxy', 'HTTP_PROXY') : undefined;
    // Said plainly, because "HTTP_PROXY is set, yet nothing goes through it" is the usual first surprise.
    return { decision: ignored ? { ...base, rule: `${ignored.name} is set but applies to http:// URLs only; set HTTPS_PROXY` } : base, endpoint: null };
  }
  const endpoint = parseProxyUrl(variable.value, variable.name);
  return { decision: { ...base, proxy: endpoint.redacted, source: 'env', rule: variable.name }, endpoint };
}

function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { name, value };
  }
  return undefined;
}

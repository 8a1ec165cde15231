/**
 * The proxy URL with its password, for doctor's own CONNECT: a ProxyDecision names the proxy with the password
 * as `***` (it is shown and logged), so the real URL is found again among the places it can come from (the
 * environment, the profile's or config's `proxy` setting) by matching everything but the password.
 *
 * The result is only ever used to open the tunnel; it is never put in a finding.
 */

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

export function proxyWithCredentials(shown: string, configured: readonly (string | undefined)[], env: NodeJS.ProcessEnv = process.env): URL | null {
  const wanted = parse(shown);
  if (!wanted) return null;
  if (!wanted.password) return wanted;
  const candidates = [...configured, ...PROXY_VARIABLES.map((name) => env[name])];
  for (const candidate of candidates) {
    const url = candidate ? parse(candidate) : null;
    if (url && sameProxy(url, wanted)) return url;
  }
  // Not found: the tunnel is tried without credentials and a 407 says so.
  wanted.username = '';
  wanted.password = '';
  return wanted;
}

/** The proxy's URL as people may see it: the password replaced by `***`. */
export function redactProxy(url: string): string {
  const parsed = parse(url);
  if (!parsed) return url.replace(/\/\/[^@/]*@/, '//***@');
  if (parsed.password) parsed.password = '***';
  return parsed.href.replace(/\/$/, '');
}

function sameProxy(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && effectivePort(a) === effectivePort(b) && a.username === b.username;
}

export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function parse(text: string): URL | null {
  try {
    return new URL(text.includes('://') ? text : `http://${text}`);
  } catch {
    return null;
  }
}

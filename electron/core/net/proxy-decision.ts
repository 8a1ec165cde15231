/**
 * Which proxy a request goes through, and why: what `doctor` shows per endpoint and scripts inherit.
 *
 * (Seam: the node stack's resolution from HTTPS_PROXY/HTTP_PROXY/NO_PROXY and config.json lands here.)
 */
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

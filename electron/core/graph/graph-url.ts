/**
 * Graph URLs: `{baseUrl}/v1.0{path}` with OData query options, or an absolute `@odata.nextLink`.
 *
 * An absolute URL must be on the Graph host: the bearer token goes with it, and a next link pointing
 * elsewhere (a bug, or a hostile proxy) must not receive it.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { graphPathProblem, isUnderGraphVersion } from '../../../shared/graph-path.js';

export const GRAPH_VERSION = 'v1.0';

export function graphUrl(baseUrl: string, pathOrUrl: string, query?: Record<string, string>): URL {
  const base = new URL(baseUrl);
  let url: URL;
  if (/^https?:\/\//i.test(pathOrUrl)) {
    url = new URL(pathOrUrl);
    if (url.origin !== base.origin) {
      throw new DelegateError({
        code: 'unexpected',
        message: `Refusing to send the Microsoft Graph token to ${url.host}, which is not the profile's Graph host (${base.host}).`,
        action: "Check the Graph URL in the profile's cloud settings.",
      });
    }
  } else {
    const path = pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`;
    const problem = graphPathProblem(path);
    if (problem) throw outsideVersion(path, problem);
    url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}/${GRAPH_VERSION}${path}`);
  }
  // Defence in depth, whatever the caller passed: the token only goes below <base>/v1.0/ or <base>/beta/.
  if (!isUnderGraphVersion(url.pathname, base.pathname)) throw outsideVersion(url.pathname, 'it is not under the Graph version (/v1.0/ or /beta/) of the profile\'s Graph URL');
  if (query) {
    const extra = encodeQuery(query);
    if (extra) url.search = url.search ? `${url.search}&${extra}` : `?${extra}`;
  }
  return url;
}

function outsideVersion(path: string, why: string): DelegateError {
  return new DelegateError({
    code: 'invalid-input',
    message: `Refusing to send the Microsoft Graph token to the path ${JSON.stringify(path.slice(0, 200))}: ${why}.`,
    action: 'Use a Graph path such as /me/messages, without "." or ".." segments.',
  });
}

/**
 * `$select=id,name&$filter=…` the way Graph's documentation writes it. URLSearchParams would turn spaces into
 * `+`, which OData reads as a literal plus inside `$filter`/`$search`; so spaces are `%20`, and `$`, `@` and `,`
 * (legal in a query, RFC 3986) stay readable.
 */
export function encodeQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([name, value]) => `${encodeQueryPart(name)}=${encodeQueryPart(value)}`)
    .join('&');
}

function encodeQueryPart(value: string): string {
  return encodeURIComponent(value).replace(/%24/g, '$').replace(/%40/g, '@').replace(/%2C/g, ',');
}

/**
 * `GET /me/drive/root:/Reports`: how a request is named in messages and logs: the path below the version,
 * never the host's query string (a pre-authenticated URL carries its credential there).
 */
export function describeRequest(method: string, url: URL, baseUrl: string): string {
  const prefix = `${new URL(baseUrl).pathname.replace(/\/+$/, '')}/${GRAPH_VERSION}`;
  const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
  return `${method.toUpperCase()} ${decodeURIComponentSafe(path)}`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

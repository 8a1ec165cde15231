/**
 * Which Graph paths a job may name: ones that stay under the Graph API version.
 *
 * The bearer token goes with every request, so `/../../x` (or `/v1.0/../x`, `/%2e%2e/x`, `/..\x`) must not reach
 * another path on the Graph host, or past a custom cloud's base path to another service on the same server.
 * URL parsers resolve `..`, `%2e%2e` and backslashes in https URLs; a server may also decode `%2F`. So a path
 * with a dot segment in any of those spellings is refused outright, at validation time and again before sending.
 */

/** The versions a request may go to, below the profile's Graph base URL. */
export const GRAPH_VERSIONS = ['v1.0', 'beta'] as const;

/** Why a job's Graph path cannot be used, or undefined when it is fine. */
export function graphPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with / (e.g. /me/messages)';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'must not contain control characters';
  const pathPart = path.split(/[?#]/, 1)[0] ?? '';
  if (hasDotSegment(pathPart)) return 'must not contain "." or ".." segments (in any spelling, such as %2e%2e or a backslash): it has to stay under the Graph version (/v1.0/ or /beta/)';
  return undefined;
}

/** True when the path, read as a server might (percent-decoded, backslashes as slashes), has a `.` or `..` segment. */
export function hasDotSegment(pathPart: string): boolean {
  let decoded = pathPart;
  // Twice decoded: `%252e` is `%2e` after one pass; a proxy or server that decodes again must still see no `..`.
  for (let pass = 0; pass < 3; pass++) decoded = decodeLenient(decoded);
  return decoded
    .replace(/\\/g, '/')
    .split('/')
    .some((segment) => segment === '.' || segment === '..');
}

/** True when `pathname` (of the URL about to be requested) is under `<base path>/v1.0/` or `<base path>/beta/`, with no dot segment. */
export function isUnderGraphVersion(pathname: string, basePath: string): boolean {
  const base = basePath.replace(/\/+$/, '');
  return GRAPH_VERSIONS.some((version) => pathname === `${base}/${version}` || pathname.startsWith(`${base}/${version}/`)) && !hasDotSegment(pathname);
}

function decodeLenient(value: string): string {
  // Decode each %XX on its own: one malformed escape must not hide the others.
  return value.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
}

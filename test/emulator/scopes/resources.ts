/**
 * Resources (APIs) a scope can target, named as Entra names them.
 *
 * Microsoft Graph may be written as its URL or its app ID; Entra treats both as one resource.
 */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const SHAREPOINT_APP_ID = '00000003-0000-0ff1-ce00-000000000000';

/** Normalises a resource identifier: Graph's aliases collapse to one URL, trailing slashes go. */
export function canonicalResource(resource: string): string {
  const trimmed = resource.replace(/\/+$/, '');
  const lower = trimmed.toLowerCase();
  if (lower === GRAPH_RESOURCE || lower === GRAPH_APP_ID) return GRAPH_RESOURCE;
  try {
    const url = new URL(trimmed);
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return trimmed;
  }
}

export function isGraph(resource: string): boolean {
  return canonicalResource(resource) === GRAPH_RESOURCE;
}

export function isSharePoint(resource: string): boolean {
  try {
    return new URL(resource).hostname.toLowerCase().endsWith('.sharepoint.com');
  } catch {
    return false;
  }
}

/** The app ID of a resource, as AADSTS messages quote it ('00000003-…' for Graph). */
export function resourceAppId(resource: string): string {
  if (isGraph(resource)) return GRAPH_APP_ID;
  if (isSharePoint(resource)) return SHAREPOINT_APP_ID;
  return resource;
}

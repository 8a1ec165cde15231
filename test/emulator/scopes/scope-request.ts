import { canonicalResource, GRAPH_RESOURCE } from './resources.js';

/**
 * A `scope` parameter read the way Entra ID v2 reads it.
 *
 * OpenID Connect scopes stand apart; every other scope targets one resource. Graph scopes may come
 * short (`Mail.Send`) or qualified (`https://graph.microsoft.com/Mail.Send`).
 */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

export interface ResourceScope {
  readonly resource: string;
  /** The permission name as the client wrote it, or `.default`. */
  readonly name: string;
}

export interface ScopeRequest {
  readonly raw: string;
  readonly oidc: ReadonlySet<OidcScope>;
  readonly resourceScopes: readonly ResourceScope[];
}

function isOidcScope(token: string): token is OidcScope {
  return (OIDC_SCOPES as readonly string[]).includes(token);
}

export function parseScopeRequest(raw: string): ScopeRequest {
  const oidc = new Set<OidcScope>();
  const resourceScopes: ResourceScope[] = [];
  for (const token of raw.split(/\s+/).filter((part) => part.length > 0)) {
    const lower = token.toLowerCase();
    if (isOidcScope(lower)) {
      oidc.add(lower);
      continue;
    }
    const slash = token.lastIndexOf('/');
    if (slash < 0) {
      resourceScopes.push({ resource: GRAPH_RESOURCE, name: token });
      continue;
    }
    resourceScopes.push({ resource: canonicalResource(token.slice(0, slash)), name: token.slice(slash + 1) });
  }
  return { raw, oidc, resourceScopes };
}

/** The resources a request names, in the order they first appear. */
export function requestedResources(request: ScopeRequest): string[] {
  return [...new Set(request.resourceScopes.map((scope) => scope.resource))];
}

export function isDefaultScope(scope: ResourceScope): boolean {
  return scope.name.toLowerCase() === '.default';
}

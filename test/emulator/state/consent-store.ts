import type { OidcScope } from '../scopes/scope-request.js';

/**
 * What each user has consented to for each client, per resource.
 *
 * Consent only grows: every interactive approval adds its scopes to the union, as Entra does, and
 * tokens then carry the whole union for their resource.
 */
export class ConsentStore {
  private readonly resourceGrants = new Map<string, Map<string, Set<string>>>();
  private readonly oidcGrants = new Map<string, Set<OidcScope>>();

  grantResourceScopes(userOid: string, clientId: string, resource: string, names: Iterable<string>): void {
    const key = grantKey(userOid, clientId);
    const byResource = this.resourceGrants.get(key) ?? new Map<string, Set<string>>();
    this.resourceGrants.set(key, byResource);
    const granted = byResource.get(resource) ?? new Set<string>();
    byResource.set(resource, granted);
    for (const name of names) granted.add(name);
  }

  grantOidcScopes(userOid: string, clientId: string, scopes: Iterable<OidcScope>): void {
    const key = grantKey(userOid, clientId);
    const granted = this.oidcGrants.get(key) ?? new Set<OidcScope>();
    this.oidcGrants.set(key, granted);
    for (const scope of scopes) granted.add(scope);
  }

  /** Consented permission names for one resource, sorted the way Entra lists them in `scp`. */
  resourceScopes(userOid: string, clientId: string, resource: string): string[] {
    const granted = this.resourceGrants.get(grantKey(userOid, clientId))?.get(resource);
    return granted ? sortScopes(granted) : [];
  }

  oidcScopes(userOid: string, clientId: string): OidcScope[] {
    return [...(this.oidcGrants.get(grantKey(userOid, clientId)) ?? [])];
  }

  clear(): void {
    this.resourceGrants.clear();
    this.oidcGrants.clear();
  }
}

function grantKey(userOid: string, clientId: string): string {
  return `${userOid}|${clientId.toLowerCase()}`;
}

export function sortScopes(scopes: Iterable<string>): string[] {
  return [...scopes].sort((left, right) => left.toLowerCase().localeCompare(right.toLowerCase()));
}

import { clientDisplayName } from '../directory/directory.js';
import { preauthorizedScopes } from '../directory/preauthorization.js';
import { canonicalGraphPermission } from '../scopes/graph-permissions.js';
import { isGraph, resourceAppId } from '../scopes/resources.js';
import { isDefaultScope, requestedResources, type ScopeRequest } from '../scopes/scope-request.js';
import type { ConsentStore } from '../state/consent-store.js';
import { aadsts } from './aadsts.js';
import type { EntraErrorSpec } from './entra-error.js';

/** Turning a person's approval into consent, and checking scopes against what Graph offers. */

/** AADSTS650053 for the first Graph scope Graph does not have; undefined when all exist. */
export function findUnknownScope(request: ScopeRequest, clientId: string): EntraErrorSpec | undefined {
  const unknown = request.resourceScopes.find(
    (scope) => isGraph(scope.resource) && !isDefaultScope(scope) && canonicalGraphPermission(scope.name) === undefined,
  );
  if (!unknown) return undefined;
  return aadsts.scopeDoesNotExist(clientDisplayName(clientId), unknown.name, resourceAppId(unknown.resource));
}

/** The person approved: the requested scopes join the union already consented for this client. */
export function recordConsent(consent: ConsentStore, userOid: string, clientId: string, request: ScopeRequest): void {
  consent.grantOidcScopes(userOid, clientId, request.oidc);
  // Entra answers `openid` with `email` too ("User.Read profile openid email").
  if (request.oidc.has('openid')) consent.grantOidcScopes(userOid, clientId, ['email']);
  for (const resource of requestedResources(request)) {
    const scopes = request.resourceScopes.filter((scope) => scope.resource === resource);
    const named = scopes.filter((scope) => !isDefaultScope(scope)).map((scope) => canonicalName(resource, scope.name));
    consent.grantResourceScopes(userOid, clientId, resource, named);
    const onlyDefault = named.length === 0;
    const nothingYet =
      consent.resourceScopes(userOid, clientId, resource).length === 0 && preauthorizedScopes(clientId, resource).length === 0;
    // `.default` means "the app's static permissions". The emulator has no app registrations, so an
    // app approved with `.default` alone gets the sign-in minimum: User.Read, or user_impersonation.
    if (onlyDefault && nothingYet) {
      consent.grantResourceScopes(userOid, clientId, resource, [isGraph(resource) ? 'User.Read' : 'user_impersonation']);
    }
  }
}

export function canonicalName(resource: string, name: string): string {
  return isGraph(resource) ? (canonicalGraphPermission(name) ?? name) : name;
}

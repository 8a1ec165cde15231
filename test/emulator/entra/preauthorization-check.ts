import { GRAPH_RESOURCE, isGraph, resourceAppId } from '../scopes/resources.js';
import { isDefaultScope, type ScopeRequest } from '../scopes/scope-request.js';
import type { PreauthorizationStore } from '../state/preauthorization-store.js';
import { aadsts } from './aadsts.js';
import type { EntraErrorSpec } from './entra-error.js';

/**
 * AADSTS65002 when a request names a Graph permission its client is not pre-authorised for.
 *
 * Entra names only the client and the resource, never the scope: a client that asked for fifteen scopes learns
 * that one or more of them is refused, not which.
 */
export function findUnapprovedScope(store: PreauthorizationStore, clientId: string, request: ScopeRequest): EntraErrorSpec | undefined {
  const allowed = store.graphScopes(clientId);
  if (allowed === 'any') return undefined;
  const lower = new Set(allowed.map((name) => name.toLowerCase()));
  const refused = request.resourceScopes.some((scope) => isGraph(scope.resource) && !isDefaultScope(scope) && !lower.has(scope.name.toLowerCase()));
  return refused ? aadsts.preauthorizationRequired(clientId, resourceAppId(GRAPH_RESOURCE)) : undefined;
}

/** Scopes a client may still carry in a Graph token: consented ones it is no longer pre-authorised for drop out. */
export function withinPreauthorization(store: PreauthorizationStore, clientId: string, resource: string, scopes: readonly string[]): string[] {
  const allowed = store.graphScopes(clientId);
  if (allowed === 'any' || !isGraph(resource)) return [...scopes];
  const lower = new Set(allowed.map((name) => name.toLowerCase()));
  return scopes.filter((name) => lower.has(name.toLowerCase()));
}

/**
 * The Graph scopes of a request that the client is pre-authorised for. Such a client never asks anyone to
 * consent: a refresh token of it gets these silently, which is how one sign-in to Office serves any of them.
 */
export function preauthorizedInRequest(store: PreauthorizationStore, clientId: string, request: ScopeRequest): string[] {
  const allowed = store.graphScopes(clientId);
  if (allowed === 'any') return [];
  const byLower = new Map(allowed.map((name) => [name.toLowerCase(), name]));
  return request.resourceScopes.flatMap((scope) => {
    const known = isGraph(scope.resource) && !isDefaultScope(scope) ? byLower.get(scope.name.toLowerCase()) : undefined;
    return known ? [known] : [];
  });
}

/**
 * Scopes a sign-in is about to ask for that Microsoft is not known to pre-authorise the client for.
 *
 * Advice only (the lists change without notice, so Entra stays the judge), but worth saying before a device-code
 * sign-in: there a refused scope shows AADSTS65002 only on Microsoft's page, in the person's browser, while the
 * command just waits for the code to expire. A profile that stored Delegate's old broad scope list on the Office
 * client is the common case.
 */
import { readMetadata } from './profile-metadata.js';
import { permissionName, withoutRefused } from './scope-refusal.js';
import type { AuthContext } from './auth-context.js';
import { preauthorizedListFor } from '../../../shared/preauthorized-scopes.js';
import { GRAPH_RESOURCES } from '../../../shared/scopes.js';

const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);

/** The profile's Graph permissions (less those already recorded as refused) outside its client's known list. */
export function likelyRefusedScopes(context: Pick<AuthContext, 'profile' | 'paths'>): string[] {
  const known = preauthorizedListFor(context.profile.clientId);
  if (known === 'any') return [];
  const has = new Set(known.map((scope) => scope.toLowerCase()));
  const asked = withoutRefused(context.profile, readMetadata(context.paths).metadata, context.profile.scopes);
  return asked
    .filter((scope) => !scope.endsWith('/.default') && !OIDC.has(scope.toLowerCase()))
    // Only Graph permissions are in the lists; a SharePoint or other resource scope is not judged here.
    .filter((scope) => !scope.includes('://') || isGraphScope(scope, context.profile.graphBaseUrl))
    .map(permissionName)
    .filter((name) => !has.has(name.toLowerCase()));
}

function isGraphScope(scope: string, customGraph: string | undefined): boolean {
  const lower = scope.toLowerCase();
  const resources = customGraph ? [...GRAPH_RESOURCES, customGraph.toLowerCase().replace(/\/+$/, '')] : GRAPH_RESOURCES;
  return resources.some((resource) => lower.startsWith(`${resource}/`));
}

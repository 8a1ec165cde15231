/**
 * The sign-in host, Graph URL and scope qualification for a profile's cloud.
 */
import { KNOWN_CLOUDS, type CloudEndpoints } from '../../../shared/clouds.js';
import type { Profile } from '../../../shared/models/profile.js';

export function endpointsFor(profile: Profile): CloudEndpoints {
  if (profile.cloud === 'custom') {
    return {
      label: 'Custom',
      authorityHost: stripSlash(profile.authorityHost ?? ''),
      graphBaseUrl: stripSlash(profile.graphBaseUrl ?? ''),
      graphResource: null,
    };
  }
  return KNOWN_CLOUDS[profile.cloud];
}

export function authorityUrl(profile: Profile): string {
  return `${endpointsFor(profile).authorityHost}/${profile.tenant}`;
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/**
 * Graph scopes as the cloud wants them: short names for the global cloud (Entra reads them as Graph's),
 * qualified with the national Graph resource elsewhere.
 */
export function qualifyForCloud(profile: Profile, scopes: readonly string[]): string[] {
  const resource = endpointsFor(profile).graphResource;
  return scopes.map((scope) => (resource && !scope.includes('://') && !OIDC_SCOPES.has(scope.toLowerCase()) ? `${resource}/${scope}` : scope));
}

/** `https://contoso.sharepoint.com` (or with a path or a trailing `/.default`) → `https://contoso.sharepoint.com/.default`. */
export function resourceDefaultScope(resource: string): string {
  const trimmed = stripSlash(resource.replace(/\/\.default$/i, ''));
  return `${trimmed}/.default`;
}

function stripSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

/**
 * Whether a cache entry's `environment` (the sign-in host msal keyed it under) is the profile's sign-in host.
 *
 * msal libraries key the same cloud under different names: msal Python writes the authority's host name
 * (`login.microsoftonline.com`, and without its port: `127.0.0.1` for `https://127.0.0.1:8443`), msal-node the
 * cloud's preferred cache host from instance discovery (`login.windows.net` for the global cloud; `host:port`
 * for a custom authority it was told to trust). Each cloud's aliases are the ones Entra's instance discovery
 * answers with (msal-common's hard-coded copy of that answer, AuthorityMetadata).
 */
import { endpointsFor } from '../auth/cloud-endpoints.js';
import type { Profile } from '../../../shared/models/profile.js';

const CLOUD_ALIASES: readonly (readonly string[])[] = [
  ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
  ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
  ['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
  ['login.microsoftonline.de'],
];

/** The names the profile's sign-in host may appear under in a cache file, lower case. */
export function environmentsOf(profile: Profile): string[] {
  const url = new URL(endpointsFor(profile).authorityHost);
  const names = new Set([url.host.toLowerCase(), url.hostname.toLowerCase()]);
  for (const aliases of CLOUD_ALIASES) if (aliases.includes(url.hostname.toLowerCase())) aliases.forEach((alias) => names.add(alias));
  return [...names];
}

export function environmentMatches(environment: string, profile: Profile): boolean {
  return environmentsOf(profile).includes(environment.toLowerCase());
}

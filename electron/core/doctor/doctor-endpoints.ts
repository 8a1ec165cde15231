/**
 * The hosts a profile's requests go to, as doctor checks them: the sign-in host, Graph, SharePoint (the tenant's
 * and the profile's extra resources) and the file download hosts Graph redirects to.
 *
 * Real downloads of OneDrive for Business files go to the tenant's SharePoint host, personal ones to
 * `*.1drv.com` hosts whose names vary per file: that one is checked for its proxy decision only (a corporate
 * proxy or NO_PROXY list must let it through), never connected to. A custom cloud (the emulator, a sovereign
 * gateway) serves its download URLs on Graph's own host.
 */
import { endpointsFor } from '../auth/cloud-endpoints.js';
import type { Profile } from '../../../shared/models/profile.js';

export interface DoctorEndpoint {
  /** Stable id for finding ids: `login`, `graph`, `sharepoint`, `resource-1`, `download`, `outlook`. */
  id: string;
  /** For people: "the sign-in host", "Microsoft Graph"… */
  label: string;
  url: URL;
  /** False for a stand-in of a family of hosts (`*.1drv.com`): its proxy decision is shown, nothing is connected. */
  connect: boolean;
}

/** A `*.1drv.com` name as Graph hands out for personal OneDrive downloads; only its proxy decision is asked. */
const ONEDRIVE_DOWNLOAD_SAMPLE = 'https://public.files.1drv.com/';

/** SharePoint's domain per cloud, for `<tenant>.onmicrosoft.<tld>` → `<tenant>.sharepoint.<tld>`. */
const SHAREPOINT_DOMAIN: Partial<Record<Profile['cloud'], string>> = { global: 'sharepoint.com', usgov: 'sharepoint.us', 'usgov-dod': 'sharepoint.us', china: 'sharepoint.cn' };

export function doctorEndpoints(profile: Profile, username?: string | null): DoctorEndpoint[] {
  const endpoints = endpointsFor(profile);
  const list: DoctorEndpoint[] = [];
  const add = (id: string, label: string, url: string, connect = true) => {
    const parsed = parseHttps(url);
    if (parsed) list.push({ id, label, url: parsed, connect });
  };
  add('login', 'the sign-in host', `${endpoints.authorityHost}/`);
  add('graph', 'Microsoft Graph', `${endpoints.graphBaseUrl}/`);
  const resources = profile.extraResources.map(parseHttps).filter((url): url is URL => url !== null);
  const tenantSite = profile.cloud === 'custom' ? null : tenantSharePoint(profile, username);
  if (tenantSite && !resources.some((url) => url.host.toLowerCase() === tenantSite.host)) add('sharepoint', "the tenant's SharePoint", tenantSite.href);
  resources.forEach((url, index) => add(`resource-${index + 1}`, url.host.toLowerCase().includes('.sharepoint.') ? 'SharePoint (extra resource)' : 'an extra resource', url.href));
  if (profile.cloud === 'custom') {
    add('download', 'file downloads (on the custom cloud\'s Graph host)', `${new URL(endpoints.graphBaseUrl).origin}/`);
  } else {
    add('download', 'OneDrive file downloads (*.1drv.com)', ONEDRIVE_DOWNLOAD_SAMPLE, false);
  }
  return list;
}

/**
 * `https://<tenant>.sharepoint.com` from a tenant given as `contoso.onmicrosoft.com`, else from the signed-in
 * account's `@contoso.onmicrosoft.com`; null when neither tells (a GUID tenant and a vanity domain).
 */
export function tenantSharePoint(profile: Pick<Profile, 'cloud' | 'tenant'>, username?: string | null): URL | null {
  const domain = SHAREPOINT_DOMAIN[profile.cloud];
  if (!domain) return null;
  const initial = (text: string | null | undefined) => /^([a-z0-9][a-z0-9-]{0,62})\.onmicrosoft\.(?:com|us|cn)$/i.exec(text ?? '')?.[1];
  const name = initial(profile.tenant) ?? initial(username?.split('@')[1]);
  return name ? new URL(`https://${name.toLowerCase()}.${domain}/`) : null;
}

function parseHttps(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

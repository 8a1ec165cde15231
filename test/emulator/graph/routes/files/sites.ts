import { findDrive, findSiteByPath, resolveSiteSegment, SHAREPOINT_HOSTNAME, type SiteDefinition } from '../../../directory/sharepoint-sites.js';
import type { EmulatorContext } from '../../../emulator-context.js';
import type { GraphCall, GraphResult, GraphRoute } from '../../graph-route.js';
import { applySelect, readQueryOptions } from '../../odata/query-options.js';
import { driveErrors } from './drive-errors.js';
import { driveJson } from './drive-item-json.js';

/**
 * SharePoint sites: `GET /sites/root`, `/sites/{site-id}`, `/sites/{hostname}:/{server-relative-path}`
 * (the way to turn a site URL into an ID) and `/sites/{site-id}/drives`. Sites need a Sites.*
 * scope; Files.* alone does not reach them.
 */

const SITE_SCOPES = ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];

function siteJson(site: SiteDefinition, context: EmulatorContext): Record<string, unknown> {
  return {
    '@odata.context': `${context.graphBaseUrl}/v1.0/$metadata#sites/$entity`,
    createdDateTime: site.createdDateTime,
    description: site.description,
    id: site.id,
    lastModifiedDateTime: site.createdDateTime,
    name: site.name,
    webUrl: site.webUrl,
    displayName: site.displayName,
    ...(site.serverRelativePath === '' ? { root: {} } : {}),
    siteCollection: { hostname: site.hostname },
  };
}

function answerSite(call: GraphCall, site: SiteDefinition | undefined): GraphResult {
  if (site === undefined) return { error: driveErrors.siteNotFound() };
  const query = readQueryOptions(call.request.url, 1000);
  if (!query.ok) return { error: query.error };
  return { status: 200, body: applySelect(siteJson(site, call.context), query.options.select) };
}

export const getSiteByPathRoute: GraphRoute = {
  method: 'GET',
  pattern: /^\/v1\.0\/sites\/(?<hostname>[^/:]+):(?<sitePath>\/[^:]*?):?\/?$/,
  anyOfScopes: SITE_SCOPES,
  handle: (call) => {
    const hostname = (call.params.hostname ?? '').toLowerCase();
    if (hostname !== SHAREPOINT_HOSTNAME) return { error: driveErrors.invalidHostname() };
    return answerSite(call, findSiteByPath(hostname, call.params.sitePath ?? ''));
  },
};

export const getSiteRoute: GraphRoute = {
  method: 'GET',
  pattern: /^\/v1\.0\/sites\/(?<siteId>[^/:]+)\/?$/,
  anyOfScopes: SITE_SCOPES,
  handle: (call) => answerSite(call, resolveSiteSegment(call.params.siteId ?? '')),
};

export const listSiteDrivesRoute: GraphRoute = {
  method: 'GET',
  pattern: /^\/v1\.0\/sites\/(?<siteId>[^/:]+)\/drives\/?$/,
  anyOfScopes: SITE_SCOPES,
  handle: (call) => {
    const site = resolveSiteSegment(call.params.siteId ?? '');
    if (site === undefined) return { error: driveErrors.siteNotFound() };
    const drive = findDrive(site.driveId);
    return {
      status: 200,
      body: { '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#drives`, value: drive === undefined ? [] : [driveJson(drive, call.context)] },
    };
  },
};

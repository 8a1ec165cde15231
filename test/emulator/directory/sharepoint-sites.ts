import { driveId, deterministicGuid } from '../ids.js';
import { USERS } from './directory.js';

/**
 * SharePoint in the tenant: the root site, the Finance team site, and everyone's OneDrive. IDs
 * are fixed (derived from names) so tests and the README can name them.
 *
 * A site ID has Graph's form `{hostname},{site collection GUID},{web GUID}`.
 */

export const SHAREPOINT_HOSTNAME = 'contoso.sharepoint.com';
export const MY_SITE_HOSTNAME = 'contoso-my.sharepoint.com';

export interface SiteDefinition {
  readonly id: string;
  readonly hostname: string;
  /** Server-relative path, '' for the root site. */
  readonly serverRelativePath: string;
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly webUrl: string;
  readonly createdDateTime: string;
  readonly driveId: string;
}

export type DriveOwner = { readonly kind: 'user'; readonly oid: string } | { readonly kind: 'site'; readonly siteId: string };

export interface DriveDefinition {
  readonly id: string;
  readonly name: string;
  readonly driveType: 'business' | 'documentLibrary';
  readonly description: string;
  readonly webUrl: string;
  readonly owner: DriveOwner;
  /** Where pre-authenticated download and upload URLs for this drive live, under `/sharepoint`. */
  readonly contentPath: string;
  readonly createdDateTime: string;
}

function site(serverRelativePath: string, name: string, displayName: string, description: string): SiteDefinition {
  const key = `site:${SHAREPOINT_HOSTNAME}${serverRelativePath}`;
  return {
    id: `${SHAREPOINT_HOSTNAME},${deterministicGuid(`${key}:collection`)},${deterministicGuid(`${key}:web`)}`,
    hostname: SHAREPOINT_HOSTNAME,
    serverRelativePath,
    name,
    displayName,
    description,
    webUrl: `https://${SHAREPOINT_HOSTNAME}${serverRelativePath}`,
    createdDateTime: '2024-03-04T09:12:45Z',
    driveId: driveId(`${key}:Shared Documents`),
  };
}

export const ROOT_SITE = site('', 'contoso.sharepoint.com', 'Communication site', 'The Contoso intranet');
export const FINANCE_SITE = site('/sites/Finance', 'Finance', 'Finance', 'Invoices, budgets and reports');

export const SITES: readonly SiteDefinition[] = [ROOT_SITE, FINANCE_SITE];

function personalPath(upn: string): string {
  return `/personal/${upn.replace(/[@.]/g, '_')}`;
}

export const DRIVES: readonly DriveDefinition[] = [
  ...USERS.map(
    (user): DriveDefinition => ({
      id: driveId(`onedrive:${user.upn}`),
      name: 'OneDrive',
      driveType: 'business',
      description: '',
      webUrl: `https://${MY_SITE_HOSTNAME}${personalPath(user.upn)}/Documents`,
      owner: { kind: 'user', oid: user.oid },
      contentPath: personalPath(user.upn),
      createdDateTime: '2024-03-04T09:30:12Z',
    }),
  ),
  ...SITES.map(
    (definition): DriveDefinition => ({
      id: definition.driveId,
      name: 'Documents',
      driveType: 'documentLibrary',
      description: '',
      webUrl: `${definition.webUrl}/Shared%20Documents`,
      owner: { kind: 'site', siteId: definition.id },
      contentPath: definition.serverRelativePath,
      createdDateTime: definition.createdDateTime,
    }),
  ),
];

export function findDrive(id: string): DriveDefinition | undefined {
  return DRIVES.find((drive) => drive.id === id);
}

export function oneDriveOf(userOid: string): DriveDefinition | undefined {
  return DRIVES.find((drive) => drive.owner.kind === 'user' && drive.owner.oid === userOid);
}

export function findSiteById(id: string): SiteDefinition | undefined {
  const wanted = id.toLowerCase();
  return SITES.find((candidate) => candidate.id.toLowerCase() === wanted);
}

/** `GET /sites/{hostname}:/{path}`: SharePoint paths are case-insensitive. */
export function findSiteByPath(hostname: string, serverRelativePath: string): SiteDefinition | undefined {
  const path = serverRelativePath.replace(/\/+$/, '').toLowerCase();
  return SITES.find((candidate) => candidate.hostname === hostname.toLowerCase() && candidate.serverRelativePath.toLowerCase() === path);
}

/** A `{site-id}` path segment: `root`, a bare hostname (its root site) or a full site ID. */
export function resolveSiteSegment(segment: string): SiteDefinition | undefined {
  const lower = segment.toLowerCase();
  if (lower === 'root' || lower === SHAREPOINT_HOSTNAME) return ROOT_SITE;
  return findSiteById(segment);
}

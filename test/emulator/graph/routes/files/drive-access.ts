import { findUserByOid, findUserByUpn } from '../../../directory/directory.js';
import { findDrive, findSiteByPath, oneDriveOf, resolveSiteSegment, SHAREPOINT_HOSTNAME, type DriveDefinition } from '../../../directory/sharepoint-sites.js';
import type { DriveItemRecord } from '../../../state/drive-store.js';
import type { GraphErrorSpec } from '../../graph-error.js';
import type { GraphCall } from '../../graph-route.js';
import { driveErrors } from './drive-errors.js';

/**
 * Which drive a call names and whether the token may use it. Files.Read / Files.ReadWrite reach
 * only the caller's own OneDrive; a site's library needs Files.Read(Write).All or a Sites.*
 * scope; someone else's OneDrive is not shared with anyone here (403).
 */

export type DriveAccess = 'read' | 'write';

const OWN_DRIVE_SCOPES: Readonly<Record<DriveAccess, readonly string[]>> = {
  read: ['Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
  write: ['Files.ReadWrite', 'Files.ReadWrite.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
};

const SITE_DRIVE_SCOPES: Readonly<Record<DriveAccess, readonly string[]>> = {
  read: ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
  write: ['Files.ReadWrite.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'],
};

/** What a drive route lists as its scopes: any that could work for some drive. */
export function driveRouteScopes(access: DriveAccess): readonly string[] {
  return OWN_DRIVE_SCOPES[access];
}

export type DriveResolution =
  | { readonly ok: true; readonly drive: DriveDefinition; readonly root: DriveItemRecord }
  | { readonly ok: false; readonly error: GraphErrorSpec };

function namedDrive(call: GraphCall): DriveDefinition | GraphErrorSpec {
  const { params, caller } = call;
  if (params.driveId !== undefined) return findDrive(params.driveId) ?? driveErrors.itemNotFound();
  if (params.siteId !== undefined || params.hostname !== undefined) {
    if (params.hostname !== undefined && params.hostname.toLowerCase() !== SHAREPOINT_HOSTNAME) return driveErrors.invalidHostname();
    const site = params.siteId !== undefined ? resolveSiteSegment(params.siteId) : findSiteByPath(SHAREPOINT_HOSTNAME, params.sitePath ?? '');
    return site === undefined ? driveErrors.siteNotFound() : (findDrive(site.driveId) ?? driveErrors.itemNotFound());
  }
  const user = params.user === undefined ? caller.user : (findUserByUpn(params.user) ?? findUserByOid(params.user.toLowerCase()));
  if (user === undefined) return driveErrors.itemNotFound();
  return oneDriveOf(user.oid) ?? driveErrors.itemNotFound();
}

export function resolveDrive(call: GraphCall, access: DriveAccess): DriveResolution {
  const named = namedDrive(call);
  if (!('id' in named)) return { ok: false, error: named };
  const drive = named;
  const { owner } = drive;
  if (owner.kind === 'user' && owner.oid !== call.caller.user.oid) return { ok: false, error: driveErrors.accessDenied() };
  const scopes = owner.kind === 'user' ? OWN_DRIVE_SCOPES[access] : SITE_DRIVE_SCOPES[access];
  if (!scopes.some((scope) => call.caller.scopes.has(scope))) return { ok: false, error: driveErrors.accessDenied() };
  const root = call.context.state.drives.root(drive.id);
  if (root === undefined) return { ok: false, error: driveErrors.itemNotFound() };
  return { ok: true, drive, root };
}

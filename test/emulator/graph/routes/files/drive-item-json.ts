import { findUserByOid } from '../../../directory/directory.js';
import { findDrive, type DriveDefinition } from '../../../directory/sharepoint-sites.js';
import type { EmulatorContext } from '../../../emulator-context.js';
import { downloadUrl } from '../../../sharepoint/sharepoint-urls.js';
import { DOWNLOAD_LINK_LIFETIME_MS } from '../../../state/download-link-store.js';
import type { DriveItemRecord, DriveStore, ItemAuthor } from '../../../state/drive-store.js';
import { graphDateTime } from '../../graph-date-time.js';

/**
 * Drives and drive items in Graph's JSON. Files carry `file.hashes.quickXorHash` (the only hash
 * OneDrive for Business reports) and a fresh `@microsoft.graph.downloadUrl`; eTag and cTag follow
 * SharePoint's `"{GUID},{version}"` and `"c:{GUID},{version}"` forms.
 */

function identity(author: ItemAuthor): Record<string, unknown> {
  return { user: { ...(author.email === undefined ? {} : { email: author.email }), ...(author.oid === undefined ? {} : { id: author.oid }), displayName: author.displayName } };
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function folderSize(store: DriveStore, folder: DriveItemRecord): number {
  return store.children(folder.id).reduce((total, child) => total + (child.kind === 'file' ? (child.content?.size ?? 0) : folderSize(store, child)), 0);
}

export function driveItemJson(item: DriveItemRecord, context: EmulatorContext): Record<string, unknown> {
  const store = context.state.drives;
  const drive = findDrive(item.driveId);
  const parent = store.parentOf(item);
  const path = store.pathOf(item);
  const siteId = drive?.owner.kind === 'site' ? drive.owner.siteId : undefined;
  const parentReference: Record<string, unknown> = { driveType: drive?.driveType, driveId: item.driveId };
  if (parent !== undefined) {
    parentReference.id = parent.id;
    if (parent.parentId !== undefined) parentReference.name = parent.name;
    parentReference.path = `/drives/${item.driveId}/root:${encodePath(store.pathOf(parent))}`;
    if (siteId !== undefined) parentReference.siteId = siteId;
  }
  let download: Record<string, unknown> = {};
  if (item.kind === 'file' && drive !== undefined) {
    const link = context.state.downloadLinks.mint(item.driveId, item.id, new Date(context.clock.now().getTime() + DOWNLOAD_LINK_LIFETIME_MS));
    download = { '@microsoft.graph.downloadUrl': downloadUrl(context.origin, drive, item, link.token) };
  }
  return {
    ...download,
    createdDateTime: graphDateTime(item.createdDateTime),
    eTag: `"{${item.uniqueId}},${item.version}"`,
    id: item.id,
    lastModifiedDateTime: graphDateTime(item.lastModifiedDateTime),
    name: item.name,
    webUrl: `${drive?.webUrl ?? ''}${encodePath(path)}`,
    cTag: `"c:{${item.uniqueId}},${item.contentVersion}"`,
    size: item.kind === 'file' ? (item.content?.size ?? 0) : folderSize(store, item),
    createdBy: identity(item.createdBy),
    lastModifiedBy: identity(item.lastModifiedBy),
    parentReference,
    ...(item.kind === 'file'
      ? { file: { mimeType: item.mimeType ?? 'application/octet-stream', hashes: { quickXorHash: item.content?.quickXorHash ?? '' } } }
      : { folder: { childCount: store.children(item.id).length } }),
    fileSystemInfo: { createdDateTime: graphDateTime(item.createdDateTime), lastModifiedDateTime: graphDateTime(item.lastModifiedDateTime) },
    ...(parent === undefined ? { root: {} } : {}),
  };
}

export function driveJson(drive: DriveDefinition, context: EmulatorContext): Record<string, unknown> {
  const store = context.state.drives;
  const root = store.root(drive.id);
  const used = root === undefined ? 0 : folderSize(store, root);
  const total = 1024 ** 4;
  const ownerUser = drive.owner.kind === 'user' ? findUserByOid(drive.owner.oid) : undefined;
  return {
    createdDateTime: drive.createdDateTime.replace(/\.\d{3}Z$/, 'Z'),
    description: drive.description,
    id: drive.id,
    lastModifiedDateTime: graphDateTime(root?.lastModifiedDateTime ?? new Date(drive.createdDateTime)),
    name: drive.name,
    webUrl: drive.webUrl,
    driveType: drive.driveType,
    createdBy: { user: { displayName: 'System Account' } },
    owner: ownerUser === undefined ? { user: { displayName: 'System Account' } } : { user: { email: ownerUser.mail, id: ownerUser.oid, displayName: ownerUser.displayName } },
    quota: { deleted: 0, remaining: total - used, state: 'normal', total, used },
  };
}

/** The author Graph records for a change made by the caller. */
export function authorFor(oid: string): ItemAuthor {
  const user = findUserByOid(oid);
  return { oid, displayName: user?.displayName ?? 'Unknown', email: user?.mail };
}

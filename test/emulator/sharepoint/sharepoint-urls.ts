import type { DriveDefinition } from '../directory/sharepoint-sites.js';
import type { DriveItemRecord } from '../state/drive-store.js';

/**
 * The SharePoint-side URLs Graph hands out: pre-authenticated downloads
 * (`…/_layouts/15/download.aspx?UniqueId=…&tempauth=…`) and upload sessions
 * (`…/_api/v2.0/drives/{id}/items/{id}/uploadSession?guid='…'&tempauth=…`). They live on the
 * emulator under `/sharepoint`, mirroring SharePoint's own paths, and need no bearer token.
 */

export const SHAREPOINT_PREFIX = '/sharepoint';

export function downloadUrl(origin: string, drive: DriveDefinition, item: DriveItemRecord, token: string): string {
  return `${origin}${SHAREPOINT_PREFIX}${drive.contentPath}/_layouts/15/download.aspx?UniqueId=${item.uniqueId.toLowerCase()}&Translate=false&tempauth=${token}&ApiVersion=2.0`;
}

export function uploadSessionUrl(
  origin: string,
  drive: DriveDefinition,
  parentId: string,
  session: { readonly id: string; readonly token: string; readonly conflictBehavior: string },
): string {
  const overwrite = session.conflictBehavior === 'replace' ? 'True' : 'False';
  const rename = session.conflictBehavior === 'rename' ? 'True' : 'False';
  return `${origin}${SHAREPOINT_PREFIX}${drive.contentPath}/_api/v2.0/drives/${drive.id}/items/${parentId}/uploadSession?guid='${session.id}'&overwrite=${overwrite}&rename=${rename}&dc=0&tempauth=${session.token}`;
}

export function isDownloadPath(path: string): boolean {
  return path.endsWith('/_layouts/15/download.aspx');
}

export function isUploadSessionPath(path: string): boolean {
  return /\/_api\/v2\.0\/drives\/[^/]+\/items\/[^/]+\/uploadSession$/.test(path);
}

/** The session GUID from `guid='…'`. */
export function uploadSessionId(url: URL): string | undefined {
  return /^'?([0-9a-f-]{36})'?$/i.exec(url.searchParams.get('guid') ?? '')?.[1]?.toLowerCase();
}

import { Readable } from 'node:stream';
import { z } from 'zod';
import { seededBytes } from '../content/seeded-bytes.js';
import { DEFAULT_USER, findUserByUpn } from '../directory/directory.js';
import { DRIVES, findDrive, findSiteByPath, oneDriveOf, SHAREPOINT_HOSTNAME, SITES, type DriveDefinition } from '../directory/sharepoint-sites.js';
import type { EmulatorContext, RequestHandler } from '../emulator-context.js';
import { sendJson } from '../http/responses.js';
import type { Router } from '../http/router.js';
import { isValidItemName, splitPath, SYSTEM_AUTHOR, type DriveItemRecord } from '../state/drive-store.js';
import { ControlError, readJson } from './control-support.js';

/**
 * Files in the control API: put a file into a drive (given bytes, or `sizeBytes` of seeded
 * pseudo-random bytes streamed to disk, so seeding 1 GiB costs no memory), read back what a
 * drive holds with SHA-256 of the stored bytes, and list drives and open upload sessions.
 */

const MAX_SEEDED_BYTES = 16 * 1024 ** 3;

const seedFileSchema = z
  .strictObject({
    drive: z.string().min(1).optional(),
    path: z.string().min(1),
    contentBase64: z.string().optional(),
    sizeBytes: z.number().int().min(0).max(MAX_SEEDED_BYTES).optional(),
    seed: z.union([z.string(), z.number()]).optional(),
  })
  .refine((file) => (file.contentBase64 === undefined) !== (file.sizeBytes === undefined), { message: 'give exactly one of contentBase64 or sizeBytes' });

/**
 * A drive named the ways a test thinks of it: a drive ID, a user's UPN (their OneDrive), or a
 * site (`/sites/Finance`, `contoso.sharepoint.com:/sites/Finance` or its URL). Default: Adele's OneDrive.
 */
function driveOrFail(name: string | null | undefined): DriveDefinition {
  const userDrive = (upn: string): DriveDefinition | undefined => {
    const user = findUserByUpn(upn);
    return user === undefined ? undefined : oneDriveOf(user.oid);
  };
  if (name === null || name === undefined) {
    const drive = oneDriveOf(DEFAULT_USER.oid);
    if (drive) return drive;
  } else {
    const sitePath = name.replace(/^https:\/\//i, '').replace(new RegExp(`^${SHAREPOINT_HOSTNAME.replace(/\./g, '\\.')}:?`, 'i'), '');
    const drive = findDrive(name) ?? userDrive(name) ?? (sitePath.startsWith('/') ? findDrive(findSiteByPath(SHAREPOINT_HOSTNAME, sitePath)?.driveId ?? '') : undefined);
    if (drive) return drive;
  }
  throw new ControlError(
    404,
    `control API: no drive '${name ?? ''}'; use a drive ID, a user's UPN or a site path (${SITES.map((site) => site.serverRelativePath || '/').join(', ')})`,
  );
}

function describe(item: DriveItemRecord, context: EmulatorContext): Record<string, unknown> {
  const store = context.state.drives;
  return {
    id: item.id,
    driveId: item.driveId,
    path: store.pathOf(item),
    name: item.name,
    size: item.content?.size ?? 0,
    sha256: item.content?.sha256,
    quickXorHash: item.content?.quickXorHash,
    mimeType: item.mimeType,
    eTag: `"{${item.uniqueId}},${item.version}"`,
    cTag: `"c:{${item.uniqueId}},${item.contentVersion}"`,
    lastModifiedDateTime: item.lastModifiedDateTime.toISOString(),
    lastModifiedBy: item.lastModifiedBy.email ?? item.lastModifiedBy.displayName,
  };
}

const seedFile: RequestHandler = async (request, response, context) => {
  const body = readJson(request, seedFileSchema);
  const drive = driveOrFail(body.drive);
  const segments = splitPath(body.path);
  const name = segments.pop();
  if (name === undefined || ![...segments, name].every(isValidItemName)) throw new ControlError(400, `control API: '${body.path}' is not a valid file path`);
  const store = context.state.drives;
  const root = store.root(drive.id);
  if (root === undefined) throw new ControlError(404, `control API: drive ${drive.id} has no root`);
  const now = context.clock.now();
  const parent = store.ensureFolders(root, segments, SYSTEM_AUTHOR, now);
  if (parent === undefined) throw new ControlError(409, `control API: a file is in the way of '${body.path}'`);
  const source = body.contentBase64 !== undefined ? Readable.from([Buffer.from(body.contentBase64, 'base64')]) : seededBytes(body.seed ?? `drive:${body.path}`, body.sizeBytes ?? 0);
  const blob = await context.state.blobs.write(source);
  const placed = await store.placeFile(parent, name, blob, 'replace', SYSTEM_AUTHOR, now);
  if (placed.outcome === 'conflict') {
    await context.state.blobs.remove(blob.path);
    throw new ControlError(409, `control API: a folder named '${name}' is in the way`);
  }
  sendJson(response, 201, describe(placed.item, context));
};

const readFiles: RequestHandler = (request, response, context) => {
  const store = context.state.drives;
  const path = request.url.searchParams.get('path');
  const driveName = request.url.searchParams.get('drive');
  if (path === null) {
    const drive = driveName === null ? undefined : driveOrFail(driveName);
    const files = store.files().filter((item) => drive === undefined || item.driveId === drive.id);
    sendJson(response, 200, files.map((item) => describe(item, context)));
    return;
  }
  const drive = driveOrFail(driveName);
  const root = store.root(drive.id);
  const item = root === undefined ? undefined : store.resolve(root, path);
  if (item === undefined || item.kind !== 'file') throw new ControlError(404, `control API: no file '${path}' in drive ${drive.id} (${drive.webUrl})`);
  sendJson(response, 200, describe(item, context));
};

export function addFilesControlRoutes(router: Router<RequestHandler>): Router<RequestHandler> {
  return router
    .on('POST', /^\/files\/?$/, seedFile)
    .on('GET', /^\/files\/?$/, readFiles)
    .on('GET', /^\/files\/upload-sessions\/?$/, (_request, response, context) =>
      sendJson(
        response,
        200,
        context.state.uploadSessions.all().map((session) => ({
          id: session.id,
          driveId: session.driveId,
          name: session.name,
          received: session.partial.received,
          totalSize: session.totalSize ?? null,
          expiresAt: session.expiresAt.toISOString(),
        })),
      ),
    )
    .on('GET', /^\/drives\/?$/, (_request, response) =>
      sendJson(
        response,
        200,
        DRIVES.map((drive) => ({ id: drive.id, name: drive.name, driveType: drive.driveType, webUrl: drive.webUrl, owner: drive.owner })),
      ),
    );
}

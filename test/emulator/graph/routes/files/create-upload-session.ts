import { newGuid, randomBase64Url } from '../../../ids.js';
import { uploadSessionUrl } from '../../../sharepoint/sharepoint-urls.js';
import { graphErrors } from '../../graph-error.js';
import { isRecord, parseJsonBody, type GraphRoute } from '../../graph-route.js';
import { driveRouteScopes, resolveDrive } from './drive-access.js';
import { driveErrors } from './drive-errors.js';
import { itemAddress } from './drive-item-address.js';
import { authorFor } from './drive-item-json.js';
import { itemActionPattern } from './drive-paths.js';
import { conflictUpFront, ensureUploadFolder, parseConflictBehavior, uploadTarget } from './upload-target.js';

/**
 * `POST …/root:/{path}:/createUploadSession` (or `…/items/{id}/createUploadSession` to replace a
 * file): body `{"item": {"@microsoft.graph.conflictBehavior": "fail" | "replace" | "rename"}}`,
 * `fail` by default as Graph documents. Answers 200 with `uploadUrl` (on the SharePoint side,
 * pre-authenticated), `expirationDateTime` and `nextExpectedRanges`.
 */

/** Each fragment pushes expiry out again by this much (emulator clock). */
export const UPLOAD_SESSION_LIFETIME_MS = 15 * 60 * 1000;

const ITEM_PROPERTIES = new Set(['@microsoft.graph.conflictbehavior', '@name.conflictbehavior', 'name', 'filesize', 'description', 'filesysteminfo', '@odata.type']);

export const createUploadSessionRoute: GraphRoute = {
  method: 'POST',
  pattern: itemActionPattern('createUploadSession'),
  anyOfScopes: driveRouteScopes('write'),
  handle: async (call) => {
    const { context } = call;
    const resolution = resolveDrive(call, 'write');
    if (!resolution.ok) return { error: resolution.error };
    const store = context.state.drives;
    const address = itemAddress(call, store, resolution.root);
    if (!address.ok) return { error: address.error };
    const planned = uploadTarget(store, address.address);
    if (!planned.ok) return { error: planned.error };
    const target = planned.target;

    const json = parseJsonBody(call.request);
    if (!json.ok || (json.value !== undefined && !isRecord(json.value))) return { error: graphErrors.unreadableJson() };
    const body = json.value ?? {};
    if (body.deferCommit === true) return { error: driveErrors.invalidRequest('The emulator does not support deferCommit; leave it out or false.') };
    const item = body.item ?? {};
    if (!isRecord(item)) return { error: graphErrors.unreadableJson() };
    const unknown = Object.keys(item).find((key) => !ITEM_PROPERTIES.has(key.toLowerCase()));
    if (unknown !== undefined) return { error: graphErrors.unknownProperty(unknown, 'microsoft.graph.driveItemUploadableProperties') };
    const rawConflict = item['@microsoft.graph.conflictBehavior'] ?? item['@name.conflictBehavior'] ?? call.request.url.searchParams.get('@microsoft.graph.conflictBehavior') ?? undefined;
    const conflictBehavior = parseConflictBehavior(rawConflict, 'fail');
    if (conflictBehavior === undefined) return { error: driveErrors.invalidConflictBehavior(String(rawConflict)) };
    if (typeof item.name === 'string' && target.kind === 'place' && item.name.toLowerCase() !== target.name.toLowerCase()) {
      return { error: driveErrors.invalidRequest(`The item name '${item.name}' in the body does not match the name '${target.name}' in the path.`) };
    }
    if (conflictUpFront(target, conflictBehavior)) return { error: driveErrors.nameAlreadyExists() };

    const now = context.clock.now();
    const author = authorFor(call.caller.user.oid);
    const parent = target.kind === 'replace' ? store.parentOf(target.item) : ensureUploadFolder(store, target, author, now);
    if (parent === undefined) return { error: driveErrors.nameAlreadyExists() };
    const session = {
      id: newGuid(),
      token: randomBase64Url(48),
      driveId: resolution.drive.id,
      parentId: parent.id,
      name: target.kind === 'replace' ? target.item.name : target.name,
      replaceItemId: target.kind === 'replace' ? target.item.id : undefined,
      conflictBehavior,
      author,
      totalSize: undefined,
      expiresAt: new Date(now.getTime() + UPLOAD_SESSION_LIFETIME_MS),
      partial: await context.state.blobs.createPartial(),
      busy: false,
    };
    context.state.uploadSessions.add(session);
    return {
      status: 200,
      body: {
        '@odata.context': `${context.graphBaseUrl}/v1.0/$metadata#microsoft.graph.uploadSession`,
        uploadUrl: uploadSessionUrl(context.origin, resolution.drive, parent.id, session),
        expirationDateTime: session.expiresAt.toISOString(),
        nextExpectedRanges: ['0-'],
      },
    };
  },
};

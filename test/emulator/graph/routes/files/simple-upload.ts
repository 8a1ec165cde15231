import { Readable } from 'node:stream';
import { ContentLengthError } from '../../../content/blob-store.js';
import { headerValue } from '../../../http/emulator-request.js';
import { graphErrors } from '../../graph-error.js';
import type { GraphRoute } from '../../graph-route.js';
import { driveRouteScopes, resolveDrive } from './drive-access.js';
import { driveErrors } from './drive-errors.js';
import { itemAddress } from './drive-item-address.js';
import { authorFor, driveItemJson } from './drive-item-json.js';
import { itemActionPattern } from './drive-paths.js';
import { conflictUpFront, ensureUploadFolder, parseConflictBehavior, uploadTarget } from './upload-target.js';

/**
 * `PUT …/root:/{path}:/content` and `PUT …/items/{id}/content`: the simple upload. The body
 * streams straight to disk. 201 for a new file, 200 for replaced content; the
 * `@microsoft.graph.conflictBehavior` query parameter (`replace` by default for PUT, or `fail`,
 * `rename`) decides what happens to an existing name, `fail` giving 409 nameAlreadyExists.
 */

/** Graph documents simple upload "up to 250 MB"; older pages said 4 MB. The control API can lower it. */
export const SIMPLE_UPLOAD_MAX_BYTES = 250 * 1024 * 1024;

export const simpleUploadRoute: GraphRoute = {
  method: 'PUT',
  pattern: itemActionPattern('content'),
  anyOfScopes: driveRouteScopes('write'),
  streamsBody: true,
  handle: async (call) => {
    const { request, context } = call;
    const resolution = resolveDrive(call, 'write');
    if (!resolution.ok) return { error: resolution.error };
    const store = context.state.drives;
    const address = itemAddress(call, store, resolution.root);
    if (!address.ok) return { error: address.error };
    const planned = uploadTarget(store, address.address);
    if (!planned.ok) return { error: planned.error };
    const conflictParameter = request.url.searchParams.get('@microsoft.graph.conflictBehavior') ?? request.url.searchParams.get('@name.conflictBehavior');
    const conflictBehavior = parseConflictBehavior(conflictParameter ?? undefined, 'replace');
    if (conflictBehavior === undefined) return { error: driveErrors.invalidConflictBehavior(conflictParameter ?? '') };
    const target = planned.target;
    if (conflictUpFront(target, conflictBehavior)) return { error: driveErrors.nameAlreadyExists() };

    const limit = context.state.settings.simpleUploadMaxBytes;
    const declared = Number(headerValue(request.headers, 'content-length') ?? Number.NaN);
    if (declared > limit) return { error: graphErrors.requestTooLarge() };
    let blob;
    try {
      blob = await context.state.blobs.write(request.content ?? Readable.from([]), limit);
    } catch (error) {
      if (error instanceof ContentLengthError) return { error: graphErrors.requestTooLarge() };
      throw error;
    }

    const now = context.clock.now();
    const author = authorFor(call.caller.user.oid);
    if (target.kind === 'replace') {
      const item = await store.replaceContent(target.item, blob, author, now);
      return { status: 200, body: driveItemJson(item, context) };
    }
    const parent = ensureUploadFolder(store, target, author, now);
    const placed = parent === undefined ? undefined : await store.placeFile(parent, target.name, blob, conflictBehavior, author, now);
    if (placed === undefined || placed.outcome === 'conflict') {
      await context.state.blobs.remove(blob.path);
      return { error: driveErrors.nameAlreadyExists() };
    }
    return { status: placed.outcome === 'created' ? 201 : 200, body: driveItemJson(placed.item, context) };
  },
};

import { downloadUrl } from '../../../sharepoint/sharepoint-urls.js';
import { DOWNLOAD_LINK_LIFETIME_MS } from '../../../state/download-link-store.js';
import type { GraphRoute } from '../../graph-route.js';
import { driveRouteScopes, resolveDrive } from './drive-access.js';
import { driveErrors } from './drive-errors.js';
import { findAddressedItem, itemAddress } from './drive-item-address.js';
import { itemActionPattern } from './drive-paths.js';

/**
 * `GET …/content`: 302 to a pre-authenticated download URL on the SharePoint side, as Graph does.
 * The bytes (with Range support) come from that URL, which needs no Authorization header.
 */
export const downloadContentRoute: GraphRoute = {
  method: 'GET',
  pattern: itemActionPattern('content'),
  anyOfScopes: driveRouteScopes('read'),
  handle: (call) => {
    const resolution = resolveDrive(call, 'read');
    if (!resolution.ok) return { error: resolution.error };
    const store = call.context.state.drives;
    const address = itemAddress(call, store, resolution.root);
    if (!address.ok) return { error: address.error };
    const item = findAddressedItem(store, address.address);
    if (item === undefined) return { error: driveErrors.itemNotFound() };
    if (item.kind !== 'file') return { error: driveErrors.notAFile() };
    const link = call.context.state.downloadLinks.mint(item.driveId, item.id, new Date(call.context.clock.now().getTime() + DOWNLOAD_LINK_LIFETIME_MS));
    return { status: 302, body: undefined, headers: { Location: downloadUrl(call.context.origin, resolution.drive, item, link.token) } };
  },
};

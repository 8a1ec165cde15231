import { graphErrors } from '../../graph-error.js';
import type { GraphRoute } from '../../graph-route.js';
import { applySelect, readQueryOptions } from '../../odata/query-options.js';
import { driveRouteScopes, resolveDrive } from './drive-access.js';
import { driveErrors } from './drive-errors.js';
import { findAddressedItem, itemAddress } from './drive-item-address.js';
import { driveItemJson } from './drive-item-json.js';
import { ITEM_PATTERN, itemActionPattern } from './drive-paths.js';

/**
 * Drive item metadata by path or ID (`/drives/{id}/root:/{path}`, `/me/drive/items/{id}`, …) and
 * a folder's children, 200 to a page with `$skiptoken` paging as OneDrive does.
 */

const CHILDREN_PAGE_SIZE = 200;

export const getDriveItemRoute: GraphRoute = {
  method: 'GET',
  pattern: ITEM_PATTERN,
  anyOfScopes: driveRouteScopes('read'),
  handle: (call) => {
    const resolution = resolveDrive(call, 'read');
    if (!resolution.ok) return { error: resolution.error };
    const store = call.context.state.drives;
    const address = itemAddress(call, store, resolution.root);
    if (!address.ok) return { error: address.error };
    const item = findAddressedItem(store, address.address);
    if (item === undefined) return { error: driveErrors.itemNotFound() };
    const query = readQueryOptions(call.request.url, 1000);
    if (!query.ok) return { error: query.error };
    return {
      status: 200,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#drives('${item.driveId}')/items/$entity`,
        ...applySelect(driveItemJson(item, call.context), query.options.select),
      },
    };
  },
};

export const listChildrenRoute: GraphRoute = {
  method: 'GET',
  pattern: itemActionPattern('children'),
  anyOfScopes: driveRouteScopes('read'),
  handle: (call) => {
    const resolution = resolveDrive(call, 'read');
    if (!resolution.ok) return { error: resolution.error };
    const store = call.context.state.drives;
    const address = itemAddress(call, store, resolution.root);
    if (!address.ok) return { error: address.error };
    const folder = findAddressedItem(store, address.address);
    if (folder === undefined) return { error: driveErrors.itemNotFound() };
    const query = readQueryOptions(call.request.url, 1000);
    if (!query.ok) return { error: query.error };
    const offset = query.options.skiptoken === undefined ? 0 : Number(Buffer.from(query.options.skiptoken, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) return { error: graphErrors.badRequest('Invalid $skiptoken.', 'invalidRequest') };
    const children = folder.kind === 'folder' ? store.children(folder.id) : [];
    const pageSize = query.options.top ?? CHILDREN_PAGE_SIZE;
    const page = children.slice(offset, offset + pageSize);
    let nextLink: string | undefined;
    if (offset + pageSize < children.length) {
      const next = new URL(call.request.url.href);
      next.searchParams.delete('skiptoken');
      next.searchParams.set('$skiptoken', Buffer.from(String(offset + pageSize)).toString('base64url'));
      nextLink = next.href;
    }
    return {
      status: 200,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#drives('${folder.driveId}')/items('${folder.id}')/children`,
        value: page.map((child) => applySelect(driveItemJson(child, call.context), query.options.select)),
        ...(nextLink === undefined ? {} : { '@odata.nextLink': nextLink }),
      },
    };
  },
};

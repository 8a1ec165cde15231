import { splitPath, type DriveItemRecord, type DriveStore } from '../../../state/drive-store.js';
import type { GraphErrorSpec } from '../../graph-error.js';
import type { GraphCall } from '../../graph-route.js';
import { driveErrors } from './drive-errors.js';

/**
 * The item a drive URL names: a base (`root` or `items/{id}`) and an optional path below it.
 * Uploads may name an item that does not exist yet; reads need it to exist.
 */

export interface ItemAddress {
  readonly base: DriveItemRecord;
  /** Decoded path below `base`, without leading slash issues; undefined when the URL has none. */
  readonly relativePath: string | undefined;
}

export function itemAddress(call: GraphCall, store: DriveStore, root: DriveItemRecord): { readonly ok: true; readonly address: ItemAddress } | { readonly ok: false; readonly error: GraphErrorSpec } {
  const { params } = call;
  const base = params.itemId === undefined ? root : store.item(root.driveId, params.itemId);
  if (base === undefined) return { ok: false, error: driveErrors.itemNotFound() };
  const relativePath = params.itemPath === undefined || splitPath(params.itemPath).length === 0 ? undefined : params.itemPath;
  return { ok: true, address: { base, relativePath } };
}

export function findAddressedItem(store: DriveStore, address: ItemAddress): DriveItemRecord | undefined {
  return address.relativePath === undefined ? address.base : store.resolve(address.base, address.relativePath);
}

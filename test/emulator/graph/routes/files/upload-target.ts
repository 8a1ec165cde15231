import { isValidItemName, splitPath, type ConflictBehavior, type DriveItemRecord, type DriveStore, type ItemAuthor } from '../../../state/drive-store.js';
import type { GraphErrorSpec } from '../../graph-error.js';
import { driveErrors } from './drive-errors.js';
import type { ItemAddress } from './drive-item-address.js';

/**
 * Where an upload lands: an existing file named by ID (its content is replaced), or a name under
 * a folder path, whose missing folders are created as Graph does for uploads by path.
 */

export type UploadTarget =
  | { readonly kind: 'replace'; readonly item: DriveItemRecord }
  | { readonly kind: 'place'; readonly base: DriveItemRecord; readonly folders: readonly string[]; readonly name: string; readonly existing: DriveItemRecord | undefined };

export function uploadTarget(store: DriveStore, address: ItemAddress): { readonly ok: true; readonly target: UploadTarget } | { readonly ok: false; readonly error: GraphErrorSpec } {
  if (address.relativePath === undefined) {
    return address.base.kind === 'file' ? { ok: true, target: { kind: 'replace', item: address.base } } : { ok: false, error: driveErrors.notAFile() };
  }
  const segments = splitPath(address.relativePath);
  const invalid = segments.find((segment) => !isValidItemName(segment));
  if (invalid !== undefined) return { ok: false, error: driveErrors.invalidName(invalid) };
  const name = segments.at(-1) ?? '';
  const folders = segments.slice(0, -1);
  const parent = store.resolve(address.base, folders.join('/'));
  if (parent?.kind === 'file') return { ok: false, error: driveErrors.nameAlreadyExists() };
  const existing = parent === undefined ? undefined : store.childNamed(parent.id, name);
  return { ok: true, target: { kind: 'place', base: address.base, folders, name, existing } };
}

/** A conflict the upload would hit, known before any byte is read. */
export function conflictUpFront(target: UploadTarget, conflictBehavior: ConflictBehavior): boolean {
  if (target.kind !== 'place' || target.existing === undefined) return false;
  return conflictBehavior === 'fail' || (conflictBehavior === 'replace' && target.existing.kind === 'folder');
}

/** The folder a `place` upload goes into, creating the missing ones. */
export function ensureUploadFolder(store: DriveStore, target: UploadTarget & { kind: 'place' }, author: ItemAuthor, now: Date): DriveItemRecord | undefined {
  return store.ensureFolders(target.base, target.folders, author, now);
}

export function parseConflictBehavior(value: unknown, fallback: ConflictBehavior): ConflictBehavior | undefined {
  if (value === undefined || value === null) return fallback;
  const lower = String(value).toLowerCase();
  return lower === 'fail' || lower === 'replace' || lower === 'rename' ? lower : undefined;
}

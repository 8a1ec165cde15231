import type { BlobStore, StoredBlob } from '../content/blob-store.js';
import { mimeTypeFor } from '../content/mime-types.js';
import { DRIVES } from '../directory/sharepoint-sites.js';
import { deterministicGuid, driveItemId, newGuid } from '../ids.js';

/**
 * The folders and files of every drive. Metadata lives here; file bytes live on disk in the blob
 * store. Names are matched case-insensitively, as SharePoint does.
 */

export interface ItemAuthor {
  readonly oid: string | undefined;
  readonly displayName: string;
  readonly email: string | undefined;
}

export type ConflictBehavior = 'fail' | 'replace' | 'rename';

export interface DriveItemRecord {
  readonly id: string;
  readonly driveId: string;
  readonly parentId: string | undefined;
  name: string;
  readonly kind: 'folder' | 'file';
  /** The GUID in eTag, cTag and the download URL's UniqueId. */
  readonly uniqueId: string;
  readonly createdDateTime: Date;
  lastModifiedDateTime: Date;
  readonly createdBy: ItemAuthor;
  lastModifiedBy: ItemAuthor;
  /** eTag version: any change. */
  version: number;
  /** cTag version: content changes. */
  contentVersion: number;
  content: StoredBlob | undefined;
  mimeType: string | undefined;
}

export type PlaceFileOutcome =
  | { readonly outcome: 'created' | 'replaced'; readonly item: DriveItemRecord }
  | { readonly outcome: 'conflict'; readonly existing: DriveItemRecord };

export const SYSTEM_AUTHOR: ItemAuthor = { oid: undefined, displayName: 'System Account', email: undefined };

// SharePoint refuses these characters in file and folder names.
const INVALID_NAME_CHARACTERS = /["*:<>?/\\|]/;

export function isValidItemName(name: string): boolean {
  return name.trim().length > 0 && !INVALID_NAME_CHARACTERS.test(name) && name !== '.' && name !== '..';
}

export class DriveStore {
  private items = new Map<string, DriveItemRecord>();

  constructor(private readonly blobs: BlobStore) {
    this.createRoots();
  }

  root(driveId: string): DriveItemRecord | undefined {
    return [...this.items.values()].find((item) => item.driveId === driveId && item.parentId === undefined);
  }

  item(driveId: string, itemId: string): DriveItemRecord | undefined {
    const item = this.items.get(itemId);
    return item?.driveId === driveId ? item : undefined;
  }

  children(parentId: string): DriveItemRecord[] {
    return [...this.items.values()].filter((item) => item.parentId === parentId).sort((left, right) => left.name.localeCompare(right.name));
  }

  childNamed(parentId: string, name: string): DriveItemRecord | undefined {
    const wanted = name.toLowerCase();
    return [...this.items.values()].find((item) => item.parentId === parentId && item.name.toLowerCase() === wanted);
  }

  parentOf(item: DriveItemRecord): DriveItemRecord | undefined {
    return item.parentId === undefined ? undefined : this.items.get(item.parentId);
  }

  /** `/Folder/file.txt` below the drive root; '' for the root itself. */
  pathOf(item: DriveItemRecord): string {
    const parent = this.parentOf(item);
    return parent === undefined ? '' : `${this.pathOf(parent)}/${item.name}`;
  }

  /** Follows a `/`-separated path (already decoded) from `base`. */
  resolve(base: DriveItemRecord, relativePath: string): DriveItemRecord | undefined {
    let current: DriveItemRecord | undefined = base;
    for (const segment of splitPath(relativePath)) {
      if (current === undefined || current.kind !== 'folder') return undefined;
      current = this.childNamed(current.id, segment);
    }
    return current;
  }

  /** Creates missing folders along `segments`, as Graph does for uploads by path; undefined when a file is in the way. */
  ensureFolders(base: DriveItemRecord, segments: readonly string[], author: ItemAuthor, now: Date): DriveItemRecord | undefined {
    let current = base;
    for (const segment of segments) {
      const existing = this.childNamed(current.id, segment);
      if (existing?.kind === 'file') return undefined;
      current = existing ?? this.insert({ driveId: base.driveId, parentId: current.id, name: segment, kind: 'folder', author, now, content: undefined });
    }
    return current;
  }

  /** Puts new content at `parent/name` by the conflict rule; the caller owns `blob` until it is placed. */
  async placeFile(
    parent: DriveItemRecord,
    name: string,
    blob: StoredBlob,
    conflictBehavior: ConflictBehavior,
    author: ItemAuthor,
    now: Date,
  ): Promise<PlaceFileOutcome> {
    const existing = this.childNamed(parent.id, name);
    if (existing !== undefined) {
      if (conflictBehavior === 'fail' || (conflictBehavior === 'replace' && existing.kind === 'folder')) return { outcome: 'conflict', existing };
      if (conflictBehavior === 'replace') return { outcome: 'replaced', item: await this.replaceContent(existing, blob, author, now) };
      name = this.freeName(parent.id, name);
    }
    return { outcome: 'created', item: this.insert({ driveId: parent.driveId, parentId: parent.id, name, kind: 'file', author, now, content: blob }) };
  }

  async replaceContent(item: DriveItemRecord, blob: StoredBlob, author: ItemAuthor, now: Date): Promise<DriveItemRecord> {
    const previous = item.content;
    item.content = blob;
    item.version += 1;
    item.contentVersion += 1;
    item.lastModifiedDateTime = now;
    item.lastModifiedBy = author;
    // A download already streaming the old file keeps its open descriptor; unlinking is safe.
    if (previous !== undefined && previous.path !== blob.path) await this.blobs.remove(previous.path);
    return item;
  }

  /** Seeded content at a fixed path, with IDs derived from drive and path so they repeat across runs and resets. */
  seedFile(driveId: string, path: string, blob: StoredBlob, now: Date): DriveItemRecord {
    const root = this.root(driveId);
    if (root === undefined) throw new Error(`drive store: no drive ${driveId}`);
    const segments = splitPath(path);
    const name = segments.pop();
    if (name === undefined) throw new Error('drive store: a seeded file needs a name');
    let parent = root;
    let walked = '';
    for (const segment of segments) {
      walked += `/${segment}`;
      parent =
        this.childNamed(parent.id, segment) ??
        this.insert({ driveId, parentId: parent.id, name: segment, kind: 'folder', author: SYSTEM_AUTHOR, now, content: undefined, ...seedIds(driveId, walked) });
    }
    return this.insert({ driveId, parentId: parent.id, name, kind: 'file', author: SYSTEM_AUTHOR, now, content: blob, ...seedIds(driveId, `${walked}/${name}`) });
  }

  files(): DriveItemRecord[] {
    return [...this.items.values()].filter((item) => item.kind === 'file');
  }

  /** Back to empty drives (seeding follows); deletes every stored blob. */
  async clear(): Promise<void> {
    this.items.clear();
    await this.blobs.clear();
    this.createRoots();
  }

  /** OneDrive's rule for `rename`: a number before the extension, counting up until free. */
  private freeName(parentId: string, name: string): string {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    for (let counter = 1; ; counter += 1) {
      const candidate = `${stem} ${counter}${extension}`;
      if (this.childNamed(parentId, candidate) === undefined) return candidate;
    }
  }

  private insert(fields: {
    driveId: string;
    parentId: string | undefined;
    name: string;
    kind: 'folder' | 'file';
    author: ItemAuthor;
    now: Date;
    content: StoredBlob | undefined;
    id?: string;
    uniqueId?: string;
  }): DriveItemRecord {
    const item: DriveItemRecord = {
      id: fields.id ?? driveItemId(),
      driveId: fields.driveId,
      parentId: fields.parentId,
      name: fields.name,
      kind: fields.kind,
      uniqueId: (fields.uniqueId ?? newGuid()).toUpperCase(),
      createdDateTime: fields.now,
      lastModifiedDateTime: fields.now,
      createdBy: fields.author,
      lastModifiedBy: fields.author,
      version: 1,
      contentVersion: 1,
      content: fields.content,
      mimeType: fields.kind === 'file' ? mimeTypeFor(fields.name) : undefined,
    };
    this.items.set(item.id, item);
    return item;
  }

  private createRoots(): void {
    for (const drive of DRIVES) {
      this.insert({
        driveId: drive.id,
        parentId: undefined,
        name: 'root',
        kind: 'folder',
        author: SYSTEM_AUTHOR,
        now: new Date(drive.createdDateTime),
        content: undefined,
        // Fixed, so the root's ID can be named in docs and tests.
        id: driveItemId(`root:${drive.id}`),
        uniqueId: deterministicGuid(`root:${drive.id}`),
      });
    }
  }
}

function seedIds(driveId: string, path: string): { id: string; uniqueId: string } {
  return { id: driveItemId(`seed:${driveId}:${path.toLowerCase()}`), uniqueId: deterministicGuid(`seed:${driveId}:${path.toLowerCase()}`) };
}

/** Splits a drive path into names, ignoring empty segments from leading, trailing or double slashes. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

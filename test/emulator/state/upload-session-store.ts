import type { PartialBlob } from '../content/blob-store.js';
import type { ConflictBehavior, ItemAuthor } from './drive-store.js';

/**
 * Large-file upload sessions (`createUploadSession`), from creation until the last fragment is
 * committed, the session is cancelled, or it expires (emulator clock). Fragments append to a
 * partial file on disk.
 */

export interface UploadSession {
  readonly id: string;
  /** The `tempauth` query value that makes the upload URL work without a bearer token. */
  readonly token: string;
  readonly driveId: string;
  /** The folder the file lands in. */
  readonly parentId: string;
  readonly name: string;
  /** Set when the session updates an existing item by ID (no conflict rule then). */
  readonly replaceItemId: string | undefined;
  readonly conflictBehavior: ConflictBehavior;
  readonly author: ItemAuthor;
  /** The file size, fixed by the first fragment's Content-Range. */
  totalSize: number | undefined;
  expiresAt: Date;
  readonly partial: PartialBlob;
  /** A fragment is being written; another one at the same time overlaps it. */
  busy: boolean;
}

export class UploadSessionStore {
  private readonly sessions = new Map<string, UploadSession>();

  add(session: UploadSession): void {
    this.sessions.set(session.id, session);
  }

  get(id: string): UploadSession | undefined {
    return this.sessions.get(id);
  }

  remove(id: string): void {
    this.sessions.delete(id);
  }

  all(): UploadSession[] {
    return [...this.sessions.values()];
  }

  clear(): void {
    this.sessions.clear();
  }
}

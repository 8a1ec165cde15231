/**
 * What Delegate remembers about a file it downloaded, so the next run can skip the transfer when nothing changed.
 *
 * Where: in a folder Delegate owns (`stateDir` in GraphClientOptions, e.g. `<home>/state/downloads`), one small
 * JSON file per destination, named by a hash of the destination's absolute path. Not beside the file by choice:
 * destination folders are often watched by other tools (an ETL that picks up every new file, OneDrive sync that
 * uploads everything), and a stray `report.xlsx.delegate.json` would be picked up too. Without a `stateDir`
 * the record falls back to that sidecar, `<destination>.delegate.json`, so the client still works on its own.
 *
 * Unchanged means: the same item, the same cTag (the content tag; the eTag when Graph gives no cTag, which
 * also changes on renames, so it errs towards downloading), and the local file still has the size and
 * modification time Delegate left it with: a file edited or replaced locally is downloaded again. Comparing
 * tags instead of hashing the local file keeps a skip of a 1 GiB file at one small Graph request.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { keepDamagedFile } from '../fs/damaged-file.js';
import type { DriveItem } from './drive-item.js';

export interface DownloadRecord {
  version: 1;
  itemId: string;
  cTag?: string;
  eTag?: string;
  bytes: number;
  sha256: string;
  /** The local file's mtime right after Delegate renamed it into place. */
  mtimeMs: number;
}

export function downloadRecordPath(destination: string, stateDir: string | undefined): string {
  if (stateDir === undefined) return `${destination}.delegate.json`;
  const key = createHash('sha256').update(destination).digest('hex').slice(0, 32);
  return join(stateDir, `${key}.json`);
}

export async function readDownloadRecord(path: string): Promise<DownloadRecord | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // none yet: the file is downloaded
  }
  let reason: string;
  try {
    const record = JSON.parse(text) as Partial<DownloadRecord> | null;
    const valid =
      typeof record === 'object' && record !== null && record.version === 1 && typeof record.itemId === 'string' && typeof record.bytes === 'number' && typeof record.sha256 === 'string' && typeof record.mtimeMs === 'number';
    if (valid) return record as DownloadRecord;
    reason = 'it is not a download record';
  } catch (error) {
    reason = (error as Error).message;
  }
  // A damaged record only costs one download; it is never an error — but it is kept and reported, not overwritten.
  keepDamagedFile(path, { what: 'The download record', reason, consequence: 'downloads the file again this once' });
  return undefined;
}

export function writeDownloadRecord(path: string, record: DownloadRecord): void {
  // Private like the rest of Delegate's home: records name the files a person downloads.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`, 0o644);
}

export async function isUnchanged(record: DownloadRecord, item: DriveItem, destination: string): Promise<boolean> {
  if (record.itemId !== item.id) return false;
  const sameContent = item.cTag !== undefined ? record.cTag === item.cTag : item.eTag !== undefined && record.eTag === item.eTag;
  if (!sameContent) return false;
  try {
    const local = await stat(destination);
    return local.isFile() && local.size === record.bytes && local.mtimeMs === record.mtimeMs;
  } catch {
    return false;
  }
}

/** The record for a file just put in place. */
export async function recordFor(item: DriveItem, destination: string, bytes: number, sha256: string): Promise<DownloadRecord> {
  const local = await stat(destination);
  const record: DownloadRecord = { version: 1, itemId: item.id, bytes, sha256, mtimeMs: local.mtimeMs };
  if (item.cTag !== undefined) record.cTag = item.cTag;
  if (item.eTag !== undefined) record.eTag = item.eTag;
  return record;
}

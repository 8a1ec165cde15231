/**
 * Recovering from a damaged run history: the file is kept aside (fs/damaged-file.ts) with its -wal and -shm, and
 * a fresh history is started, so a damaged history.sqlite never stops a command, the daemon or the app.
 *
 * SQLite itself ignores a write-ahead log whose header is not a WAL (and then overwrites it); such a -wal is kept
 * aside first, so no bytes are thrown away without the person knowing.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { keepDamagedFile, type DamagedFile } from '../fs/damaged-file.js';

/** The two magic numbers a WAL file starts with (big- or little-endian checksums). */
const WAL_MAGIC = new Set([0x377f0682, 0x377f0683]);
export const SQLITE_COMPANIONS = ['-wal', '-shm'] as const;

export function keepDamagedHistory(path: string, reason: string): DamagedFile | null {
  return keepDamagedFile(path, {
    what: 'The run history',
    reason,
    consequence: 'started a new, empty history; jobs keep running and new runs are recorded there',
    companions: SQLITE_COMPANIONS,
  });
}

/** Keeps aside a -wal that is not a write-ahead log at all (SQLite would silently discard it). */
export function keepGarbageWal(path: string): DamagedFile | null {
  const wal = `${path}-wal`;
  let header: Buffer;
  try {
    if (statSync(wal).size < 32) return null; // empty or being created: SQLite rebuilds it, nothing is lost
    const fd = openSync(wal, 'r');
    try {
      header = Buffer.alloc(4);
      readSync(fd, header, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  if (WAL_MAGIC.has(header.readUInt32BE(0))) return null;
  return keepDamagedFile(wal, {
    what: "The run history's write-ahead log",
    reason: 'it is not a SQLite write-ahead log',
    consequence: 'opened the history without it; runs committed to the history itself are all kept',
  });
}

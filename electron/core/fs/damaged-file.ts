/**
 * Damaged state files are moved aside and reported, never deleted and never silently reset.
 *
 * Used by every state file Delegate writes for itself — the run history, notifications.json, download records and
 * profile metadata — when it cannot be read: the file (and companions such as SQLite's -wal and -shm) is renamed
 * to `<name>.damaged-<time>` in the same folder, a fresh one is started by the caller, and the report goes to
 * whoever listens in this process (the CLI prints it, the daemon logs it, the app shows it). The kept files are
 * the lasting record: `listDamagedFiles` finds them, so `delegate status` and the window keep saying so until the
 * person deletes them. No separate journal: it could be damaged too.
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DamagedFile } from '../../../shared/models/damaged-file.js';

export type { DamagedFile } from '../../../shared/models/damaged-file.js';

export interface KeepDamagedOptions {
  /** What the file is, for the message: "The run history", "The notification record". */
  what: string;
  /** Why it cannot be read (the parser's or SQLite's words). */
  reason: string;
  /** What Delegate does instead, e.g. "a new, empty history was started; jobs keep running". */
  consequence: string;
  /** Files that belong to it and move with it, as suffixes of its path (`-wal`, `-shm`). */
  companions?: readonly string[];
  now?: Date;
}

type Listener = (report: DamagedFile) => void;
const listeners = new Set<Listener>();

const SUFFIX = /\.damaged-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)(?:-(\d+))?$/;

/** Subscribes to damaged files found in this process; returns the unsubscribe function. */
export function onDamagedFile(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Moves a damaged file (and its companions) aside and reports it. Returns null when the file was already gone
 * (another process moved it first). Throws only when the move itself fails (permissions, Windows' open-file lock).
 */
export function keepDamagedFile(path: string, options: KeepDamagedOptions): DamagedFile | null {
  const now = options.now ?? new Date();
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let keptAs = `${path}.damaged-${stamp}`;
  for (let n = 1; existsSync(keptAs); n++) keptAs = `${path}.damaged-${stamp}-${n}`;
  try {
    renameSync(path, keptAs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Companions are named after the kept file, so SQLite opening `history.sqlite.damaged-…` finds its own WAL.
  for (const suffix of options.companions ?? []) {
    try {
      renameSync(`${path}${suffix}`, `${keptAs}${suffix}`);
    } catch {
      // Absent (no WAL), or gone with its database: nothing to keep.
    }
  }
  const report: DamagedFile = {
    file: path,
    keptAs,
    at: now.toISOString(),
    message: `${options.what} ${path} was damaged and could not be read (${options.reason}). Delegate kept it as ${keptAs} and ${options.consequence}. Nothing was deleted: look at the kept file or delete it when you no longer need it.`,
  };
  for (const listener of listeners) {
    try {
      listener(report);
    } catch {
      // A listener that fails must not stop the recovery.
    }
  }
  return report;
}

/** Damaged files kept aside in a Delegate home (its state files' folders), oldest first. */
export function listDamagedFiles(home: string): DamagedFile[] {
  const folders = [home, join(home, 'state'), join(home, 'state', 'downloads'), join(home, 'state', 'mail-attachments'), ...subfolders(join(home, 'profiles'))];
  const found: DamagedFile[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = SUFFIX.exec(name);
      if (!match) continue;
      const keptAs = join(folder, name);
      const file = join(folder, name.slice(0, match.index));
      const at = (match[1] as string).replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
      found.push({
        file,
        keptAs,
        at,
        message: `${basename(file)} was damaged on ${at}; Delegate kept it as ${keptAs} and started a fresh one. Delete the kept file once you no longer need it.`,
      });
    }
  }
  return found.sort((a, b) => a.at.localeCompare(b.at));
}

function subfolders(folder: string): string[] {
  try {
    return readdirSync(folder)
      .map((name) => join(folder, name))
      .filter((path) => {
        try {
          return statSync(path).isDirectory();
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}


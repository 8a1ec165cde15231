/**
 * The permission bits of Delegate's home and the files in it, for the pack: a reviewer checks that the
 * configuration, history and logs are readable by their owner only. Read with lstat, so a link is reported as
 * a link rather than followed to whatever it points at.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FileModeFact } from './evidence-facts.js';

/** Files listed from the logs folder at most; a folder of thousands of rotated logs is summed up by the folder itself. */
const MAX_LOG_FILES = 20;

export function fileModeFact(label: string, path: string, platform: NodeJS.Platform = process.platform): FileModeFact {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { label, path, kind: 'missing', mode: null, ownerOnly: null };
  }
  const kind = stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other';
  // Windows has ACLs, not mode bits: Node reports made-up bits there, which would only mislead.
  if (platform === 'win32') return { label, path, kind, mode: null, ownerOnly: null };
  const bits = stats.mode & 0o777;
  return { label, path, kind, mode: bits.toString(8).padStart(4, '0'), ownerOnly: (bits & 0o077) === 0 };
}

/** The home's own files: the folder, config, jobs file, history (with SQLite's companions) and the logs. */
export function homeFileModes(home: string, paths: { config: string; jobs: string; history: string }): FileModeFact[] {
  const facts = [
    fileModeFact("Delegate's home", home),
    fileModeFact('Configuration (profiles)', paths.config),
    fileModeFact('Jobs file', paths.jobs),
    fileModeFact('Run history (SQLite)', paths.history),
    fileModeFact('Run history write-ahead log', `${paths.history}-wal`),
    fileModeFact('Run history shared memory', `${paths.history}-shm`),
    fileModeFact('Logs folder', join(home, 'logs')),
  // SQLite's companions exist only while a connection is open: their absence is no finding.
  ].filter((fact) => !(fact.kind === 'missing' && /-(wal|shm)$/.test(fact.path)));
  let logs: string[] = [];
  try {
    logs = readdirSync(join(home, 'logs')).sort();
  } catch {
    // No logs folder (yet): nothing more to list.
  }
  for (const name of logs.slice(0, MAX_LOG_FILES)) facts.push(fileModeFact('Log file', join(home, 'logs', name)));
  if (logs.length > MAX_LOG_FILES) facts.push({ label: `${logs.length - MAX_LOG_FILES} more log files`, path: join(home, 'logs'), kind: 'other', mode: null, ownerOnly: null });
  return facts;
}

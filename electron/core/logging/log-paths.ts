/**
 * Where log files live: `<home>/logs/<source>.log`, rotated to `<source>.log.1` (newest) … `<source>.log.N`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSource } from './log-entry.js';

/** `<home>/logs`. */
export function logsDir(home: string): string {
  return join(home, 'logs');
}

/** `<home>/logs/<source>.log`: the file a process of that kind appends to. */
export function logFilePath(home: string, source: LogSource): string {
  return join(logsDir(home), `${source}.log`);
}

/** `<file>.<n>`: the n-th older file of a log (1 is the newest rotated one). */
export function rotatedPath(path: string, n: number): string {
  return `${path}.${n}`;
}

const LOG_FILE = /^([a-z][a-z0-9-]{0,31})\.log(?:\.([1-9]\d{0,3}))?$/;

export interface LogFileSet {
  source: string;
  /** The current file (may not exist yet). */
  current: string;
  /** Every file of the source that exists, oldest first, the current one last when it exists. */
  files: string[];
}

/** The log files in `<home>/logs`, by source (any `<name>.log`, so logs of newer versions are read too). */
export function listLogFiles(home: string): LogFileSet[] {
  let names: string[];
  try {
    names = readdirSync(logsDir(home));
  } catch {
    return [];
  }
  const sets = new Map<string, Array<{ path: string; age: number }>>();
  for (const name of names) {
    const match = LOG_FILE.exec(name);
    if (!match) continue;
    const source = match[1] as string;
    const list = sets.get(source) ?? [];
    list.push({ path: join(logsDir(home), name), age: match[2] === undefined ? 0 : Number(match[2]) });
    sets.set(source, list);
  }
  return [...sets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, files]) => ({
      source,
      current: join(logsDir(home), `${source}.log`),
      files: files.sort((a, b) => b.age - a.age).map((file) => file.path),
    }));
}

/**
 * Reads the log files back: every source's files (the rotated ones too), merged into one list in time order.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { listLogFiles } from './log-paths.js';
import { parseLogLine, type LogEntry } from './log-entry.js';

/** A stored line: a parsed entry, or a line that was not one (kept as its text, placed after its neighbour). */
export type LogRecord = { kind: 'entry'; entry: LogEntry; at: number } | { kind: 'text'; source: string; text: string; at: number };

export interface ReadLogsOptions {
  /** Only these sources (`app`, `daemon`). */
  sources?: readonly string[];
  /** Only lines at or after this instant. */
  since?: Date;
}

export interface LogFileRead {
  records: LogRecord[];
  /** Bytes consumed: up to the last complete line (a line being written is left for the next read). */
  consumed: number;
}

/** Parses the complete lines of `text`; `after` is the time of the line before (for lines that are not entries). */
export function parseLogText(text: string, source: string, after = 0): LogFileRead {
  const end = text.lastIndexOf('\n');
  const complete = end < 0 ? '' : text.slice(0, end);
  const records: LogRecord[] = [];
  let at = after;
  for (const line of complete.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseLogLine(line.replace(/\r$/, ''), source);
    if (parsed.time === null) records.push({ kind: 'text', source, text: parsed.text, at });
    else {
      at = Date.parse(parsed.time);
      records.push({ kind: 'entry', entry: parsed as LogEntry, at });
    }
  }
  return { records, consumed: Buffer.byteLength(complete) + (end < 0 ? 0 : 1) };
}

export interface LogsSnapshot {
  records: LogRecord[];
  /** Whether the logs folder held any log file at all. */
  anyFiles: boolean;
  /** Per source: its current file and how far it was read (where `--follow` goes on from). */
  positions: Map<string, LogPosition>;
}

export interface LogPosition {
  path: string;
  /** The file read (its inode): when the path's inode changes, the file was rotated. */
  ino: number | bigint | undefined;
  /** Bytes consumed from its start. */
  consumed: number;
  /** The time of the last line read, for lines that carry none. */
  lastAt: number;
}

/** Every line of the chosen sources, oldest first (stable: lines with one time keep their file order). */
export function readLogs(home: string, options: ReadLogsOptions = {}): LogsSnapshot {
  const sets = listLogFiles(home).filter((set) => !options.sources || options.sources.includes(set.source));
  const records: LogRecord[] = [];
  const positions = new Map<string, LogPosition>();
  for (const set of sets) {
    let last = 0;
    for (const file of set.files) {
      const chunk = readFrom(file, 0);
      if (!chunk) continue; // rotated away while we read: its lines are in the next file
      const read = parseLogText(chunk.text, set.source, last);
      records.push(...read.records);
      last = read.records.at(-1)?.at ?? last;
      if (file === set.current) positions.set(set.source, { path: file, ino: chunk.ino, consumed: read.consumed, lastAt: last });
    }
    if (!positions.has(set.source)) positions.set(set.source, { path: set.current, ino: undefined, consumed: 0, lastAt: last });
  }
  const since = options.since?.getTime();
  const kept = since === undefined ? records : records.filter((record) => record.at >= since);
  return { records: sortRecords(kept), anyFiles: sets.length > 0, positions };
}

export function sortRecords(records: LogRecord[]): LogRecord[] {
  return records.map((record, index) => ({ record, index })).sort((a, b) => a.record.at - b.record.at || a.index - b.index).map(({ record }) => record);
}

/** The text of a file from byte `offset` on, with the file's inode; undefined when it cannot be read. */
export function readFrom(path: string, offset: number): { text: string; ino: number | bigint; size: number } | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: a named pipe in place of a log opens at once rather than waiting for a writer forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    // Only a regular file is a log: a pipe or a device (a link to /dev/zero) is never read.
    if (!stat.isFile()) return undefined;
    const length = Math.max(0, stat.size - offset);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const got = readSync(fd, buffer, read, length - read, offset + read);
      if (got === 0) break;
      read += got;
    }
    return { text: buffer.subarray(0, read).toString('utf8'), ino: stat.ino, size: stat.size };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * `delegate logs --follow`: new lines of every source as they are written, across rotations, until stopped.
 *
 * Polling rather than fs.watch: watch events are lost or doubled across a rename on some filesystems (network
 * shares, overlayfs) and say nothing about which file moved; a stat every half second costs nothing. A rotation
 * shows as a new inode at the current path: the rest of the old file (now `<source>.log.1`) is read first.
 */
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { listLogFiles } from './log-paths.js';
import { parseLogText, readFrom, sortRecords, type LogPosition, type LogRecord } from './log-reader.js';

export interface FollowLogsOptions {
  home: string;
  sources?: readonly string[];
  /** Where the first read stopped (readLogs' positions). */
  positions: Map<string, LogPosition>;
  signal: AbortSignal;
  onRecords(records: LogRecord[]): void;
  intervalMs?: number;
}

/** Resolves when `signal` aborts. */
export async function followLogs(options: FollowLogsOptions): Promise<void> {
  const interval = options.intervalMs ?? 500;
  while (!options.signal.aborted) {
    const records = pollOnce(options);
    if (records.length > 0) options.onRecords(sortRecords(records));
    try {
      await sleep(interval, undefined, { signal: options.signal });
    } catch {
      return; // aborted
    }
  }
}

/** One look at every source's files: the lines written since the last look. */
export function pollOnce(options: Pick<FollowLogsOptions, 'home' | 'sources' | 'positions'>): LogRecord[] {
  const records: LogRecord[] = [];
  for (const set of listLogFiles(options.home)) {
    if (options.sources && !options.sources.includes(set.source)) continue;
    const position = options.positions.get(set.source) ?? { path: set.current, ino: undefined, consumed: 0, lastAt: 0 };
    options.positions.set(set.source, position);
    const now = statSync(set.current, { throwIfNoEntry: false });
    if (!now) continue;
    if (position.ino !== undefined && now.ino !== position.ino) {
      // Rotated (maybe more than once since the last look): finish the old file wherever it went, read the
      // files rotated after it whole, then start the new one from its beginning.
      const rotated = set.files.filter((file) => file !== set.current);
      const from = rotated.findIndex((file) => statSync(file, { throwIfNoEntry: false })?.ino === position.ino);
      if (from >= 0) {
        for (const file of rotated.slice(from)) {
          take(file, set.source, position, records);
          position.consumed = 0;
        }
      }
      position.ino = now.ino;
      position.consumed = 0;
    }
    if (now.size < position.consumed) position.consumed = 0; // truncated by hand: read it again from the start
    position.ino = now.ino;
    if (now.size > position.consumed) take(set.current, set.source, position, records);
  }
  return records;
}

function take(path: string, source: string, position: LogPosition, records: LogRecord[]): void {
  const chunk = readFrom(path, position.consumed);
  if (!chunk) return;
  const read = parseLogText(chunk.text, source, position.lastAt);
  records.push(...read.records);
  position.consumed += read.consumed;
  position.lastAt = read.records.at(-1)?.at ?? position.lastAt;
}

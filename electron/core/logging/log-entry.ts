/**
 * One log line: what it holds, how it is written (JSON, one object a line) and how a person reads it.
 *
 * JSON lines rather than text: a message may hold anything a script, Graph or a file name put in it (quotes,
 * newlines, a forged timestamp), and JSON keeps one event on one line that `delegate logs` can parse and merge
 * by time without guessing; `delegate logs` prints them as readable text, `--json` passes them through.
 * Every string is redacted (history/redact.ts) before it is written, whoever calls.
 */
import { redactSecrets } from '../history/redact.js';

export type LogLevel = 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['info', 'warn', 'error'];

/** Which process wrote it: each one owns its file (`app.log`, `daemon.log`), so writers never share a file. */
export type LogSource = 'app' | 'daemon';
export const LOG_SOURCES: readonly LogSource[] = ['app', 'daemon'];

/** Extra facts of a line (job id, run id, request ids), written as top-level JSON fields for `jq`. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface LogEntry {
  /** ISO 8601 in UTC. */
  time: string;
  level: LogLevel;
  /** The file's source; a line from a file Delegate does not know keeps its file's name. */
  source: string;
  pid?: number;
  message: string;
  /** Structured facts, e.g. `event: "run-finished"`, `jobId`, `requestId`. */
  [field: string]: string | number | boolean | null | undefined;
}

/** The names a field cannot take: they are the line's own. */
const RESERVED = new Set(['time', 'level', 'source', 'pid', 'message']);

/** The JSON line for an event, redacted, with its newline. Never throws. */
export function serializeEntry(time: Date, level: LogLevel, source: LogSource, pid: number, message: string, fields: LogFields = {}): string {
  const entry: Record<string, string | number | boolean | null> = { time: isoOrNow(time), level, source, pid, message: redactSecrets(String(message)) };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || RESERVED.has(name)) continue;
    entry[name] = typeof value === 'string' ? redactSecrets(value) : value;
  }
  return `${JSON.stringify(entry)}\n`;
}

/**
 * Reads one stored line. A line that is not one of ours (a hand edit, a torn write after a power cut) is kept as
 * its text, so nothing in the file is hidden from the person reading it; `time` is then null.
 */
export function parseLogLine(line: string, source: string): LogEntry | { time: null; source: string; text: string } {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const candidate = parsed as Record<string, unknown>;
      if (typeof candidate.time === 'string' && !Number.isNaN(Date.parse(candidate.time)) && typeof candidate.message === 'string') {
        const level = LOG_LEVELS.includes(candidate.level as LogLevel) ? (candidate.level as LogLevel) : 'info';
        const entry: LogEntry = { time: candidate.time, level, source: typeof candidate.source === 'string' ? candidate.source : source, message: candidate.message };
        for (const [name, value] of Object.entries(candidate)) {
          if (RESERVED.has(name) && name !== 'pid') continue;
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) entry[name] = value;
        }
        return entry;
      }
    }
  } catch {
    // Not JSON: kept as text below.
  }
  return { time: null, source, text: line };
}

/** The line as a person reads it: `2026-12-03T08:00:00.000Z daemon info  message`. */
export function formatEntry(entry: LogEntry): string {
  return `${entry.time} ${entry.source.padEnd(6)} ${entry.level.padEnd(5)} ${entry.message}`;
}

function isoOrNow(time: Date): string {
  return Number.isNaN(time.getTime()) ? new Date().toISOString() : time.toISOString();
}

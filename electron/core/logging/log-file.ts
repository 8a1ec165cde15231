/**
 * The log writer: appends one redacted JSON line per event to `<home>/logs/<source>.log`, rotated by size.
 *
 * Our own small writer rather than a logging library: pino's file rotation runs in worker threads (awkward in
 * Electron's main process and inside an asar), winston brings a stack of transports for what is a few dozen
 * lines a day, and neither redacts, fixes loosened file modes or stays quiet on a full disk. What this does:
 * - each process kind owns its file (`app.log`, `daemon.log`), so the app and the daemon never interleave; two
 *   processes of one kind (a second daemon refusing to start) still append whole lines (O_APPEND, one write);
 * - synchronous appends: a line is in the file before the next thing happens, so a daemon killed with -9 keeps
 *   every line it wrote;
 * - rotation by size (5 MB × 5 files by default) under a guard folder (mkdir is atomic), so two writers never
 *   both rotate; a writer whose file was rotated by another process notices (the inode changed) and reopens;
 * - the folder is 0700 and the files 0600, put back if something loosened them;
 * - it never throws into the caller: a full disk or a read-only folder must not stop a job. The first failure is
 *   said once on stderr; when writing works again, the file says how many lines were lost.
 */
import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, rmdirSync, statSync, chmodSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { serializeEntry, type LogFields, type LogLevel, type LogSource } from './log-entry.js';
import { logFilePath, rotatedPath } from './log-paths.js';

/** What the app, the daemon and the engine's helpers write to. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LogFileOptions {
  home: string;
  source: LogSource;
  /** Rotate when the file would grow past this (default 5 MB). */
  maxBytes?: number;
  /** How many files to keep, the current one included (default 5). */
  keepFiles?: number;
  now?: () => Date;
  /** Where the one warning about an unwritable log goes (default stderr). */
  warn?: (text: string) => void;
  platform?: NodeJS.Platform;
}

export const DEFAULT_MAX_LOG_BYTES = 5 * 1024 * 1024;
export const DEFAULT_KEEP_LOG_FILES = 5;
/** A rotation guard older than this belongs to a writer that died mid-rotation (the rotation takes a millisecond). */
const GUARD_STALE_MS = 10_000;

export class LogFile implements Logger {
  readonly path: string;
  private fd: number | null = null;
  private inode: number | bigint = -1;
  /** Why writing fails, while it does; null when it works. */
  private failure: string | null = null;
  private lost = 0;
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  private readonly now: () => Date;
  private readonly warnOnce: (text: string) => void;
  private readonly posix: boolean;

  constructor(private readonly options: LogFileOptions) {
    this.path = logFilePath(options.home, options.source);
    this.maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_LOG_BYTES);
    this.keepFiles = Math.max(1, Math.floor(options.keepFiles ?? DEFAULT_KEEP_LOG_FILES));
    this.now = options.now ?? (() => new Date());
    this.warnOnce = options.warn ?? ((text) => void process.stderr.write(text));
    this.posix = (options.platform ?? process.platform) !== 'win32';
  }

  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  /** Appends one line. Never throws. */
  write(level: LogLevel, message: string, fields?: LogFields): void {
    try {
      const line = serializeEntry(this.now(), level, this.options.source, process.pid, message, fields);
      // After a failure, the first line that gets through is preceded by a note of what was lost.
      const note = this.failure === null ? '' : serializeEntry(this.now(), 'warn', this.options.source, process.pid, `the log file could not be written for a while (${this.failure}); ${this.lost} line(s) were lost`, { event: 'log-lost', lost: this.lost });
      this.append(Buffer.from(note + line));
      this.failure = null;
      this.lost = 0;
    } catch (error) {
      this.failed(error);
    }
  }

  close(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already closed: nothing to do.
    }
    this.fd = null;
  }

  private append(line: Buffer): void {
    let fd = this.openCurrent();
    const size = fstatSync(fd).size;
    if (size > 0 && size + line.length > this.maxBytes && this.rotate()) fd = this.openCurrent();
    for (let written = 0; written < line.length; ) written += writeSync(fd, line, written, line.length - written);
  }

  /** The fd of the file at `path` now: reopened when another process rotated it (or someone moved it away). */
  private openCurrent(): number {
    if (this.fd !== null) {
      const now = statSync(this.path, { throwIfNoEntry: false });
      if (now && now.ino === this.inode) return this.fd;
      this.close();
    }
    const folder = dirname(this.path);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (this.posix && (statSync(folder).mode & 0o077) !== 0) chmodSync(folder, 0o700);
    // O_NOFOLLOW: a link planted at the log's name cannot make Delegate append to another file. O_NONBLOCK: a
    // named pipe planted there fails at once (ENXIO) instead of blocking the whole process until a reader comes.
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (this.posix ? constants.O_NOFOLLOW | constants.O_NONBLOCK : 0);
    const fd = openSync(this.path, flags, 0o600);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw Object.assign(new Error(`${this.path} is not a regular file`), { code: 'EINVAL' });
      if (this.posix && (stat.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
      this.inode = stat.ino;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.fd = fd;
    return fd;
  }

  /** Shifts `x.log` → `x.log.1` → … and drops the oldest. False when another writer is rotating right now. */
  private rotate(): boolean {
    const guard = `${this.path}.rotating`;
    try {
      mkdirSync(guard, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stat = statSync(guard, { throwIfNoEntry: false });
      if (stat && Math.abs(Date.now() - stat.mtimeMs) > GUARD_STALE_MS) removeQuietly(() => rmdirSync(guard));
      return false;
    }
    try {
      // Another writer may have rotated between our size check and the guard: rotate only a file that is full.
      const current = statSync(this.path, { throwIfNoEntry: false });
      if (!current || current.size === 0 || current.ino !== this.inode) return true;
      this.close();
      if (this.keepFiles === 1) {
        removeQuietly(() => unlinkSync(this.path));
        return true;
      }
      removeQuietly(() => unlinkSync(rotatedPath(this.path, this.keepFiles - 1)));
      for (let n = this.keepFiles - 2; n >= 1; n--) moveQuietly(rotatedPath(this.path, n), rotatedPath(this.path, n + 1));
      renameSync(this.path, rotatedPath(this.path, 1));
      return true;
    } finally {
      removeQuietly(() => rmdirSync(guard));
    }
  }

  private failed(error: unknown): void {
    this.lost++;
    this.close();
    const reason = describe(error);
    if (this.failure !== null) return;
    this.failure = reason;
    try {
      this.warnOnce(
        `delegate: cannot write the log file ${this.path} (${reason}). Jobs keep running; log lines are not kept until the file can be written again. Check that the disk has space and that the folder is writable.\n`,
      );
    } catch {
      // stderr itself is gone (a closed pipe): there is nowhere left to say it.
    }
  }
}

/** Opens the log of one process kind. */
export function openLogFile(home: string, source: LogSource, options: Omit<LogFileOptions, 'home' | 'source'> = {}): LogFile {
  return new LogFile({ ...options, home, source });
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

function removeQuietly(remove: () => void): void {
  try {
    remove();
  } catch {
    // Already gone.
  }
}

function moveQuietly(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

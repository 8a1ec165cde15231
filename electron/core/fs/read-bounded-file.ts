/**
 * Reads a small settings file (config.json, jobs.yaml) only if it is what it claims: a regular file of a sane size.
 *
 * A hand-made symlink can point the name anywhere: at a FIFO (a plain read blocks forever), at /dev/zero (a plain
 * read allocates until the machine swaps), at a folder, or at a multi-GB log. So the file is opened with
 * O_NONBLOCK (opening a FIFO without a writer then returns at once instead of waiting for one), checked with
 * fstat on the very descriptor that will be read (no window between check and read), and read for at most
 * `limit + 1` bytes, so even a file that grows while it is read costs no more than that.
 */
import { closeSync, constants, fstatSync, openSync, readSync, readlinkSync } from 'node:fs';
import { DelegateError } from '../errors/delegate-error.js';
import { describeFileKind } from './file-kind.js';

export interface BoundedRead {
  /** Which file, in words, for the messages: "the configuration file", "the jobs file". */
  what: string;
  /** Largest accepted size in bytes. */
  limit: number;
}

/** The file's text, or undefined when it does not exist. Throws an `invalid-config` DelegateError for anything else odd. */
export function readBoundedTextFile(path: string, { what, limit }: BoundedRead): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK does not exist on Windows (and FIFOs are not files there); 0 leaves the flags as they are.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return danglingLink(path, what);
    if (code === 'EISDIR') throw refused(path, what, 'it is a folder, not a regular file');
    throw refused(path, what, code === 'EACCES' || code === 'EPERM' ? 'Delegate may not read it (no permission)' : `it cannot be opened (${code ?? 'unknown error'})`, code === 'EACCES' || code === 'EPERM' ? 'Give your user read permission on it.' : undefined);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refused(path, what, `it is ${describeFileKind(stats)}, not a regular file`);
    if (stats.size > limit) throw refused(path, what, `it is ${formatSize(stats.size)}, more than the ${formatSize(limit)} such a file can be`);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > limit) throw refused(path, what, `it is more than ${formatSize(limit)}, more than such a file can be`);
    }
    // Notepad and PowerShell 5 save UTF-8 with a byte-order mark; JSON.parse refuses it as an invisible "token".
    return buffer.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/**
 * Undefined (no file) when there is nothing at `path`; a refusal when a link is there whose target is missing. A
 * link into a synced or network folder that is not there yet (at boot, or unplugged) is not "no jobs" or "no
 * profiles": read as that, the scheduler would drop every job without a word.
 */
function danglingLink(path: string, what: string): undefined {
  let target: string;
  try {
    target = readlinkSync(path);
  } catch {
    return undefined; // not a link: the file does not exist
  }
  throw refused(path, what, `it is a link to ${target}, which does not exist`, `Make ${target} available again (is its disk, network share or sync folder there?), or remove the link to start again.`);
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function refused(path: string, what: string, why: string, action?: string): DelegateError {
  return new DelegateError({
    // These are Delegate's own settings files: a refusal is a configuration problem (exit 2), not a job's file.
    code: 'invalid-config',
    message: `Delegate did not read ${what} ${path}: ${why}.`,
    action: action ?? `Make ${path} a plain text file of its own (or remove it, or the link, to start again); Delegate reads only regular files there.`,
  });
}

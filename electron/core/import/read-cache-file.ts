/**
 * Reads the MSAL cache file to import: a regular file of a sane size, read through one descriptor.
 *
 * As fs/read-bounded-file.ts does for settings (a FIFO would block, /dev/zero would fill memory), but the file
 * is the person's, so a refusal is bad input (exit 2), and the identity of what was read (device, inode, owner,
 * whether the name was a link) is kept: `--remove-source` overwrites exactly that file or nothing.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { DelegateError } from '../errors/delegate-error.js';
import { describeFileKind } from '../fs/file-kind.js';

/**
 * Largest cache accepted. A cache of one person holds a few kB per access token; 4 MiB is a thousand resources'
 * tokens and several accounts, far more than any real one, and still cheap to parse.
 */
export const MAX_CACHE_FILE_BYTES = 4 * 1024 * 1024;

export interface CacheFileRead {
  path: string;
  contents: string;
  /** The file read: checked again before `--remove-source` overwrites anything. */
  identity: { dev: number; ino: number; uid: number; size: number; links: number; mode: number };
  /** The name given is a symbolic link (to the file read). */
  viaSymlink: boolean;
}

export function readCacheFile(path: string, limit = MAX_CACHE_FILE_BYTES): CacheFileRead {
  let viaSymlink: boolean;
  try {
    viaSymlink = lstatSync(path).isSymbolicLink();
  } catch (error) {
    throw openFailure(path, error);
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw openFailure(path, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refused(path, `it is ${describeFileKind(stats)}, not a file`);
    if (stats.size > limit) throw refused(path, `it is ${formatSize(stats.size)}; an MSAL token cache is a few kB (Delegate reads at most ${formatSize(limit)})`);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > limit) throw refused(path, `it grew past ${formatSize(limit)} while being read; an MSAL token cache is a few kB`);
    }
    const contents = buffer.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '');
    buffer.fill(0); // the buffer held a refresh token: not left for the garbage collector's leisure
    return { path, contents, identity: { dev: stats.dev, ino: stats.ino, uid: stats.uid, size: stats.size, links: stats.nlink, mode: stats.mode & 0o777 }, viaSymlink };
  } finally {
    closeSync(fd);
  }
}

function openFailure(path: string, error: unknown): DelegateError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return refused(path, 'there is no such file', 'Check the path: msal Python code such as the ms365_utils wrapper keeps it in ~/.ms365_utils/.msal_token_cache.json.');
  if (code === 'EACCES' || code === 'EPERM') return refused(path, 'Delegate may not read it (no permission)', 'Run the import as the user who owns the file.');
  if (code === 'EISDIR') return refused(path, 'it is a folder, not a file');
  return refused(path, `it cannot be opened (${code ?? String(error)})`);
}

function refused(path: string, why: string, action?: string): DelegateError {
  return new DelegateError({
    code: 'invalid-input',
    message: `Delegate did not import ${path}: ${why}.`,
    action: action ?? 'Give the path of the MSAL token cache file itself (the JSON file your MSAL code writes). Nothing was imported.',
  });
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

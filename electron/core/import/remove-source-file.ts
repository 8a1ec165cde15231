/**
 * `--remove-source`: after the import is proven, the plaintext cache is overwritten in place (zeros, its whole
 * length, flushed to disk) and then deleted, so the refresh token does not linger in the freed blocks.
 *
 * Only the very file that was read is touched: the name is refused up front when it is a symbolic link (overwriting
 * through it would zero whatever it points at, and deleting would only remove the link) or not the user's own;
 * at removal it is opened without following links and must still be the same file (device and inode). On
 * copy-on-write or journaling file systems and SSDs an overwrite cannot promise the old blocks are gone: the
 * report says so, and names where other copies may sit (backups, sync folders) without touching them.
 */
import { accessSync, closeSync, constants, existsSync, fstatSync, fsyncSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import type { CacheFileRead } from './read-cache-file.js';

export interface SourceRemoval {
  removed: true;
  /** Other names of the same file (hard links): they now hold zeros. */
  otherHardLinks: number;
  /** Files beside it that look like copies (`.bak`, `~`, …): left alone, named for the person. */
  possibleCopies: string[];
}

/** Refuses, before anything is imported, a source `--remove-source` must not overwrite. */
export function checkRemovable(read: CacheFileRead): void {
  if (read.viaSymlink) {
    throw refuse(read.path, 'it is a symbolic link; Delegate does not overwrite a file through a link', `Give the path of the file itself (\`readlink -f ${read.path}\`), or import without --remove-source.`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && read.identity.uid !== uid) {
    throw refuse(read.path, `it belongs to another user (uid ${read.identity.uid}), so it is not yours to destroy`, 'Import without --remove-source, and ask the file\'s owner to delete it.');
  }
  try {
    accessSync(read.path, constants.W_OK);
    accessSync(dirname(read.path), constants.W_OK);
  } catch {
    throw refuse(read.path, 'Delegate may not overwrite or delete it (no write permission on the file or its folder)', 'Import without --remove-source, or fix the permissions first.');
  }
}

export function removeSourceFile(read: CacheFileRead): SourceRemoval {
  let fd: number;
  try {
    // Read and write: what is there now is compared with what was imported before a byte is overwritten.
    fd = openSync(read.path, constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw notRemoved(read.path, `it could not be opened for overwriting (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let links: number;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.dev !== read.identity.dev || stats.ino !== read.identity.ino) {
      throw notRemoved(read.path, 'another file is at that path now than the one Delegate read');
    }
    // The same file, rewritten in place (msal Python's write_text truncates it) by a script that signed in again
    // meanwhile: its new content was not imported, so it is not Delegate's to destroy.
    if (!sameContents(fd, stats.size, read.contents)) {
      throw notRemoved(read.path, 'it changed since Delegate read it (a script wrote it again), so what it holds now was not imported');
    }
    const zeros = Buffer.alloc(Math.max(stats.size, read.identity.size));
    let written = 0;
    while (written < zeros.length) written += writeSync(fd, zeros, written, zeros.length - written, written);
    fsyncSync(fd);
    links = stats.nlink;
  } finally {
    closeSync(fd);
  }
  try {
    unlinkSync(read.path);
  } catch (error) {
    throw new DelegateError({
      code: 'file-access',
      message: `The sign-in was imported, and ${read.path} was overwritten with zeros (no token is left in it), but it could not be deleted (${(error as NodeJS.ErrnoException).code ?? String(error)}): an empty file of zeros is still there.`,
      action: `Delete it yourself (\`rm ${read.path}\`); a script that still reads it will find no sign-in in it and must be pointed at \`delegate token\`.`,
    });
  }
  const possibleCopies = ['.bak', '~', '.old', '.orig', '.backup', '.swp'].map((suffix) => `${read.path}${suffix}`).filter((candidate) => existsSync(candidate));
  return { removed: true, otherHardLinks: Math.max(0, links - 1), possibleCopies };
}

/** Whether the open file holds exactly the text that was imported (read.contents, its BOM taken off). */
function sameContents(fd: number, size: number, imported: string): boolean {
  const buffer = Buffer.alloc(size);
  let length = 0;
  while (length < size) {
    const got = readSync(fd, buffer, length, size - length, length);
    if (got === 0) break;
    length += got;
  }
  const same = buffer.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '') === imported;
  buffer.fill(0); // it held a refresh token
  return same;
}

/** Where else a plaintext cache may survive, in words: never touched by Delegate. */
export function otherCopiesAdvice(path: string, removal?: SourceRemoval): string {
  const near = removal && removal.possibleCopies.length > 0 ? ` Beside it: ${removal.possibleCopies.join(', ')} — delete those too if they are copies.` : '';
  const links = removal && removal.otherHardLinks > 0 ? ` ${removal.otherHardLinks} other name(s) of the same file (hard links) remain, now holding only zeros.` : '';
  return `Copies of ${path} may still exist where Delegate does not look: backups (Time Machine, Déjà Dup, rsync, restic), sync folders (OneDrive, Dropbox), other machines you copied it to, and an SSD or copy-on-write file system may keep old blocks.${near}${links} A refresh token in such a copy works until it is revoked: to end them all, sign out everywhere (My Account → "Sign out everywhere") and sign in again with \`delegate login\`.`;
}

function refuse(path: string, why: string, action: string): DelegateError {
  return new DelegateError({ code: 'invalid-input', message: `Nothing was imported: --remove-source cannot remove ${path}: ${why}.`, action });
}

function notRemoved(path: string, why: string): DelegateError {
  return new DelegateError({
    code: 'file-access',
    message: `The sign-in was imported, but ${path} was not removed: ${why}. It still holds a working refresh token.`,
    action: `Delete it yourself (\`shred -u ${path}\` on Linux, or move it to the bin and empty it).`,
  });
}

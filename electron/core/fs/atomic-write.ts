/**
 * Atomic file replacement: readers see the old file or the new one, never half of either.
 *
 * Write a unique temporary file beside the target, flush it, then rename over the target (rename is
 * atomic within a folder on every OS Delegate runs on). Unique names let several processes write at once.
 * A failure names the file being replaced (not the temporary one) in words (os-error.ts).
 */
import { randomBytes } from 'node:crypto';
import { withOsWords } from '../errors/os-error.js';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export function writeFileAtomic(path: string, contents: string, mode = 0o600): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      writeSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw withOsWords(error, { path });
  }
}

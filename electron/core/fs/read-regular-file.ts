/**
 * readFileSync for a state file Delegate wrote itself (a profile's meta.json), that never waits on what is there
 * instead: opened with O_NONBLOCK and checked with fstat on the descriptor it reads, so a named pipe, a socket or a
 * device put in its place is refused at once rather than blocking the read forever (`delegate token`, the tray).
 *
 * Errors are as readFileSync's (ENOENT, EISDIR, EACCES…); something other than a file is an error with code
 * `ENOTREGULAR` whose message says what it is.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { describeFileKind } from './file-kind.js';

export function readRegularFile(path: string): string {
  // O_NONBLOCK does not exist on Windows (nor FIFOs as files); 0 leaves the flags as they are.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR', syscall: 'read', path });
    if (!stats.isFile()) throw Object.assign(new Error(`${path} is ${describeFileKind(stats)}, not a regular file`), { code: 'ENOTREGULAR', path });
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

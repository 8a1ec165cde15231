/**
 * Removes one profile's folder without ever following a link out of Delegate's home.
 *
 * `profiles/NAME` may be a symlink someone made (to another disk, or by mistake to their own documents):
 * removing the profile removes the link, never what it points at.
 */
import { lstatSync, rmSync, unlinkSync } from 'node:fs';

export function removeProfileFolder(dir: string): void {
  let stats;
  try {
    stats = lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stats.isDirectory()) {
    // rmSync does not follow symlinks inside the folder: a link in there is unlinked, its target kept.
    rmSync(dir, { recursive: true, force: true });
  } else {
    unlinkSync(dir); // a symlink (or a stray file) in the profile's place
  }
}

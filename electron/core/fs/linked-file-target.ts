/**
 * Where a write to a settings file the person may have linked (config.json, jobs.yaml) must land.
 *
 * People keep these files in a dotfiles or sync folder and link them into Delegate's home. An atomic write
 * renames a new file over the name, which replaces the link with a copy: from then on their own file no longer
 * changes Delegate, nor Delegate their file, and nothing says so. Writing to the link's target keeps the link.
 * Only for these two files, which Delegate also reads through a link; state files are never followed out of
 * the home.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { withOsWords } from '../errors/os-error.js';

/** `path` itself, or the file it links to (through every link) when it is a symbolic link. */
export function linkedFileTarget(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw withOsWords(error, { path });
  }
  try {
    return realpathSync(path);
  } catch (error) {
    // A dangling link: its target's folder is gone. Say so rather than replace the person's link with a file.
    throw withOsWords(error, { path });
  }
}

/**
 * Tells the engine when the jobs file changed: the home's `jobs.yaml`, and the file it links to, if it is a link.
 *
 * The folder is watched, not the file: editors save by writing a new file and renaming it over the old one. A
 * `jobs.yaml` kept in a dotfiles or sync folder and linked into the home is edited at its target, which the
 * home's folder never sees change: without watching the target's folder too, the scheduler kept running the
 * old jobs until a restart, and said nothing.
 */
import { lstatSync, realpathSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { JOBS_FILE_NAME, jobsFilePath } from './jobs-file.js';

export interface JobsFileWatch {
  close(): void;
}

export function watchJobsFile(home: string, onChange: () => void, log?: (line: string) => void): JobsFileWatch {
  const watchers: FSWatcher[] = [];
  const watchFolder = (folder: string, name: string) => {
    try {
      const watcher = watch(folder, (_event, changed) => {
        if (changed === name) onChange();
      });
      watcher.on('error', (error) => log?.(`jobs file: watching ${folder} stopped (${error.message}); restart to pick up changes`));
      watchers.push(watcher);
    } catch (error) {
      log?.(`jobs file: cannot watch ${folder} for changes (${(error as Error).message})`);
    }
  };
  watchFolder(home, JOBS_FILE_NAME);
  const target = linkTarget(jobsFilePath(home));
  if (target) watchFolder(dirname(target), basename(target));
  return { close: () => watchers.forEach((watcher) => watcher.close()) };
}

/** The real file a link points at, or undefined when `path` is not a link (or its target is missing). */
function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}

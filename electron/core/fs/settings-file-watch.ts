/**
 * Tells when a settings file the person may edit by hand (jobs.yaml, config.json) changed: the file in its
 * folder, and the file it links to, if it is a link.
 *
 * The folder is watched, not the file: editors save by writing a new file and renaming it over the old one, which
 * a watch on the file itself stops seeing after the first save. A file kept in a dotfiles or sync folder and
 * linked into the home is edited at its target, which the home's folder never sees change: the target's folder
 * is watched too.
 */
import { lstatSync, realpathSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface SettingsFileWatch {
  close(): void;
}

export interface SettingsFileWatchOptions {
  /** How the file is named in log lines, e.g. "jobs file". */
  what: string;
  log?: (line: string) => void;
}

/** Calls `onChange` (not debounced) whenever the file at `path`, or its link target, may have changed. */
export function watchSettingsFile(path: string, onChange: () => void, options: SettingsFileWatchOptions): SettingsFileWatch {
  const watchers: FSWatcher[] = [];
  const watchFolder = (folder: string, name: string) => {
    try {
      const watcher = watch(folder, (_event, changed) => {
        if (changed === name) onChange();
      });
      watcher.on('error', (error) => options.log?.(`${options.what}: watching ${folder} stopped (${error.message}); restart to pick up changes`));
      watchers.push(watcher);
    } catch (error) {
      options.log?.(`${options.what}: cannot watch ${folder} for changes (${(error as Error).message})`);
    }
  };
  watchFolder(dirname(path), basename(path));
  const target = linkTarget(path);
  if (target) watchFolder(dirname(target), basename(target));
  return { close: () => watchers.splice(0).forEach((watcher) => watcher.close()) };
}

/**
 * `onChange` watched as above, called once `quietMs` after the last change: editors and atomic writes change a
 * file in several steps, and reading it between them would see half a save.
 */
export function watchSettingsFileSettled(path: string, quietMs: number, onChange: () => void, options: SettingsFileWatchOptions): SettingsFileWatch {
  let timer: NodeJS.Timeout | null = null;
  const inner = watchSettingsFile(
    path,
    () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        onChange();
      }, quietMs);
    },
    options,
  );
  return {
    close: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      inner.close();
    },
  };
}

/** The real file a link points at, or undefined when `path` is not a link (or its target is missing). */
function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}

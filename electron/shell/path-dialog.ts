/**
 * The native file dialogs behind `dialog:pick-path`: the job editor's file, folder and program fields and
 * Settings' CA file. The window names only a purpose; main chooses the dialog, its title and its filters, and the
 * path comes back from what the person picked in the OS dialog.
 *
 * The window may suggest where the dialog starts (the field's current value). That suggestion goes to the OS
 * dialog and nowhere else — nothing is read, listed or checked here — and only a plain absolute local path is
 * passed on. A network path (`\\server\share`, `//server/share`) is dropped: opening a dialog there makes Windows
 * connect to that server with the person's credentials, which a page must never be able to cause.
 */
import { posix, win32 } from 'node:path';
import type { BrowserWindow, FileFilter, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { PathPurpose } from '../../shared/ipc/ipc-models.js';

export interface PathDialogDeps {
  dialog: {
    showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
    showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  };
  /** The window to attach the dialog to (a sheet on macOS), when it is there. */
  parent: () => BrowserWindow | null;
  platform: NodeJS.Platform;
}

export type PathDialog = { kind: 'open'; options: OpenDialogOptions } | { kind: 'save'; options: SaveDialogOptions };

/** Longer than any path an OS accepts; a longer "suggestion" is not a path. */
const MAX_DEFAULT_PATH = 4096;
const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] };

/** The dialog for a purpose on a platform: which one, its words and its filters. */
export function pathDialog(purpose: PathPurpose, platform: NodeJS.Platform): PathDialog {
  switch (purpose) {
    case 'open-file':
      return { kind: 'open', options: { title: 'Choose a file', buttonLabel: 'Choose', properties: ['openFile'], filters: [ALL_FILES] } };
    case 'open-files':
      return { kind: 'open', options: { title: 'Choose files', buttonLabel: 'Choose', properties: ['openFile', 'multiSelections'], filters: [ALL_FILES] } };
    case 'save-file':
      // Linux's GTK dialog replaces a file silently unless asked to confirm; macOS and Windows always confirm.
      return { kind: 'save', options: { title: 'Choose where to save the file', buttonLabel: 'Save here', properties: ['showOverwriteConfirmation', 'createDirectory'] } };
    case 'folder':
      return { kind: 'open', options: { title: 'Choose a folder', buttonLabel: 'Choose folder', properties: ['openDirectory', 'createDirectory'] } };
    case 'ca-file':
      return {
        kind: 'open',
        options: { title: "Choose your organisation's CA certificate", buttonLabel: 'Use this certificate', properties: ['openFile'], filters: [{ name: 'Certificates (PEM)', extensions: ['pem', 'crt', 'cer'] }, ALL_FILES] },
      };
    case 'program': {
      // Windows runs a script by its extension; elsewhere a program is any executable file, whatever its name.
      const filters = platform === 'win32' ? [{ name: 'Programs and scripts', extensions: ['exe', 'cmd', 'bat', 'ps1'] }, ALL_FILES] : [ALL_FILES];
      return { kind: 'open', options: { title: 'Choose the program to run', buttonLabel: 'Choose program', properties: ['openFile'], filters } };
    }
  }
}

/**
 * The window's suggestion of where to start, when it is a plain absolute local path; undefined otherwise (the
 * dialog then starts where the OS likes).
 */
export function startingPath(suggested: unknown, platform: NodeJS.Platform): string | undefined {
  if (typeof suggested !== 'string' || suggested.length === 0 || suggested.length > MAX_DEFAULT_PATH) return undefined;
  if (suggested.includes('\0')) return undefined;
  // `\\server\share`, `//server/share`, and Windows device paths (`\\?\`, `\\.\`) all start with two separators.
  if (/^[\\/]{2}/.test(suggested)) return undefined;
  const absolute = platform === 'win32' ? win32.isAbsolute(suggested) && /^[a-zA-Z]:[\\/]/.test(suggested) : posix.isAbsolute(suggested);
  return absolute ? suggested : undefined;
}

/** AppPlatform.pickPaths for the Electron shell: the person's choice, or an empty list when they cancel. */
export function pathPicker(deps: PathDialogDeps): (purpose: PathPurpose, defaultPath?: string) => Promise<string[]> {
  return async (purpose, defaultPath) => {
    const dialog = pathDialog(purpose, deps.platform);
    const start = startingPath(defaultPath, deps.platform);
    const parent = deps.parent();
    const window = parent && !parent.isDestroyed() ? parent : null;
    if (dialog.kind === 'save') {
      const options: SaveDialogOptions = { ...dialog.options, ...(start ? { defaultPath: start } : {}) };
      const result = window ? await deps.dialog.showSaveDialog(window, options) : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? [] : [result.filePath];
    }
    const options: OpenDialogOptions = { ...dialog.options, ...(start ? { defaultPath: start } : {}) };
    const result = window ? await deps.dialog.showOpenDialog(window, options) : await deps.dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
}

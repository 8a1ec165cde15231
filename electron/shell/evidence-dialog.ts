/**
 * The shell's half of Settings' "Write evidence pack…": the native save dialog that picks where the pack goes,
 * and the files of the running app that the pack hashes. The window only asks for a pack; the path comes from
 * this dialog, never from the page.
 */
import { join } from 'node:path';
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { RunningFile } from '../core/evidence/evidence-facts.js';

export interface EvidenceDialogDeps {
  dialog: { showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>; showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue> };
  /** The window to attach the dialog to (a sheet on macOS), when it is there. */
  parent: () => BrowserWindow | null;
  /** The person's Documents folder: where a report they will attach to a mail is looked for. */
  documentsDir: () => string;
}

export function evidenceFileChooser(deps: EvidenceDialogDeps): (suggestedName: string) => Promise<string | null> {
  return async (suggestedName) => {
    const options: SaveDialogOptions = {
      title: 'Save the evidence pack',
      defaultPath: inDocuments(deps, suggestedName),
      buttonLabel: 'Save',
      filters: [{ name: 'HTML report', extensions: ['html'] }],
      // Linux's GTK dialog replaces a file silently unless asked to confirm; macOS and Windows always confirm.
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const parent = deps.parent();
    const result = parent && !parent.isDestroyed() ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}

/** Electron throws when the OS names no Documents folder; the dialog then starts where it likes. */
function inDocuments(deps: EvidenceDialogDeps, name: string): string {
  try {
    return join(deps.documentsDir(), name);
  } catch {
    return name;
  }
}

/**
 * What the running app consists of: its executable, and its code — the packaged `app.asar` (one file), or in
 * development the bundled main process and preload.
 */
export function appRunningFiles(options: { execPath: string; isPackaged: boolean; appPath: string; bundleDir: string }): RunningFile[] {
  const files: RunningFile[] = [{ label: "Delegate's executable (process.execPath)", path: options.execPath, kind: 'file' }];
  if (options.isPackaged) files.push({ label: "The app's code archive (app.asar)", path: options.appPath, kind: 'file' });
  else {
    files.push({ label: 'The main process bundle', path: join(options.bundleDir, 'main.cjs'), kind: 'file' });
    files.push({ label: 'The preload bundle', path: join(options.bundleDir, 'preload.cjs'), kind: 'file' });
  }
  return files;
}

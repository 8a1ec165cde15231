/**
 * The platform effects of the app (browser, clipboard, launch at login), recorded instead of performed, so a
 * test can assert what the app would have opened or copied.
 */
import type { AppPlatform } from '../../../electron/core/app/app-service.js';
import type { PathPurpose } from '../../../shared/ipc/ipc-models.js';

export interface RecordingPlatform extends AppPlatform {
  /** Every URL the app asked to open, in order. */
  readonly opened: string[];
  /** Every text the app put on the clipboard, in order. */
  readonly copied: string[];
  /** Every folder the app asked the OS to open, in order. */
  readonly openedFolders: string[];
  /** Every file name the app offered in the evidence pack's save dialog, in order. */
  readonly evidenceOffered: string[];
  /** Every native file dialog the window asked for (`dialog:pick-path`), in order, with its starting path. */
  readonly pathsAsked: Array<{ purpose: PathPurpose; defaultPath?: string }>;
  /**
   * Plays the person's choice in the next file dialog: each call answers one dialog, in order. A dialog with no
   * answer queued is cancelled (an empty list).
   */
  queuePaths(paths: string[]): void;
}

export interface RecordingPlatformOptions {
  /** Also told about each URL opened, e.g. to follow a browser sign-in in a test. */
  onOpenExternal?: (url: string) => void | Promise<void>;
  launchAtLogin?: boolean;
  /** Plays the evidence pack's save dialog: the path chosen for a suggested name; default: cancelled (null). */
  evidenceFile?: (suggestedName: string) => string | null;
}

export function createRecordingPlatform(options: RecordingPlatformOptions = {}): RecordingPlatform {
  const opened: string[] = [];
  const copied: string[] = [];
  const openedFolders: string[] = [];
  const evidenceOffered: string[] = [];
  const pathsAsked: RecordingPlatform['pathsAsked'] = [];
  const pathAnswers: string[][] = [];
  let launchAtLogin = options.launchAtLogin ?? false;
  return {
    opened,
    copied,
    openedFolders,
    evidenceOffered,
    pathsAsked,
    queuePaths(paths) {
      pathAnswers.push([...paths]);
    },
    pickPaths(purpose, defaultPath) {
      pathsAsked.push({ purpose, ...(defaultPath !== undefined ? { defaultPath } : {}) });
      return Promise.resolve(pathAnswers.shift() ?? []);
    },
    chooseEvidenceFile(suggestedName) {
      evidenceOffered.push(suggestedName);
      return Promise.resolve(options.evidenceFile?.(suggestedName) ?? null);
    },
    async openExternal(url) {
      opened.push(url);
      await options.onOpenExternal?.(url);
    },
    copyText(text) {
      copied.push(text);
    },
    async openFolder(path) {
      openedFolders.push(path);
    },
    launchAtLogin: {
      get: () => launchAtLogin,
      set: (enabled) => {
        launchAtLogin = enabled;
      },
    },
  };
}

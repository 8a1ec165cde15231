/**
 * The app's Delegate home: `DELEGATE_HOME` when set, else `<appData>/Delegate` — the same folder
 * resolveDelegateHome gives the CLI, so the app and `delegate` share one configuration, cache and history.
 *
 * Electron's userData is pointed at this folder too: the single-instance lock is then per home, and Chromium's
 * own files go to a `Chromium` subfolder (sessionData) instead of sitting beside config.json.
 */
import { join } from 'node:path';

export function appHome(env: NodeJS.ProcessEnv, appDataPath: string): string {
  const explicit = env.DELEGATE_HOME?.trim();
  return explicit || join(appDataPath, 'Delegate');
}

export function chromiumDataDir(home: string): string {
  return join(home, 'Chromium');
}

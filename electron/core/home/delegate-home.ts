/**
 * Where Delegate keeps its configuration, per-profile metadata, cache markers and history.
 *
 * `DELEGATE_HOME` wins; otherwise the OS application-data folder, the same one Electron's
 * `app.getPath('userData')` gives for an app named Delegate, so the app and the CLI share one home.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function resolveDelegateHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const explicit = env.DELEGATE_HOME?.trim();
  if (explicit) return explicit;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Delegate');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Delegate');
  return join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config'), 'Delegate');
}

/** Creates a private folder (0700): everything in Delegate's home is the person's own business. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

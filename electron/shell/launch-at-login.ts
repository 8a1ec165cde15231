/**
 * "Start Delegate when I log in". macOS and Windows have a login item API (Electron's setLoginItemSettings);
 * Linux has none, so there it is an XDG autostart entry (`~/.config/autostart/delegate.desktop`), which GNOME,
 * KDE and the other desktops read. Started at login, the app stays in the tray (`--hidden`).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AppPlatform } from '../core/app/app-service.js';

export const HIDDEN_ARG = '--hidden';

export interface LoginItemApi {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[]; path?: string }): void;
}

export interface LaunchAtLoginOptions {
  platform: NodeJS.Platform;
  app: LoginItemApi;
  /** The program to start: the AppImage when run from one, else the executable. */
  executable: string;
  /** Arguments before ours: the app folder when running unpackaged (`electron .`). */
  appArgs: string[];
  env?: NodeJS.ProcessEnv;
}

export function launchAtLogin(options: LaunchAtLoginOptions): AppPlatform['launchAtLogin'] {
  const args = [...options.appArgs, HIDDEN_ARG];
  if (options.platform !== 'linux') {
    return {
      get: () => options.app.getLoginItemSettings({ args }).openAtLogin,
      set: (enabled) => options.app.setLoginItemSettings({ openAtLogin: enabled, args, path: options.executable }),
    };
  }
  const file = autostartFile(options.env ?? process.env);
  return {
    get: () => existsSync(file),
    set: (enabled) => {
      if (!enabled) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, desktopEntry([options.executable, ...args]), { mode: 0o644 });
    },
  };
}

export function autostartFile(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config'), 'autostart', 'delegate.desktop');
}

export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Delegate',
    'Comment=Your Microsoft 365 automation, signed in as you',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The Desktop Entry spec's quoting: double quotes, with ", `, $ and \ escaped by a backslash. */
function quoteExecArgument(argument: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `"${argument.replace(/["`$\\]/g, (character) => `\\${character}`)}"`;
}

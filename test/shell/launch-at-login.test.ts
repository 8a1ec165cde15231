import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { desktopEntry, launchAtLogin } from '../../electron/shell/launch-at-login.js';
import { appHome } from '../../electron/shell/app-home.js';
import { resolveDelegateHome } from '../../electron/core/home/delegate-home.js';
import { makeHome } from '../support/test-home.js';

let dir: { home: string; cleanup: () => void };
beforeEach(() => {
  dir = makeHome();
});
afterEach(() => dir.cleanup());

const loginItems = () => ({ getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })), setLoginItemSettings: vi.fn() });

describe('launch at login', () => {
  it('writes and removes an XDG autostart entry on Linux, starting hidden in the tray', () => {
    const login = launchAtLogin({ platform: 'linux', app: loginItems(), executable: '/opt/Delegate/Delegate App.AppImage', appArgs: [], env: { XDG_CONFIG_HOME: dir.home } });
    const file = join(dir.home, 'autostart', 'delegate.desktop');
    expect(login.get()).toBe(false);
    login.set(true);
    expect(login.get()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Delegate/Delegate App.AppImage" --hidden\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    login.set(false);
    expect(existsSync(file)).toBe(false);
  });

  it('uses the login item API on macOS and Windows', () => {
    const app = loginItems();
    launchAtLogin({ platform: 'darwin', app, executable: '/Applications/Delegate.app/Contents/MacOS/Delegate', appArgs: [] }).set(true);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'], path: '/Applications/Delegate.app/Contents/MacOS/Delegate' });
  });

  it('quotes what the desktop entry spec asks to quote', () => {
    expect(desktopEntry(['/usr/bin/delegate', '--hidden'])).toContain('Exec=/usr/bin/delegate --hidden\n');
    expect(desktopEntry(['/home/a "b"/$x'])).toContain('Exec="/home/a \\"b\\"/\\$x"\n');
  });
});

describe('the app\'s home', () => {
  it('is the folder the CLI resolves: DELEGATE_HOME, else <appData>/Delegate', () => {
    expect(appHome({ DELEGATE_HOME: ' /srv/delegate ' }, '/ignored')).toBe('/srv/delegate');
    expect(appHome({}, join(dir.home, 'config'))).toBe(resolveDelegateHome({ XDG_CONFIG_HOME: join(dir.home, 'config') }, 'linux'));
    expect(appHome({}, 'C:\\Users\\a\\AppData\\Roaming')).toBe(join('C:\\Users\\a\\AppData\\Roaming', 'Delegate'));
  });
});

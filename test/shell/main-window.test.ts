import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MainWindow, hardenSession } from '../../electron/shell/main-window.js';
import { CONTENT_SECURITY_POLICY, isAppUrl, rendererLocation } from '../../electron/shell/renderer-location.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

const location = rendererLocation('/opt/Delegate/resources/app.asar/dist/shell', { isPackaged: true });
const INDEX = 'file:///opt/Delegate/resources/app.asar/dist/renderer/index.html';

function openWindow(showOnReady = true) {
  const window = new MainWindow({ location, preloadPath: '/opt/Delegate/dist/shell/preload.cjs', devTools: false, showOnReady });
  const electronWindow = fake.BrowserWindow.instances.at(-1) as fake.BrowserWindow;
  return { window, electronWindow, contents: electronWindow.webContents };
}

describe('the main window', () => {
  beforeEach(() => fake.resetFakeElectron());

  it('isolates the page: context isolation, sandbox, no Node, web security on, the preload only', () => {
    const { electronWindow } = openWindow();
    expect(electronWindow.options.webPreferences).toMatchObject({
      preload: '/opt/Delegate/dist/shell/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('loads the built renderer next to the bundle', () => {
    const { electronWindow } = openWindow();
    expect(electronWindow.loadedUrl).toBe(INDEX);
  });

  it('sets the strict Content-Security-Policy header on every response', () => {
    hardenSession(fake.session.defaultSession as never);
    const listener = fake.session.defaultSession.headersListener;
    let headers: Record<string, string[]> | undefined;
    listener?.({ url: INDEX, responseHeaders: { 'X-Other': ['1'] } }, (response) => (headers = response.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('refuses every permission request and check (camera, notifications, geolocation, devices)', () => {
    hardenSession(fake.session.defaultSession as never);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      fake.session.defaultSession.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(fake.session.defaultSession.permissionCheckHandler?.({}, 'media')).toBe(false);
    expect(fake.session.defaultSession.devicePermissionHandler?.({})).toBe(false);
  });

  it('blocks navigation away from the app page but lets the page change its own route', () => {
    const { contents } = openWindow();
    contents.finishLoad(INDEX);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', `${INDEX.replace('index.html', 'other.html')}`]) {
      const event = new fake.FakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
      const redirect = new fake.FakeEvent();
      contents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented, url).toBe(true);
    }
    const sameDocument = new fake.FakeEvent();
    contents.emit('will-navigate', sameDocument, `${INDEX}#/history`);
    expect(sameDocument.defaultPrevented).toBe(false);
  });

  it('denies window.open and <webview>', () => {
    const { contents } = openWindow();
    expect(contents.windowOpenHandler?.({ url: 'https://login.microsoft.com/device' })).toEqual({ action: 'deny' });
    const attach = new fake.FakeEvent();
    contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });

  it('hides instead of closing, and shows itself again', () => {
    const { window, electronWindow } = openWindow();
    electronWindow.emit('ready-to-show');
    expect(electronWindow.show).toHaveBeenCalledOnce();
    const event = electronWindow.close();
    expect(event.defaultPrevented).toBe(true);
    expect(electronWindow.hide).toHaveBeenCalledOnce();
    expect(electronWindow.destroyed).toBe(false);
    electronWindow.minimized = true;
    window.show();
    expect(electronWindow.restore).toHaveBeenCalledOnce();
    expect(electronWindow.focus).toHaveBeenCalled();
  });

  it('stays hidden when started at login, and really closes when quitting', () => {
    const { window, electronWindow } = openWindow(false);
    electronWindow.emit('ready-to-show');
    expect(electronWindow.show).not.toHaveBeenCalled();
    window.destroy();
    expect(electronWindow.destroyed).toBe(true);
  });

  it('offers its page to IPC only once loaded', () => {
    const { window, contents } = openWindow();
    const loaded = vi.fn();
    expect(window.contents()).toBeNull();
    window.whenLoaded(loaded);
    contents.finishLoad(INDEX);
    expect(loaded).toHaveBeenCalledWith(contents);
    expect(window.contents()).toBe(contents);
  });
});

describe('the app page', () => {
  it('is the index file (any route) or, unpackaged, the loopback dev server', () => {
    expect(isAppUrl(`${INDEX}#/jobs`, location)).toBe(true);
    expect(isAppUrl('file:///tmp/evil/index.html', location)).toBe(false);
    expect(isAppUrl('https://evil.example/', location)).toBe(false);
    const dev = rendererLocation('/work/dist/shell', { isPackaged: false, devServerUrl: 'http://localhost:5173' });
    expect(dev.url).toBe('http://localhost:5173/');
    expect(isAppUrl('http://localhost:5173/#/history', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(rendererLocation('/work/dist/shell', { isPackaged: true, devServerUrl: 'http://localhost:5173' }).devServerOrigin).toBeNull();
    expect(rendererLocation('/work/dist/shell', { isPackaged: false, devServerUrl: 'http://evil.example:5173' }).devServerOrigin).toBeNull();
  });
});

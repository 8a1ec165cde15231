/**
 * The window: Delegate's React UI in a sandboxed, context-isolated renderer that can reach nothing but the
 * preload's `window.delegate`.
 *
 * Hardened beyond the defaults: a strict Content-Security-Policy header (the renderer's index.html carries the
 * same as a <meta>, which is what applies to file:// pages), no navigation away from the app's page, no new
 * windows, no <webview>, and every permission request (camera, notifications from the page, geolocation…)
 * refused. Closing the window hides it: Delegate lives in the tray until Quit.
 */
import { BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY, isSamePage, type RendererLocation } from './renderer-location.js';

export interface MainWindowOptions {
  location: RendererLocation;
  preloadPath: string;
  /** The window icon (Linux and Windows); macOS uses the app bundle's. */
  iconPath?: string;
  /** Developer tools only when running unpackaged. */
  devTools: boolean;
  /** Shown as soon as the page is ready (false when started at login: the app stays in the tray). */
  showOnReady: boolean;
}

/** The renderer's security settings, in one place so the test and the review see them together. */
export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools,
  };
}

/** Session-wide: the CSP header on every response, and every permission refused. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Any web contents: stay on the app's page, open nothing, embed nothing. */
export function hardenContents(contents: WebContents): void {
  const stayOnPage = (event: { preventDefault(): void }, url: string) => {
    if (!isSamePage(url, contents.getURL())) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => stayOnPage(event, url));
  contents.on('will-redirect', (event, url) => stayOnPage(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links the person should open (the verification page) go through the app service, never window.open.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export class MainWindow {
  readonly window: BrowserWindow;
  private quitting = false;
  private loaded = false;
  private readonly onLoad: Array<(contents: WebContents) => void> = [];

  constructor(options: MainWindowOptions) {
    this.window = new BrowserWindow({
      title: 'Delegate',
      width: 1040,
      height: 720,
      minWidth: 720,
      minHeight: 520,
      show: false,
      autoHideMenuBar: true,
      ...(options.iconPath ? { icon: options.iconPath } : {}),
      webPreferences: secureWebPreferences(options.preloadPath, options.devTools),
    });
    const contents = this.window.webContents;
    hardenContents(contents);
    contents.on('did-start-loading', () => {
      this.loaded = false;
    });
    contents.on('did-finish-load', () => {
      this.loaded = true;
      for (const callback of this.onLoad.splice(0)) callback(contents);
    });
    if (options.showOnReady) this.window.once('ready-to-show', () => this.show());
    // A tray app: closing the window hides it; only Quit (or the OS logging out) ends Delegate.
    this.window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      this.window.hide();
    });
    void this.window.loadURL(options.location.url);
  }

  show(): void {
    if (this.window.isDestroyed()) return;
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  /** The page's web contents once it has loaded (null while loading or after the window is gone). */
  contents(): WebContents | null {
    if (this.window.isDestroyed() || !this.loaded) return null;
    return this.window.webContents;
  }

  /** Calls back once the page has loaded (at once when it already has). */
  whenLoaded(callback: (contents: WebContents) => void): void {
    const contents = this.contents();
    if (contents) callback(contents);
    else this.onLoad.push(callback);
  }

  /** The web contents for the sender check, loaded or not. */
  webContents(): WebContents | null {
    return this.window.isDestroyed() ? null : this.window.webContents;
  }

  /** Lets the window really close (quitting), then destroys it. */
  destroy(): void {
    this.quitting = true;
    if (!this.window.isDestroyed()) this.window.destroy();
  }
}

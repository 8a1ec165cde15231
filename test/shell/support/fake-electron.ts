/**
 * A stand-in for the `electron` module, for shell tests under plain Node (`require('electron')` throws there).
 *
 * Use with `vi.mock('electron', () => import('./support/fake-electron.js'))`; import this file too to reach the
 * recorded calls. Each test file gets its own copy (vitest isolates modules per file); call `resetFakeElectron()`
 * between tests.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { FakeRequest } from '../../core/net/support/fake-net.js';

type Listener = (...args: never[]) => unknown;

/** A stand-in Electron event: records preventDefault. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
    public processId = 1,
    public routingId = 1,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame;
  destroyed = false;
  url = '';
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor() {
    super();
    this.mainFrame = new FakeFrame('', null, 1, this.id * 10);
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** Simulates the page finishing loading at `url`. */
  finishLoad(url: string): void {
    this.url = url;
    this.mainFrame.url = url;
    this.emit('did-start-loading');
    this.emit('did-finish-load');
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  minimized = false;
  loadedUrl: string | null = null;
  readonly show = vi.fn(() => {
    this.visible = true;
  });
  readonly hide = vi.fn(() => {
    this.visible = false;
  });
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }

  /** What happens when the person clicks the window's close button. */
  close(): FakeEvent {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
    return event;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>([['appData', '/tmp/fake-app-data']]);
  readonly setName = vi.fn();
  readonly setAppUserModelId = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly disableHardwareAcceleration = vi.fn();
  /** macOS only in Electron; tests on other platforms set it to undefined. */
  dock: { hide: () => void } | undefined = { hide: vi.fn() };
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn(() => {
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('will-quit');
  });
  readonly exit = vi.fn();
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly getVersion = vi.fn(() => '0.1.0');
  readonly getAppPath = vi.fn(() => '/app');
  readonly loginItem = { openAtLogin: false };
  readonly getLoginItemSettings = vi.fn(() => ({ openAtLogin: this.loginItem.openAtLogin }));
  readonly setLoginItemSettings = vi.fn((settings: { openAtLogin: boolean }) => {
    this.loginItem.openAtLogin = settings.openAtLogin;
  });
  readonly getPath = vi.fn((name: string) => {
    const path = this.paths.get(name);
    if (!path) throw new Error(`fake app: no path ${name}`);
    return path;
  });
  readonly setPath = vi.fn((name: string, path: string) => {
    this.paths.set(name, path);
  });
}

export let app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle: vi.fn((channel: string, handler: Listener) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn((channel: string, input: unknown) => Promise.resolve({ ok: true, value: { channel, input } })),
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: unknown = null;
  tooltip = '';
  menu: { template: MenuItemTemplate[] } | null = null;
  destroyed = false;

  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }

  setImage(image: unknown): void {
    this.image = image;
  }

  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }

  setContextMenu(menu: { template: MenuItemTemplate[] }): void {
    this.menu = menu;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export interface MenuItemTemplate {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  role?: string;
  submenu?: MenuItemTemplate[];
  click?: () => void;
}

export const Menu = {
  buildFromTemplate: vi.fn((template: MenuItemTemplate[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const nativeImage = {
  createFromPath: vi.fn((path: string) => ({ path })),
};

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;

  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }

  show(): void {
    this.shown = true;
  }
}

export const clipboard = { writeText: vi.fn() };
export const shell = { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn((_path: string) => Promise.resolve('')) };
export const dialog = {
  showErrorBox: vi.fn(),
  showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })),
  showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: true, filePath: '' })),
};
export let powerMonitor = new EventEmitter();

type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;

export const session = {
  defaultSession: {
    headersListener: null as HeadersListener | null,
    permissionRequestHandler: null as ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    permissionCheckHandler: null as ((...args: unknown[]) => boolean) | null,
    devicePermissionHandler: null as ((...args: unknown[]) => boolean) | null,
    webRequest: {
      onHeadersReceived: vi.fn((listener: HeadersListener) => {
        session.defaultSession.headersListener = listener;
      }),
    },
    setPermissionRequestHandler: vi.fn((handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void) => {
      session.defaultSession.permissionRequestHandler = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler: (...args: unknown[]) => boolean) => {
      session.defaultSession.permissionCheckHandler = handler;
    }),
    setDevicePermissionHandler: vi.fn((handler: (...args: unknown[]) => boolean) => {
      session.defaultSession.devicePermissionHandler = handler;
    }),
  },
};

/** A session from `session.fromPartition`: records its proxy and its certificate verify procedure. */
export class FakePartitionSession {
  readonly setProxy = vi.fn((_config: { mode?: string; proxyRules?: string }) => Promise.resolve());
  verifyProc: ((request: unknown, callback: (result: number) => void) => void) | null = null;
  readonly setCertificateVerifyProc = vi.fn((proc: ((request: unknown, callback: (result: number) => void) => void) | null) => {
    this.verifyProc = proc;
  });
  readonly resolveProxy = vi.fn((_url: string) => Promise.resolve('DIRECT'));

  constructor(
    readonly partition: string,
    readonly options: { cache?: boolean } | undefined,
  ) {}
}

export const partitions = new Map<string, FakePartitionSession>();

Object.assign(session, {
  fromPartition: vi.fn((partition: string, options?: { cache?: boolean }) => {
    let found = partitions.get(partition);
    if (!found) {
      found = new FakePartitionSession(partition, options);
      partitions.set(partition, found);
    }
    return found;
  }),
});

/** Electron's net: requests are FakeRequests (test/core/net/support/fake-net.ts), answered by the test. */
export const net = {
  requests: [] as Array<{ request: FakeRequest; session: unknown }>,
  request: vi.fn((options: ConstructorParameters<typeof FakeRequest>[0] & { session?: unknown }) => {
    const { session: requestSession, ...rest } = options;
    const request = new FakeRequest(rest);
    net.requests.push({ request, session: requestSession });
    return request;
  }),
};

/** Forgets every window, tray, notification, handler and listener. */
export function resetFakeElectron(): void {
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  nativeTheme.removeAllListeners();
  nativeTheme.shouldUseDarkColors = false;
  app = new FakeApp();
  powerMonitor = new EventEmitter();
  partitions.clear();
  net.requests = [];
  vi.clearAllMocks();
}

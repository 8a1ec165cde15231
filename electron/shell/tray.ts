/**
 * The tray icon: colour, tooltip and menu from the pure tray model (electron/core/app/tray-model.ts); every menu
 * item is a one-line call into the handlers main.ts gives it.
 */
import { join } from 'node:path';
import { Menu, Tray, nativeImage, nativeTheme, type MenuItemConstructorOptions } from 'electron';
import { trayIconFile } from './tray-icons.js';
import type { TrayAction, TrayMenuItem, TrayModel } from '../core/app/tray-model.js';

export interface TrayHandlers {
  signIn(profile: string | null): void;
  runNow(jobId: string): void;
  setPaused(paused: boolean): void;
  open(): void;
  installCommandLineTool(): void;
  quit(): void;
}

export function menuTemplate(items: readonly TrayMenuItem[], handlers: TrayHandlers): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      label: item.label,
      type: item.kind === 'checkbox' ? 'checkbox' : item.kind === 'submenu' ? 'submenu' : 'normal',
      enabled: item.enabled,
      ...(item.kind === 'checkbox' ? { checked: item.checked ?? false } : {}),
      ...(item.submenu ? { submenu: menuTemplate(item.submenu, handlers) } : {}),
      ...(action ? { click: () => perform(action, handlers) } : {}),
    };
  });
}

function perform(action: TrayAction, handlers: TrayHandlers): void {
  switch (action.type) {
    case 'sign-in':
      return handlers.signIn(action.profile);
    case 'run-now':
      return handlers.runNow(action.jobId);
    case 'set-paused':
      return handlers.setPaused(action.paused);
    case 'open':
      return handlers.open();
    case 'install-command-line-tool':
      return handlers.installCommandLineTool();
    case 'quit':
      return handlers.quit();
  }
}

export class DelegateTray {
  private readonly tray: Tray;
  private model: TrayModel | null = null;
  private readonly onThemeChange = () => this.render();

  constructor(
    private readonly iconDir: string,
    private readonly handlers: TrayHandlers,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(this.image('signed-out'));
    // Windows and most Linux panels: a click opens the window; the menu is on the right button (macOS: any click).
    this.tray.on('click', () => handlers.open());
    nativeTheme.on('updated', this.onThemeChange);
  }

  update(model: TrayModel): void {
    this.model = model;
    this.render();
  }

  destroy(): void {
    nativeTheme.removeListener('updated', this.onThemeChange);
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private render(): void {
    const model = this.model;
    if (!model || this.tray.isDestroyed()) return;
    this.tray.setImage(this.image(model.state));
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.menu, this.handlers)));
  }

  private image(state: TrayModel['state']) {
    const file = trayIconFile(state, { platform: this.platform, darkMenuBar: nativeTheme.shouldUseDarkColors });
    // createFromPath picks up the @2x file beside it and marks *Template files as template images.
    return nativeImage.createFromPath(join(this.iconDir, file));
  }
}

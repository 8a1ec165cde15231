/**
 * Which tray icon file to show (build/make-icons.ts draws them; the build copies them to dist/shell/tray).
 *
 * - macOS: the calm states (ok, signed out) use template images, which macOS tints for a light or dark menu bar
 *   and for the highlighted item, as the platform expects; the states that need the person (amber, red) keep
 *   their colour, drawn for the menu bar's appearance.
 * - Windows: 16 px (Electron picks the @2x file on a 200 % display), light or dark by the system theme.
 * - Linux: 22 px, the dark-panel drawing: GNOME's top bar and most panels are dark whatever the theme.
 */
import type { TrayState } from '../core/app/tray-model.js';

export const TRAY_STATES: readonly TrayState[] = ['ok', 'warning', 'error', 'signed-out'];

export interface TrayIconContext {
  platform: NodeJS.Platform;
  /** nativeTheme.shouldUseDarkColors */
  darkMenuBar: boolean;
}

export function trayIconFile(state: TrayState, context: TrayIconContext): string {
  if (context.platform === 'darwin') {
    if (state === 'ok' || state === 'signed-out') return `tray-${state}-16Template.png`;
    return `tray-${state}-${context.darkMenuBar ? 'dark' : 'light'}-16.png`;
  }
  if (context.platform === 'win32') return `tray-${state}-${context.darkMenuBar ? 'dark' : 'light'}-16.png`;
  return `tray-${state}-dark-22.png`;
}

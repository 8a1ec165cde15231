/**
 * Shows the policy's notifications (electron/core/notifications) as desktop notifications; a click opens the
 * window where the fix is.
 */
import { Notification } from 'electron';
import type { DesktopNotification } from '../core/notifications/desktop-notification.js';

export interface NotifierOptions {
  onClick(notification: DesktopNotification): void;
  /** The app icon, for platforms that show one beside the text (Linux). */
  iconPath?: string;
}

export function createNotifier(options: NotifierOptions): (notification: DesktopNotification) => void {
  // Electron drops a notification's click handler when the object is garbage-collected: keep each one alive
  // until it is clicked or closed.
  const shown = new Set<Notification>();
  return (notification) => {
    if (!Notification.isSupported()) return;
    const desktop = new Notification({
      title: notification.title,
      body: notification.body,
      urgency: notification.kind === 'sign-in-required' || notification.kind === 'sign-in-blocked' ? 'critical' : 'normal',
      ...(options.iconPath ? { icon: options.iconPath } : {}),
    });
    shown.add(desktop);
    desktop.on('click', () => {
      shown.delete(desktop);
      options.onClick(notification);
    });
    desktop.on('close', () => shown.delete(desktop));
    desktop.show();
  };
}

/**
 * The main side of IPC, and the only file that touches ipcMain (a lint rule keeps it so, as GitHub Desktop does).
 *
 * Every request channel of the contract is registered with `ipcMain.handle` and handed, with who sent it, to the
 * core's router (electron/core/ipc), which checks the channel, the sender and the input and redacts the answer.
 * The sender is trusted only when it is the app window's top frame showing the app's own page. Events go the other
 * way through `send`, redacted the same way.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { toRendererSafe, type IpcRouter, type SenderInfo } from '../core/ipc/ipc-router.js';
import { REQUEST_CHANNELS, type EventChannel, type EventPayloads } from '../../shared/ipc/ipc-contract.js';
import type { AppEvents } from '../core/app/app-events.js';

/** The window's side: its web contents for the sender check, and its page once loaded for events. */
export interface RendererTarget {
  webContents(): WebContents | null;
  contents(): WebContents | null;
  whenLoaded(callback: (contents: WebContents) => void): void;
}

export interface IpcMainOptions {
  router: IpcRouter;
  events: AppEvents;
  target: RendererTarget;
}

export interface IpcMainBridge {
  /** Sends an event to the window if its page is loaded (the page asks for the current state when it loads). */
  send<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
  /** Navigation asked for by the tray or a notification: delivered once the page has loaded if it has not yet. */
  navigate(payload: EventPayloads['app:navigate']): void;
  dispose(): void;
}

/** Who sent a request: the frame's URL, and whether it is the top frame of Delegate's own window. */
export function senderInfo(event: IpcMainInvokeEvent, window: WebContents | null): SenderInfo {
  const frame = event.senderFrame;
  if (!frame || !window || window.isDestroyed() || event.sender !== window) return { url: frame?.url ?? '', isMainFrame: false };
  const top = window.mainFrame;
  const isMainFrame = frame.parent === null && frame.processId === top.processId && frame.routingId === top.routingId;
  return { url: frame.url, isMainFrame };
}

export function registerIpc(options: IpcMainOptions): IpcMainBridge {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => options.router(channel, payload, senderInfo(event, options.target.webContents())));
  }
  const send = <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => {
    const contents = options.target.contents();
    if (contents && !contents.isDestroyed()) contents.send(channel, toRendererSafe(payload));
  };
  const unsubscribe = options.events.onAny((channel, payload) => send(channel, payload));
  let pendingNavigation: EventPayloads['app:navigate'] | null = null;
  return {
    send,
    navigate: (payload) => {
      if (options.target.contents()) {
        send('app:navigate', payload);
        return;
      }
      // Only the latest request matters; the callback is registered once per wait.
      const waiting = pendingNavigation !== null;
      pendingNavigation = payload;
      if (!waiting) {
        options.target.whenLoaded(() => {
          const latest = pendingNavigation;
          pendingNavigation = null;
          if (latest) send('app:navigate', latest);
        });
      }
    },
    dispose: () => {
      unsubscribe();
      for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
    },
  };
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppEvents } from '../../electron/core/app/app-events.js';
import { createIpcRouter, type SenderInfo } from '../../electron/core/ipc/ipc-router.js';
import { registerIpc, type IpcMainBridge, type RendererTarget } from '../../electron/shell/ipc-main.js';
import { isAppUrl, rendererLocation } from '../../electron/shell/renderer-location.js';
import { REQUEST_CHANNELS } from '../../shared/ipc/ipc-contract.js';
import type { IpcHandlers } from '../../electron/core/ipc/ipc-handlers.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

const location = rendererLocation('/opt/Delegate/dist/shell', { isPackaged: true });
const INDEX = 'file:///opt/Delegate/dist/renderer/index.html';

/** Handlers that answer with their channel and input, so the test sees what reached core. */
const echoHandlers = new Proxy({}, { get: (_target, channel) => (input: unknown) => ({ channel, input }) }) as IpcHandlers;

let contents: fake.FakeWebContents;
let loaded: boolean;
let bridge: IpcMainBridge;
let events: AppEvents;
const seen: SenderInfo[] = [];
const refused: string[] = [];

function target(): RendererTarget {
  return {
    webContents: () => contents as never,
    contents: () => (loaded ? (contents as never) : null),
    whenLoaded: (callback) => contents.once('did-finish-load', () => callback(contents as never)),
  };
}

beforeEach(() => {
  fake.resetFakeElectron();
  seen.length = 0;
  refused.length = 0;
  contents = new fake.FakeWebContents();
  contents.finishLoad(INDEX);
  loaded = true;
  events = new AppEvents();
  const router = createIpcRouter(echoHandlers, {
    isTrustedSender: (sender) => {
      seen.push(sender);
      return sender.isMainFrame && isAppUrl(sender.url, location);
    },
    onRefused: (channel, reason) => refused.push(`${channel}: ${reason}`),
  });
  bridge = registerIpc({ router, events, target: target() });
});

/** Calls a registered handler as ipcMain would, with a fake IpcMainInvokeEvent. */
function invoke(channel: string, payload: unknown, from: { sender?: fake.FakeWebContents; frame?: fake.FakeFrame | null } = {}) {
  const handler = fake.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const sender = from.sender ?? contents;
  const senderFrame = from.frame === undefined ? sender.mainFrame : from.frame;
  return (handler as (event: unknown, payload: unknown) => Promise<unknown>)({ sender, senderFrame }, payload);
}

describe('ipc-main', () => {
  it('registers every request channel of the contract with ipcMain.handle, and nothing else', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('passes each request to the router with the sender\'s URL and frame', async () => {
    const result = await invoke('jobs:run-now', { jobId: 'nightly-etl' });
    expect(result).toEqual({ ok: true, value: { channel: 'jobs:run-now', input: { jobId: 'nightly-etl' } } });
    expect(seen.at(-1)).toEqual({ url: INDEX, isMainFrame: true });
  });

  it('refuses a request from an iframe of the window', async () => {
    const iframe = new fake.FakeFrame(INDEX, contents.mainFrame, 1, 999);
    expect(await invoke('app:get-state', {}, { frame: iframe })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(seen.at(-1)).toEqual({ url: INDEX, isMainFrame: false });
    expect(refused.at(-1)).toMatch(/did not come from Delegate's own window/);
  });

  it('refuses a request from another URL in the window', async () => {
    contents.mainFrame.url = 'https://evil.example/';
    expect(await invoke('settings:get', {})).toMatchObject({ ok: false });
    expect(seen.at(-1)).toEqual({ url: 'https://evil.example/', isMainFrame: true });
  });

  it('refuses a request from other web contents, or a frame that is gone', async () => {
    const other = new fake.FakeWebContents();
    other.finishLoad(INDEX);
    expect(await invoke('settings:get', {}, { sender: other })).toMatchObject({ ok: false });
    expect(seen.at(-1)?.isMainFrame).toBe(false);
    expect(await invoke('settings:get', {}, { frame: null })).toMatchObject({ ok: false });
  });

  it('forwards the service\'s events to the window, redacted', () => {
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${'a'.repeat(40)}.${'b'.repeat(40)}`;
    events.emit('health:changed', { profile: 'work', reason: `token ${jwt}` } as never);
    expect(contents.sent).toHaveLength(1);
    expect(contents.sent[0]?.channel).toBe('health:changed');
    expect(JSON.stringify(contents.sent[0]?.payload)).not.toContain(jwt);
    expect(JSON.stringify(contents.sent[0]?.payload)).toContain('[redacted]');
  });

  it('holds a navigation until the page has loaded, and sends the latest one', () => {
    loaded = false;
    bridge.navigate({ view: 'history' });
    bridge.navigate({ view: 'reauth' });
    expect(contents.sent).toEqual([]);
    loaded = true;
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([{ channel: 'app:navigate', payload: { view: 'reauth' } }]);
  });

  it('removes its handlers and stops forwarding when disposed', () => {
    bridge.dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
    events.emit('app:paused', { paused: true });
    expect(contents.sent).toEqual([]);
  });
});

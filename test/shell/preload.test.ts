import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, type DelegateApi } from '../../shared/ipc/ipc-contract.js';
import { EVENT_CHANNEL_NAMES, REQUEST_CHANNEL_NAMES } from '../../electron/shell/ipc-channel-names.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

let api: DelegateApi;

beforeAll(async () => {
  await import('../../electron/shell/preload.js');
  api = fake.contextBridge.exposed.get('delegate') as DelegateApi;
});

describe('the preload', () => {
  it('exposes one object, window.delegate, with request and on and nothing else', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['delegate']);
    expect(Object.keys(api).sort()).toEqual(['on', 'request']);
  });

  it('knows exactly the contract\'s channel names', () => {
    expect([...REQUEST_CHANNEL_NAMES].sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect([...EVENT_CHANNEL_NAMES].sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('sends every contract request through ipcRenderer.invoke', async () => {
    for (const channel of REQUEST_CHANNELS) {
      await api.request(channel, {} as never);
      expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, {});
    }
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(REQUEST_CHANNELS.length);
  });

  it('answers a request on an unknown channel with an error and never sends it', async () => {
    fake.ipcRenderer.invoke.mockClear();
    for (const channel of ['shell:open-external', 'app:get-state ', '__proto__', 'constructor', 42, null]) {
      const result = await api.request(channel as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('refuses to subscribe to an unknown event', () => {
    expect(() => api.on('ipc:anything' as never, () => undefined)).toThrow(/unknown event/);
    expect(() => api.on('toString' as never, () => undefined)).toThrow(/unknown event/);
    expect(fake.ipcRenderer.listenerCount('ipc:anything')).toBe(0);
  });

  it('passes listeners the payload only, and returns a function that unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.on('health:changed', listener);
    fake.ipcRenderer.emit('health:changed', { sender: 'the IPC event must not leak' }, { profile: 'work', status: 'ok' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ profile: 'work', status: 'ok' });
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    fake.ipcRenderer.emit('health:changed', {}, { profile: 'work', status: 'expired' });
    expect(listener).toHaveBeenCalledOnce();
    expect(fake.ipcRenderer.listenerCount('health:changed')).toBe(0);
  });
});

/**
 * The preload: the one object the sandboxed page gets, `window.delegate`, implementing the contract's
 * DelegateApi and nothing more (after VS Code's sandbox preload).
 *
 * Only the contract's channel names pass (an unknown request is answered with an error, an unknown event
 * subscription throws); listeners receive the payload, never the IPC event (which would expose `sender`).
 * Bundled alone into dist/shell/preload.cjs: no zod, no Node, only Electron's sandboxed renderer modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isRequestChannel } from './ipc-channel-names.js';
import type { DelegateApi, EventChannel, EventPayloads, IpcResultOf, RequestChannel, RequestInput } from '../../shared/ipc/ipc-contract.js';

export const delegateApi: DelegateApi = {
  request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<IpcResultOf<C>> {
    if (!isRequestChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid-input', message: `Request refused (${String(channel).slice(0, 80)}): unknown channel.`, action: 'This is a bug in the window; reload it.' },
      });
    }
    return ipcRenderer.invoke(channel, input) as Promise<IpcResultOf<C>>;
  },

  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!isEventChannel(channel)) throw new TypeError(`delegate.on: unknown event "${String(channel).slice(0, 80)}"`);
    if (typeof listener !== 'function') throw new TypeError('delegate.on: the listener must be a function');
    const forward = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('delegate', delegateApi);

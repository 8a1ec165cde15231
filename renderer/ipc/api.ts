/**
 * The renderer's typed client of the IPC contract: every request answers with data, never a rejection.
 */
import type { DelegateApi, EventChannel, EventPayloads, IpcResultOf, RequestChannel, RequestInput } from '../../shared/ipc/ipc-contract.js';
import type { ErrorData } from '../../shared/errors.js';

export interface Api {
  /** Sends a request; a failure (including the bridge itself failing) comes back as `{ok: false, error}`. */
  request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<IpcResultOf<C>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** What the person sees when main did not answer at all (a bug or a closed channel), instead of a stack. */
export const NO_ANSWER: ErrorData = {
  code: 'unexpected',
  message: 'Delegate did not answer this request.',
  action: 'Try again. If it keeps happening, quit Delegate from the tray and start it again.',
};

export function createApi(bridge: DelegateApi): Api {
  return {
    async request(channel, input) {
      try {
        const result = await bridge.request(channel, input);
        if (result && typeof result === 'object' && 'ok' in result) return result;
        return { ok: false, error: NO_ANSWER };
      } catch {
        // The preload should never reject, but a closed channel or a bug must not become a stack on screen.
        return { ok: false, error: NO_ANSWER };
      }
    },
    on(channel, listener) {
      return bridge.on(channel, listener);
    },
  };
}

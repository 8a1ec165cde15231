import { describe, expect, it } from 'vitest';
import type { DelegateApi } from '../../shared/ipc/ipc-contract.js';
import { createApi, NO_ANSWER } from '../../renderer/ipc/api.js';

describe('the renderer’s IPC client', () => {
  it('passes answers through unchanged, errors included', async () => {
    const error = { code: 'network' as const, message: 'Could not reach login.microsoftonline.com', action: 'Check the network.' };
    const bridge = { request: async () => ({ ok: false, error }), on: () => () => undefined } as unknown as DelegateApi;
    expect(await createApi(bridge).request('auth:probe', {})).toEqual({ ok: false, error });
  });

  it('turns a rejected request into an error the window can show, never a stack', async () => {
    const bridge = {
      request: async () => {
        throw new Error('Error invoking remote method: boom\n    at stack line');
      },
      on: () => () => undefined,
    } as unknown as DelegateApi;
    expect(await createApi(bridge).request('jobs:list', {})).toEqual({ ok: false, error: NO_ANSWER });
  });

  it('treats a malformed answer as no answer', async () => {
    const bridge = { request: async () => undefined, on: () => () => undefined } as unknown as DelegateApi;
    expect(await createApi(bridge).request('settings:get', {})).toEqual({ ok: false, error: NO_ANSWER });
  });
});

/**
 * Finds the preload's `window.delegate`: the only place in the renderer that reads it.
 */
import type { DelegateApi } from '../../shared/ipc/ipc-contract.js';

/** The preload's API, or null when this page was opened outside Delegate (a plain browser, a stray window). */
export function findDelegateBridge(): DelegateApi | null {
  // Deliberately not declared on Window: nothing else in the renderer should be able to reach it.
  const candidate = (window as unknown as { delegate?: Partial<DelegateApi> }).delegate;
  if (candidate && typeof candidate.request === 'function' && typeof candidate.on === 'function') return candidate as DelegateApi;
  return null;
}

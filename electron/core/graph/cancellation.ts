/**
 * Cancellation for Graph calls: one error for "someone stopped it" and a wait that an AbortSignal cuts short.
 *
 * A cancelled run (job timeout, Quit, the person pressing Stop) must read as `cancelled`, never as a network
 * failure or a Graph error, so every abort path converges on `cancelledError`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DelegateError } from '../errors/delegate-error.js';

export function cancelledError(): DelegateError {
  return new DelegateError({
    code: 'cancelled',
    message: 'The Microsoft Graph request was cancelled.',
    action: 'Run the job again when you are ready.',
  });
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** The default `sleep` of GraphClientOptions: rejects with `cancelledError` as soon as the signal fires. */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    throw error;
  }
}

/**
 * The app service's event bus: what main pushes to the renderer, typed by the IPC contract.
 */
import type { EventChannel, EventPayloads } from '../../../shared/ipc/ipc-contract.js';

type Listener = <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => void;

export class AppEvents {
  private readonly listeners = new Set<Listener>();

  /** Subscribes to every event; returns the unsubscribe function. */
  onAny(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(channel, payload);
      } catch {
        // A window that went away must not break the service.
      }
    }
  }
}

/**
 * Subscribes a component to one main-process event for as long as it is mounted.
 */
import { useEffect, useRef } from 'react';
import type { EventChannel, EventPayloads } from '../../shared/ipc/ipc-contract.js';
import { useApi } from './api-context.js';

export function useEvent<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): void {
  const api = useApi();
  // The latest listener is kept in a ref so re-renders do not unsubscribe and resubscribe.
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.on(channel, (payload) => latest.current(payload)), [api, channel]);
}

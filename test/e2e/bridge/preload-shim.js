/*
 * The stand-in for Electron's preload in end-to-end tests: `window.delegate`, implementing `DelegateApi`
 * (shared/ipc/ipc-contract.ts) over the test bridge's HTTP (`POST /ipc`) and Server-Sent Events (`GET /events`).
 *
 * Served by the bridge, which fills in the contract's channels below; the renderer cannot tell it from the
 * preload. Like the preload it exposes one frozen object with exactly two functions, refuses channels the
 * contract does not list (without sending them), hands listeners copies of the payloads, and returns an
 * unsubscribe function from every `on`.
 */
/* global window, EventSource */
(() => {
  'use strict';
  const CHANNELS = /*@channels*/ null;
  if (!CHANNELS) throw new Error('preload-shim.js must be served by the test bridge, which fills in the channels.');
  const requestChannels = new Set(CHANNELS.request);
  const eventChannels = new Set(CHANNELS.events);
  /** @type {Map<string, Set<(payload: unknown) => void>>} */
  const listeners = new Map();
  const refusal = (message) => ({ ok: false, error: { code: 'invalid-input', message, action: 'This is a bug in the window; reload it.' } });

  const events = new EventSource('/events');
  events.onmessage = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    const subscribed = listeners.get(event.channel);
    if (!subscribed) return;
    for (const listener of [...subscribed]) {
      try {
        // A copy per listener, as structured clone gives over Electron's IPC.
        listener(JSON.parse(JSON.stringify(event.payload)));
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  };

  const api = {
    request(channel, input) {
      if (typeof channel !== 'string' || !requestChannels.has(channel)) {
        return Promise.resolve(refusal(`Request refused (${String(channel).slice(0, 80)}): unknown channel.`));
      }
      return fetch('/ipc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-delegate-frame': window.top === window ? 'main' : 'sub' },
        body: JSON.stringify({ channel, input }),
      })
        .then((response) => response.json())
        .catch((error) => ({ ok: false, error: { code: 'unexpected', message: `Delegate did not answer: ${error && error.message}`, action: 'Try again.' } }));
    },
    on(channel, listener) {
      if (typeof channel !== 'string' || !eventChannels.has(channel)) throw new Error(`window.delegate.on: unknown event channel "${String(channel).slice(0, 80)}".`);
      if (typeof listener !== 'function') throw new TypeError('window.delegate.on: the listener must be a function.');
      // Wrapped, so subscribing the same function twice gives two independent subscriptions, as in the preload.
      const wrapped = (payload) => listener(payload);
      let subscribed = listeners.get(channel);
      if (!subscribed) listeners.set(channel, (subscribed = new Set()));
      subscribed.add(wrapped);
      return () => {
        subscribed.delete(wrapped);
      };
    },
  };

  Object.defineProperty(window, 'delegate', { value: Object.freeze(api), enumerable: true, writable: false, configurable: false });
})();

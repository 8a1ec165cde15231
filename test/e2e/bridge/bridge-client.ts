/**
 * `DelegateApi` over the bridge's HTTP from plain Node: what the preload shim does in the page, for tests that
 * drive the app without a browser. Requests carry the window's clean URL as Referer, as the page's fetch does,
 * and the launch URL's secret as `Authorization: Bearer` where the page has its cookie.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { DelegateApi, EventChannel, EventPayloads, IpcResultOf, RequestChannel, RequestInput } from '../../../shared/ipc/ipc-contract.js';

export interface BridgeClient extends DelegateApi {
  /** Sends anything at all to `/ipc` (for refusal tests); `sender` overrides the Referer and frame. */
  raw(channel: unknown, input: unknown, sender?: { referer?: string; origin?: string; mainFrame?: boolean }): Promise<unknown>;
  /** Resolves with the first event on `channel` that `predicate` accepts. */
  next<E extends EventChannel>(channel: E, predicate?: (payload: EventPayloads[E]) => boolean, timeoutMs?: number): Promise<EventPayloads[E]>;
  /** Every event received so far, in order. */
  readonly received: Array<{ channel: EventChannel; payload: unknown }>;
  /** Resolves once the event stream is connected. */
  ready: Promise<void>;
  close(): void;
}

export function connectBridgeClient(launchUrl: string): BridgeClient {
  const launch = new URL(launchUrl);
  const origin = launch.origin;
  const secret = launch.searchParams.get('token');
  launch.searchParams.delete('token');
  const windowUrl = launch.href;
  const authorization: Record<string, string> = secret ? { authorization: `Bearer ${secret}` } : {};
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const received: BridgeClient['received'] = [];
  let stream: IncomingMessage | null = null;
  let closed = false;

  const ready = new Promise<void>((resolveReady, reject) => {
    const req = httpRequest(`${origin}/events`, { headers: { referer: windowUrl, accept: 'text/event-stream', ...authorization } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`/events answered ${response.statusCode}`));
      stream = response;
      resolveReady();
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (!data) continue;
          const event = JSON.parse(data) as { channel: EventChannel; payload: unknown };
          received.push(event);
          for (const listener of [...(listeners.get(event.channel) ?? [])]) listener(event.payload);
        }
      });
    });
    req.on('error', (error) => (closed ? undefined : reject(error)));
    req.end();
  });

  function raw(channel: unknown, input: unknown, sender: { referer?: string; origin?: string; mainFrame?: boolean } = {}): Promise<unknown> {
    const body = JSON.stringify({ channel, input });
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-delegate-frame': sender.mainFrame === false ? 'sub' : 'main', ...authorization };
    if (sender.referer !== '') headers.referer = sender.referer ?? windowUrl;
    if (sender.origin) headers.origin = sender.origin;
    return new Promise((resolveAnswer, reject) => {
      const req = httpRequest(`${origin}/ipc`, { method: 'POST', headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolveAnswer(JSON.parse(text));
          } catch {
            reject(new Error(`/ipc answered ${response.statusCode}: ${text.slice(0, 200)}`));
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  function on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    const wrapped = (payload: unknown) => listener(payload as EventPayloads[E]);
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  return {
    request: <C extends RequestChannel>(channel: C, input: RequestInput<C>) => raw(channel, input) as Promise<IpcResultOf<C>>,
    on,
    raw,
    received,
    ready,
    next(channel, predicate = () => true, timeoutMs = 30_000) {
      return new Promise((resolveEvent, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no matching ${channel} event within ${timeoutMs} ms`));
        }, timeoutMs);
        const off = on(channel, (payload) => {
          if (!predicate(payload)) return;
          clearTimeout(timer);
          off();
          resolveEvent(payload);
        });
      });
    },
    close() {
      closed = true;
      (stream as IncomingMessage | null)?.destroy();
    },
  };
}

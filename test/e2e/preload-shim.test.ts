/**
 * The bridge and its preload stand-in behave like Electron's preload and main: the page gets one frozen object
 * with exactly the contract's channels, and main answers only Delegate's own window.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../shared/ipc/ipc-contract.js';
import { connectBridgeClient } from './bridge/bridge-client.js';
import { openAppWindow, type AppWindow } from './support/browser.js';
import { startAppHome, useSession, type AppHome } from './support/app-session.js';

/** The page's side of the API, typed loosely: the tests poke at it the way a hostile script would. */
type PageApi = { delegate: { request(channel: unknown, input: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>; on(channel: unknown, listener: unknown): () => void } };

const session = useSession();
let app: AppHome;
let appWindow: AppWindow;

beforeAll(async () => {
  app = await startAppHome(session.emulator);
  appWindow = await openAppWindow(session.browser, app.bridge);
}, 60_000);
afterAll(async () => {
  await appWindow?.close();
  await app?.cleanup();
});

describe("the preload stand-in (window.delegate)", () => {
  it('is one frozen object with exactly request and on, which the page cannot replace', async () => {
    const shape = await appWindow.page.evaluate(() => {
      const page = globalThis as unknown as PageApi & Record<string, unknown>;
      const before = page.delegate;
      try {
        page.delegate = { request: () => null, on: () => null } as unknown as PageApi['delegate'];
      } catch {
        // strict-mode code would throw; the page's own scripts are modules, so they would
      }
      return { keys: Object.keys(before).sort(), frozen: Object.isFrozen(before), kept: page.delegate === before, types: [typeof before.request, typeof before.on] };
    });
    expect(shape).toEqual({ keys: ['on', 'request'], frozen: true, kept: true, types: ['function', 'function'] });
  });

  it('carries every request channel of the contract to main, where the input is checked', async () => {
    const answers = await appWindow.page.evaluate(async (channels) => {
      const api = (globalThis as unknown as PageApi).delegate;
      const out: Record<string, string> = {};
      for (const channel of channels) out[channel] = (await api.request(channel, { 'not-a-field': true })).error?.message ?? 'ok';
      return out;
    }, REQUEST_CHANNELS as string[]);
    for (const channel of REQUEST_CHANNELS) expect(answers[channel], channel).toMatch(/^Request refused \(.*\): invalid input: /);
  });

  it('refuses unknown request channels without sending them, and throws on unknown events', async () => {
    const answersBefore = app.bridge.sent.filter((payload) => payload.kind === 'answer').length;
    const outcome = await appWindow.page.evaluate(async () => {
      const api = (globalThis as unknown as PageApi).delegate;
      const refused = await api.request('shell:open-external', { url: 'https://evil.example' });
      let threw = '';
      try {
        api.on('auth:token', () => undefined);
      } catch (error) {
        threw = (error as Error).message;
      }
      return { refused, threw };
    });
    expect(outcome.refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('unknown channel') } });
    expect(outcome.threw).toContain('unknown event channel');
    expect(app.bridge.sent.filter((payload) => payload.kind === 'answer').length).toBe(answersBefore);
  });
});

describe('the bridge', () => {
  it('answers requests from another origin, from a frame, or from nowhere with a refusal, and serves them no events', async () => {
    const client = connectBridgeClient(app.bridge.url);
    try {
      await client.ready;
      const refusal = { ok: false, error: { code: 'invalid-input', message: expect.stringContaining("did not come from Delegate's own window") } };
      expect(await client.raw('app:get-state', {}, { referer: 'http://evil.example/' })).toMatchObject(refusal);
      expect(await client.raw('app:get-state', {}, { referer: `http://127.0.0.1:1${new URL(app.bridge.url).port}/` })).toMatchObject(refusal);
      expect(await client.raw('app:get-state', {}, { mainFrame: false })).toMatchObject(refusal);
      expect(await client.raw('app:get-state', {}, { referer: '' })).toMatchObject(refusal);
      expect(await client.raw('app:get-state', {}, { referer: '', origin: 'null' })).toMatchObject(refusal);
      expect(await client.raw('app:get-state', {})).toMatchObject({ ok: true });
    } finally {
      client.close();
    }
    const foreignEvents = await fetch(`${app.bridge.origin}/events`, { headers: { referer: 'http://evil.example/', authorization: `Bearer ${app.bridge.secret}` } });
    expect(foreignEvents.status).toBe(403);
    await foreignEvents.body?.cancel();
  });

  it('keeps a page on another origin from using it, by request or by framing the window', async () => {
    let evil: Server | undefined;
    try {
      evil = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(`<!doctype html><title>evil</title>
<iframe id="frame" src="${app.bridge.origin}/"></iframe>
<script>
  // A "simple" request needs no preflight, so it does reach the server; the Origin header gives it away.
  fetch(${JSON.stringify(`${app.bridge.origin}/ipc`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ channel: 'auth:start-device-code', input: {} }) })
    .finally(() => { document.title = 'sent'; });
</script>`);
      });
      await new Promise<void>((resolve) => evil?.listen(0, '127.0.0.1', resolve));
      const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
      const refusedBefore = app.bridge.refused.length;
      const page = await appWindow.context.newPage();
      try {
        await page.goto(evilUrl);
        await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'sent');
        await expect.poll(() => app.bridge.refused.length).toBe(refusedBefore + 1);
        // Refused at the door (its Origin), before the router even reads the channel.
        expect(app.bridge.refused.at(-1)).toMatchObject({ channel: '/ipc', reason: expect.stringContaining("did not come from Delegate's own window") });
        // frame-ancestors 'none': the window does not load inside another site's page, so its scripts never run there.
        const framed = page.frames().find((frame) => frame !== page.mainFrame());
        const rendered = framed ? await framed.evaluate(() => Boolean((globalThis as unknown as { delegate?: unknown }).delegate)).catch(() => false) : false;
        expect(rendered).toBe(false);
        expect(app.bridge.service.state().signIn.phase).not.toBe('device-code');
      } finally {
        await page.close();
      }
    } finally {
      await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
    }
  });
});

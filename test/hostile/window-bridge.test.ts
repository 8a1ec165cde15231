/**
 * Hostile machine, `npm run window`: another program on the same computer, which can reach 127.0.0.1 but does not
 * know the launch secret, gets nothing from the window's bridge — no health, no profiles, no way to point a
 * profile's Graph URL at itself, no job run (so no access token) — while the person with the link works normally.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBridgeClient } from '../e2e/bridge/bridge-client.js';
import { PROFILE, startAppHome, useSession, WHOAMI_JOB, type AppHome } from '../e2e/support/app-session.js';

const session = useSession({ browser: false });
let app: AppHome;

beforeAll(async () => {
  app = await startAppHome(session.emulator, { jobs: [WHOAMI_JOB], signedIn: true });
}, 60_000);
afterAll(async () => {
  await app?.cleanup();
});

interface Attempt {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Requests made by a separate Node process, as another program on the machine would make them: it knows the
 * port and the two headers the window sends, but not the secret. Answers the status and body of each.
 */
function fromAnotherProcess(attempts: Attempt[]): Promise<Array<{ status: number; body: string }>> {
  const script = `
const [origin, attempts] = JSON.parse(process.argv[1]);
(async () => {
  const out = [];
  for (const a of attempts) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 5000);
    try {
      const response = await fetch(origin + a.path, { method: a.method, headers: a.headers, body: a.body === undefined ? undefined : JSON.stringify(a.body), redirect: 'manual', signal: controller.signal });
      const reader = response.body ? response.body.getReader() : null;
      let body = '';
      if (reader) {
        const first = await reader.read();
        body = first.value ? Buffer.from(first.value).toString('utf8') : '';
        await reader.cancel();
      }
      out.push({ status: response.status, body });
    } catch (error) {
      out.push({ status: 0, body: String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
  process.stdout.write(JSON.stringify(out));
})();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify([app.bridge.origin, attempts])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(text) as Array<{ status: number; body: string }>);
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The two headers the window's own requests carry, which were all the bridge used to ask for. */
const windowHeaders = () => ({ referer: `${app.bridge.origin}/`, 'x-delegate-frame': 'main', 'content-type': 'application/json' });
const ipc = (channel: string, input: unknown, headers: Record<string, string> = {}): Attempt => ({ method: 'POST', path: '/ipc', headers: { ...windowHeaders(), ...headers }, body: { channel, input } });

async function graphRequests(): Promise<number> {
  const log = await session.emulator.control<unknown[]>('GET', '/graph/requests');
  return log.body.length;
}

describe('another program on the computer, without the secret', () => {
  it('cannot read the health or the profiles, or even the page, its scripts or the event stream', async () => {
    const answers = await fromAnotherProcess([
      ipc('app:get-state', { profile: PROFILE }),
      ipc('settings:get', {}),
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/index.html' },
      { method: 'GET', path: '/__bridge/preload-shim.js' },
      { method: 'GET', path: '/events', headers: { referer: `${app.bridge.origin}/`, accept: 'text/event-stream' } },
      { method: 'GET', path: '/?token=not-the-secret' },
      ipc('app:get-state', { profile: PROFILE }, { authorization: 'Bearer not-the-secret', cookie: `delegate-bridge-${new URL(app.bridge.origin).port}=guess` }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).not.toMatch(/adele|contoso|emu|graph|<html|EventSource/i);
    }
  });

  it("cannot point a profile's Graph URL at its own server: config.json is unchanged", async () => {
    const configPath = join(app.home, 'config.json');
    const before = readFileSync(configPath, 'utf8');
    const answers = await fromAnotherProcess([
      ipc('settings:save-profile', { name: PROFILE, create: false, changes: { graphBaseUrl: 'https://127.0.0.1:9/' } }),
      ipc('settings:remove-profile', { name: PROFILE }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });

  it('cannot run a job: no history row, and no request reaches Graph', async () => {
    const rowsBefore = app.bridge.engine.history.recentRuns({ limit: 100 }).runs.length;
    const graphBefore = await graphRequests();
    const answers = await fromAnotherProcess([ipc('jobs:run-now', { jobId: WHOAMI_JOB.id }), ipc('jobs:set-paused', { paused: true })]);
    expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a run, had one started, would have asked Graph by now
    expect(app.bridge.engine.history.recentRuns({ limit: 100 }).runs.length).toBe(rowsBefore);
    expect(await graphRequests()).toBe(graphBefore);
    expect(app.bridge.engine.isPaused()).toBe(false);
  });

  it('is refused even with the secret when it forges the Host (DNS rebinding) or comes from another Origin', async () => {
    const bearer = { authorization: `Bearer ${app.bridge.secret}` };
    const answers = await fromAnotherProcess([
      ipc('app:get-state', { profile: PROFILE }, { ...bearer, origin: 'http://evil.example' }),
      ipc('app:get-state', { profile: PROFILE }, { ...bearer, origin: `http://127.0.0.1:1${new URL(app.bridge.origin).port}` }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([403, 403]);
    // fetch will not forge Host; a raw socket will, as a rebinding page's browser sends its own name.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(app.bridge.origin).port), '127.0.0.1', () => {
        socket.end(`POST /ipc HTTP/1.1\r\nHost: rebind.evil.example:${new URL(app.bridge.origin).port}\r\nAuthorization: Bearer ${app.bridge.secret}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 403/);
    expect(raw).toContain('Host header');
  });

  it('cannot reach it on any address but 127.0.0.1', async () => {
    const port = Number(new URL(app.bridge.origin).port);
    expect(new URL(app.bridge.origin).hostname).toBe('127.0.0.1');
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.2', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });
});

describe('the person with the link', () => {
  it('trades the link for a private cookie and is sent to the clean URL, then gets the window', async () => {
    const first = await fetch(app.bridge.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${app.bridge.origin}/`, { headers: { cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/__bridge/preload-shim.js">');
  });

  it('reads the health and runs a job, which reaches Graph', async () => {
    const client = connectBridgeClient(app.bridge.url);
    try {
      await client.ready;
      const state = await client.request('app:get-state', { profile: PROFILE });
      expect(state.ok).toBe(true);
      const graphBefore = await graphRequests();
      const run = await client.request('jobs:run-now', { jobId: WHOAMI_JOB.id });
      expect(run).toMatchObject({ ok: true, value: { jobId: WHOAMI_JOB.id, status: 'succeeded' } });
      expect(await graphRequests()).toBeGreaterThan(graphBefore);
    } finally {
      client.close();
    }
  });
});

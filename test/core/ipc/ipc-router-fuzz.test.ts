/**
 * The main side of the IPC boundary under attack, in plain Node: every request channel gets 1,000+ random
 * payloads, unknown channels and untrusted senders are refused, and main keeps working afterwards.
 *
 * The seed is printed; `IPC_FUZZ_SEED=<n> npx vitest run test/core/ipc` replays a run exactly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { jobsFileVersion } from '../../../electron/core/jobs/jobs-file.js';
import { AppService } from '../../../electron/core/app/app-service.js';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { createGraphClient } from '../../../electron/core/graph/graph-factory.js';
import { createIpcHandlers, type IpcHandlers } from '../../../electron/core/ipc/ipc-handlers.js';
import { createIpcRouter, type IpcRouter, type SenderInfo } from '../../../electron/core/ipc/ipc-router.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { loadConfig } from '../../../electron/core/config/config-store.js';
import { REQUEST_CHANNELS, requestChannels, type RequestChannel } from '../../../shared/ipc/ipc-contract.js';
import { ErrorCodes } from '../../../shared/errors.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { makeHome } from '../../support/test-home.js';
import { createRecordingPlatform, type RecordingPlatform } from '../../e2e/bridge/recording-platform.js';
import { POLLUTION_KEYS, randomPayload, randomString, randomValue, seededRandom } from './fuzz-payloads.js';

const SEED = Number(process.env.IPC_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PAYLOADS_PER_CHANNEL = Number(process.env.IPC_FUZZ_PAYLOADS ?? 1_000);
const WINDOW_URL = 'app://delegate/index.html';
const TRUSTED: SenderInfo = { url: WINDOW_URL, isMainFrame: true };
const KNOWN_CODES = new Set<string>(Object.values(ErrorCodes));

/** Valid inputs per channel: the fuzzer mutates these, so most payloads are almost right. */
const VALID_SAMPLES: Record<RequestChannel, Array<Record<string, unknown>>> = {
  'app:get-state': [{}, { profile: 'emu' }],
  'app:set-profile': [{ profile: 'emu' }],
  'auth:start-device-code': [{ profile: 'no-such-profile' }],
  'auth:start-browser': [{ profile: 'no-such-profile' }],
  'auth:cancel': [{}],
  'auth:copy-code-and-open': [{}],
  'auth:probe': [{ profile: 'emu' }, {}],
  'auth:sign-out': [{ profile: 'no-such-profile' }],
  'jobs:list': [{}],
  'jobs:run-now': [{ jobId: 'daily-report' }],
  'jobs:set-enabled': [{ jobId: 'daily-report', enabled: false, version: null }],
  'jobs:get-source': [{ jobId: 'daily-report' }],
  // The home has no jobs.yaml: the first valid save (version null) creates it, later ones are refused as
  // file-changed (their version is stale); the job is checked after the fuzz.
  'jobs:save': [{ version: null, job: { id: 'fuzzed', schedule: '0 7 * * 1-5', action: { kind: 'graph.request', path: '/me' } } }],
  'jobs:delete': [{ jobId: 'daily-report', version: null }],
  // The recording platform has no dialog: nothing is chosen.
  'dialog:pick-path': [{ purpose: 'open-file' }, { purpose: 'folder', defaultPath: '/tmp' }],
  'jobs:set-paused': [{ paused: true }, { paused: false }],
  'history:query': [{}, { jobId: 'daily-report', status: ['failed', 'timed-out'], limit: 50, before: 1000 }],
  'history:get-run': [{ id: 1 }],
  'settings:get': [{}],
  'settings:check-scopes': [{ scopes: ['Mail.Send', 'Calendar.ReadWrite'] }],
  'settings:save-profile': [
    { name: 'emu', create: false, changes: { warningDays: 10 } },
    { name: 'fuzzed', create: true, changes: { cloud: 'custom', authorityHost: 'https://127.0.0.1:1', graphBaseUrl: 'https://127.0.0.1:1/graph', scopes: ['User.Read'], lifetimeDays: 90, warningDays: 7, cacheBackend: 'plaintext', extraResources: [] } },
  ],
  'settings:remove-profile': [{ name: 'no-such-profile' }],
  'settings:set-default-profile': [{ name: 'emu' }],
  'settings:set-launch-at-login': [{ enabled: true }],
  // An unknown profile: a full doctor run per fuzzed payload would take the file's time for nothing.
  'settings:check-setup': [{ profile: 'no-such-profile' }],
  'settings:open-logs-folder': [{}],
  // The recording platform's save dialog is cancelled: nothing is written.
  'settings:write-evidence': [{ profile: 'emu' }, { all: true }],
};

let emulator: TestEmulator;
let home: { home: string; cleanup: () => void };
let engine: JobEngine;
let service: AppService;
let platform: RecordingPlatform;
let router: IpcRouter;
const calls = new Map<string, number>();
const refused: Array<{ channel: string; reason: string }> = [];

beforeAll(async () => {
  console.log(`IPC fuzz seed: ${SEED} (replay with IPC_FUZZ_SEED=${SEED})`);
  emulator = await startTestEmulator();
  home = makeHome();
  // Plaintext: the fuzz needs no keychain, and a valid sign-in request must not wait on one.
  await addProfile(home.home, 'emu', { cloud: 'custom', authorityHost: emulator.authorityHost, graphBaseUrl: emulator.graphBaseUrl, caFile: emulator.caFile, cacheBackend: 'plaintext' });
  engine = await JobEngine.start({ home: home.home, createGraph: createGraphClient });
  platform = createRecordingPlatform();
  service = new AppService({ home: home.home, version: '0.0.0-fuzz', engine, platform });
  router = createIpcRouter(countCalls(createIpcHandlers(service)), {
    isTrustedSender: (sender) => sender.url.startsWith('app://delegate/') && sender.isMainFrame,
    onRefused: (channel, reason) => refused.push({ channel, reason }),
  });
});

afterAll(async () => {
  service?.dispose();
  await engine?.stop(1_000);
  await emulator?.close();
  home?.cleanup();
});

/** Handlers that count their calls, so a refusal can be shown to run nothing. */
function countCalls(handlers: IpcHandlers): IpcHandlers {
  const counted = {} as Record<string, (input: unknown) => unknown>;
  for (const [channel, handler] of Object.entries(handlers) as Array<[string, (input: unknown) => unknown]>) {
    counted[channel] = (input) => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      return handler(input);
    };
  }
  return counted as unknown as IpcHandlers;
}

function describePayload(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
    return text === undefined ? String(payload) : text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  } catch {
    return Object.prototype.toString.call(payload);
  }
}

async function routeSafely(channel: unknown, input: unknown, sender: SenderInfo): Promise<{ ok: boolean; error?: { code: string; message: string; action: string }; value?: unknown }> {
  try {
    return (await router(channel, input, sender)) as Awaited<ReturnType<typeof routeSafely>>;
  } catch (error) {
    throw new Error(`the router threw for channel ${describePayload(channel)} (seed ${SEED}): ${(error as Error).stack}`, { cause: error });
  }
}

function check(condition: boolean, message: () => string): void {
  if (!condition) expect.fail(message());
}

function isRefusal(result: Awaited<ReturnType<typeof routeSafely>>): boolean {
  return result.ok === false && result.error?.code === 'invalid-input' && /^Request refused/.test(result.error.message) && typeof result.error.action === 'string';
}

/** True when a value survives JSON unchanged: what crosses to the renderer must be plain data. */
function isPlainJson(value: unknown): boolean {
  const text = JSON.stringify(value);
  return text !== undefined && JSON.stringify(JSON.parse(text)) === text;
}

function expectRefusal(result: Awaited<ReturnType<typeof routeSafely>>, context: string): void {
  expect(result.ok, context).toBe(false);
  expect(result.error?.code, context).toBe('invalid-input');
  expect(result.error?.message, context).toMatch(/^Request refused/);
  expect(typeof result.error?.action, context).toBe('string');
}

describe('the IPC router under random payloads', () => {
  it.each(REQUEST_CHANNELS)(
    'refuses every malformed payload on %s as invalid input and handles the valid ones without crashing',
    async (channel) => {
      const random = seededRandom(SEED ^ hash(channel));
      const stats = { refused: 0, valid: 0, handledOk: 0, handledError: 0 };
      /** "unexpected" answers, by message: a handler threw something other than a DelegateError. */
      const unexpected = new Map<string, { count: number; first: string }>();
      for (let i = 0; i < PAYLOADS_PER_CHANNEL; i++) {
        const payload = randomPayload(random, VALID_SAMPLES[channel]);
        // Built only when something fails: describing a payload of half a million characters 1,000 times is slow.
        const context = () => `${channel} payload #${i} (seed ${SEED}): ${describePayload(payload)}`;
        const valid = requestChannels[channel].input.safeParse(payload).success;
        const before = calls.get(channel) ?? 0;
        const result = await routeSafely(channel, payload, TRUSTED);
        check(typeof result.ok === 'boolean', () => `${context()}: the answer is not an IpcResult: ${describePayload(result)}`);
        // Whatever comes back is plain data that survives the trip to the renderer.
        check(isPlainJson(result), () => `${context()}: the answer is not plain JSON data`);
        if (!valid) {
          stats.refused++;
          check(isRefusal(result), () => `${context()}: not refused as invalid input: ${describePayload(result)}`);
          check((calls.get(channel) ?? 0) === before, () => `${context()}: the handler ran`);
          continue;
        }
        stats.valid++;
        if (result.ok) {
          stats.handledOk++;
        } else {
          stats.handledError++;
          check(KNOWN_CODES.has(result.error?.code ?? '') && Boolean(result.error?.message), () => `${context()}: not an error as data: ${describePayload(result)}`);
          // "unexpected" means a handler threw something other than a DelegateError: a crash turned into data.
          if (result.error?.code === 'unexpected') {
            const seen = unexpected.get(result.error.message);
            if (seen) seen.count++;
            else unexpected.set(result.error.message, { count: 1, first: context() });
          }
        }
      }
      console.log(`${channel}: ${PAYLOADS_PER_CHANNEL} payloads, ${stats.refused} refused, ${stats.valid} valid (${stats.handledOk} answered, ${stats.handledError} errors as data)`);
      const crashes = [...unexpected].map(([message, { count, first }]) => `${count}× "${message}", first: ${first}`);
      expect(crashes, `handlers crashed on valid input (seed ${SEED})`).toEqual([]);
      expect(stats.refused).toBeGreaterThan(PAYLOADS_PER_CHANNEL / 2);
      expectUnpolluted();
    },
    120_000,
  );

  it('keeps main working after the fuzz: state, history and settings still answer', async () => {
    service.cancelSignIn();
    // The fuzz's first valid save created jobs.yaml with one job (if no mutation kept a save valid, this does),
    // and the editor can read it back.
    if ((await routeSafely('jobs:list', {}, TRUSTED)).value !== undefined && !existsSync(join(home.home, 'jobs.yaml'))) {
      expect(await routeSafely('jobs:save', VALID_SAMPLES['jobs:save'][0], TRUSTED)).toMatchObject({ ok: true });
    }
    const text = readFileSync(join(home.home, 'jobs.yaml'), 'utf8');
    const ids = (parseDocument(text).toJS() as { jobs: Array<{ id: string }> }).jobs.map((job) => job.id);
    expect(ids).toHaveLength(1);
    expect(await routeSafely('jobs:get-source', { jobId: ids[0] }, TRUSTED)).toMatchObject({ ok: true, value: { jobId: ids[0], version: jobsFileVersion(text) } });
    const state = await routeSafely('app:get-state', {}, TRUSTED);
    expect(state).toMatchObject({ ok: true, value: { profile: expect.any(String), health: { status: expect.any(String) } } });
    expect(await routeSafely('history:query', { limit: 10 }, TRUSTED)).toMatchObject({ ok: true, value: { runs: [] } });
    expect(await routeSafely('settings:check-scopes', { scopes: ['Calendar.ReadWrite'] }, TRUSTED)).toMatchObject({
      ok: true,
      value: { ok: false, problems: [{ scope: 'Calendar.ReadWrite', suggestion: 'Calendars.ReadWrite' }] },
    });
    expect(await routeSafely('settings:get', {}, TRUSTED)).toMatchObject({ ok: true, value: { profiles: expect.any(Array) } });
    expect(await routeSafely('jobs:list', {}, TRUSTED)).toMatchObject({ ok: true, value: { version: jobsFileVersion(text) } });
    // Valid requests may have added or removed profiles; none may have left config.json unreadable.
    expect(() => loadConfig(home.home)).not.toThrow();
    expectUnpolluted();
  });
});

describe('the IPC router refuses', () => {
  it('unknown channels, whatever they are called, without running anything', async () => {
    const random = seededRandom(SEED + 1);
    const names: unknown[] = [...POLLUTION_KEYS, 'app:get-State', 'app:get-state ', ' app:get-state', 'app:', 'jobs:run', 'shell:open-external', 'auth:token', 'auth:get-token', 'history:delete', '', null, undefined, 42, {}, [], ['app:get-state'], { toString: () => 'app:get-state' }];
    for (let i = 0; i < 500; i++) names.push(random.chance(0.5) ? randomString(random) : randomValue(random, 1));
    const before = [...calls.values()].reduce((sum, count) => sum + count, 0);
    for (const name of names) {
      if (typeof name === 'string' && Object.hasOwn(requestChannels, name)) continue;
      const result = await routeSafely(name, {}, TRUSTED);
      expectRefusal(result, `channel ${describePayload(name)} (seed ${SEED})`);
      expect(result.error?.message).toContain('unknown channel');
    }
    expect([...calls.values()].reduce((sum, count) => sum + count, 0)).toBe(before);
  });

  it('requests from another origin, an iframe, or no sender at all, on every channel, without running anything', async () => {
    const senders: unknown[] = [
      { url: 'https://evil.example/index.html', isMainFrame: true },
      { url: 'http://127.0.0.1:1/index.html', isMainFrame: true },
      { url: 'app://delegate.evil.example/index.html', isMainFrame: true },
      { url: 'file:///tmp/index.html', isMainFrame: true },
      { url: '', isMainFrame: true },
      { url: WINDOW_URL, isMainFrame: false },
      { url: 'https://evil.example/frame.html', isMainFrame: false },
      null,
      undefined,
    ];
    const before = [...calls.values()].reduce((sum, count) => sum + count, 0);
    for (const channel of REQUEST_CHANNELS) {
      for (const sender of senders) {
        const input = VALID_SAMPLES[channel][0];
        const result = await routeSafely(channel, input, sender as SenderInfo);
        expectRefusal(result, `${channel} from ${describePayload(sender)}`);
        expect(result.error?.message).toContain("did not come from Delegate's own window");
      }
    }
    expect([...calls.values()].reduce((sum, count) => sum + count, 0)).toBe(before);
    expect(refused.some((entry) => entry.reason.includes("did not come from Delegate's own window"))).toBe(true);
  });
});

/** Nothing the fuzz sent may have reached Object.prototype. */
function expectUnpolluted(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype).filter((name) => !ORIGINAL_OBJECT_PROTOTYPE.has(name))).toEqual([]);
}

const ORIGINAL_OBJECT_PROTOTYPE = new Set(Object.getOwnPropertyNames(Object.prototype));

function hash(text: string): number {
  let value = 2_166_136_261;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16_777_619);
  return value >>> 0;
}

/**
 * Requests at the edges that the fuzz found, pinned down one by one so they fail (or pass) the same way every
 * run, whatever the fuzz seed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppService } from '../../../electron/core/app/app-service.js';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { createGraphClient } from '../../../electron/core/graph/graph-factory.js';
import { createIpcHandlers } from '../../../electron/core/ipc/ipc-handlers.js';
import { createIpcRouter, type IpcRouter } from '../../../electron/core/ipc/ipc-router.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { updateConfig } from '../../../electron/core/config/config-writer.js';
import { makeHome } from '../../support/test-home.js';
import { createRecordingPlatform } from '../../e2e/bridge/recording-platform.js';

const SENDER = { url: 'app://delegate/index.html', isMainFrame: true };
const UNREACHABLE = { cloud: 'custom', authorityHost: 'https://127.0.0.1:1', graphBaseUrl: 'https://127.0.0.1:1/graph', cacheBackend: 'plaintext' as const };

let home: { home: string; cleanup: () => void };
let engine: JobEngine | undefined;
let service: AppService | undefined;

beforeEach(() => {
  home = makeHome();
});
afterEach(async () => {
  service?.dispose();
  await engine?.stop(0);
  service = undefined;
  engine = undefined;
  home.cleanup();
});

async function start(): Promise<IpcRouter> {
  engine = await JobEngine.start({ home: home.home, createGraph: createGraphClient });
  service = new AppService({ home: home.home, version: '0.0.0-test', engine, platform: createRecordingPlatform() });
  return createIpcRouter(createIpcHandlers(service), { isTrustedSender: (sender) => sender.url.startsWith('app://delegate/') && sender.isMainFrame });
}

describe('requests at the edges', () => {
  it('a channel name that cannot be turned into text is refused, not thrown', async () => {
    const router = await start();
    for (const channel of [Object.create(null) as object, { toString: 'app:get-state' }, { toString: () => ({}) }]) {
      await expect(router(channel, {}, SENDER)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('turning a job on when there is no jobs file says so in plain words', async () => {
    const router = await start();
    const answer = await router('jobs:set-enabled', { jobId: 'daily-report', enabled: true, version: null }, SENDER);
    expect(answer).toMatchObject({ ok: false });
    expect(answer.ok === false && answer.error.code).not.toBe('unexpected');
  });

  it('turning on a job the jobs file does not have says which job', async () => {
    writeFileSync(join(home.home, 'jobs.yaml'), 'jobs:\n  - id: whoami\n    schedule: "0 9 * * 1"\n    action: { kind: graph.request, path: /me }\n');
    const router = await start();
    const listed = await router('jobs:list', {}, SENDER);
    const version = listed.ok ? (listed.value as { version: string | null }).version : null;
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(await router('jobs:set-enabled', { jobId: 'daily-report', enabled: true, version }, SENDER)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('daily-report') } });
  });

  it('removing the profile the window shows leaves the window on a profile that exists', async () => {
    for (const name of ['emu', 'other', 'third']) await addProfile(home.home, name, UNREACHABLE);
    const router = await start();
    expect(await router('app:get-state', {}, SENDER)).toMatchObject({ ok: true, value: { profile: 'emu' } });
    await router('settings:remove-profile', { name: 'emu' }, SENDER);
    const state = await router('app:get-state', {}, SENDER);
    expect(state).toMatchObject({ ok: true });
    expect(state.ok && (state.value as { profile: string }).profile).toMatch(/^(other|third)$/);
  });

  it('the app starts when there are several profiles and none is the default', async () => {
    for (const name of ['work', 'home']) await addProfile(home.home, name, UNREACHABLE);
    await updateConfig(home.home, (raw) => {
      delete raw.defaultProfile;
    });
    const router = await start();
    expect(await router('app:get-state', {}, SENDER)).toMatchObject({ ok: true });
  });

  it('a profile may be called "constructor" or "toString"', async () => {
    const router = await start();
    for (const name of ['constructor', 'toString']) {
      expect(await router('settings:save-profile', { name, create: true, changes: UNREACHABLE }, SENDER)).toMatchObject({ ok: true });
    }
  });
});

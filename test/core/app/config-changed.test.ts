/**
 * `config:changed` reaches the window whenever config.json changes — saved by the window, by the CLI, by hand in
 * an editor that renames a new file over the old one, through a link, or broken by hand — and the shown profile's
 * health follows when its settings changed.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppService } from '../../../electron/core/app/app-service.js';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { makeHome } from '../../support/test-home.js';
import { createRecordingPlatform } from '../../e2e/bridge/recording-platform.js';
import type { GraphApi } from '../../../electron/core/jobs/kinds/kind-context.js';
import type { EventChannel } from '../../../shared/ipc/ipc-contract.js';

const noGraph = (): GraphApi => {
  throw new Error('no Graph in this test');
};

let home: string;
let cleanup: () => void;
let engine: JobEngine | undefined;
let service: AppService | undefined;
const elsewhere: string[] = [];
let seen: Array<{ channel: EventChannel; profile?: string }> = [];

beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  seen = [];
  await addProfile(home, 'work', { scopes: ['User.Read'] });
});
afterEach(async () => {
  service?.dispose();
  await engine?.stop(0);
  service = undefined;
  engine = undefined;
  cleanup();
  for (const folder of elsewhere.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(): Promise<AppService> {
  engine = await JobEngine.start({ home, createGraph: noGraph });
  service = new AppService({ home, version: '0.0.0-test', engine, platform: createRecordingPlatform() });
  service.events.onAny((channel, payload) => seen.push({ channel, ...(channel === 'health:changed' ? { profile: (payload as { profile: string }).profile } : {}) }));
  return service;
}

const configFile = () => join(home, 'config.json');
const count = (channel: EventChannel) => seen.filter((event) => event.channel === channel).length;
const withScopes = (text: string, scopes: string[]) => {
  const config = JSON.parse(text) as { profiles: Record<string, { scopes?: string[] }> };
  (config.profiles.work as { scopes?: string[] }).scopes = scopes;
  return `${JSON.stringify(config, null, 2)}\n`;
};

describe('config:changed', () => {
  it('a profile saved from the window is announced, and the shown profile health with it', async () => {
    const app = await start();
    await app.saveProfile('work', false, { scopes: ['User.Read', 'Mail.Send'] });
    await expect.poll(() => count('config:changed'), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(seen.some((event) => event.channel === 'health:changed' && event.profile === 'work')).toBe(true);
  });

  it('a profile added by the CLI is announced, without a health event for the profile shown (its settings did not change)', async () => {
    await start();
    await addProfile(home, 'other', { scopes: ['User.Read'] });
    await expect.poll(() => count('config:changed'), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(count('health:changed')).toBe(0);
  });

  it('a hand edit saved the way editors save (a new file renamed over the old) is announced, and so is the next one', async () => {
    await start();
    for (const [index, scopes] of [['User.Read', 'Mail.Read'], ['User.Read', 'Files.Read']].entries()) {
      const before = count('config:changed');
      const temporary = join(home, `.config.json.${index}.tmp`);
      writeFileSync(temporary, withScopes(readFileSync(configFile(), 'utf8'), scopes as string[]));
      renameSync(temporary, configFile());
      await expect.poll(() => count('config:changed'), { timeout: 5_000 }).toBeGreaterThan(before);
      await expect.poll(() => count('health:changed'), { timeout: 5_000 }).toBe(index + 1);
    }
  });

  it('a config.json broken by hand is announced too, so the window shows its error', async () => {
    writeFileSync(join(home, 'jobs.yaml'), 'jobs:\n  - id: whoami\n    schedule: "0 9 * * 1"\n    action: { kind: graph.request, path: /me }\n');
    const app = await start();
    writeFileSync(configFile(), '{ "profiles": { "work": ');
    await expect.poll(() => count('config:changed'), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(() => app.settings()).toThrow(/config\.json/);
    // The jobs cannot be checked against profiles now: the jobs view says why, and the jobs keep running.
    await expect.poll(() => app.jobs().fileError?.message ?? null, { timeout: 5_000 }).toMatch(/could not be checked against the profiles: .*config\.json/);
    expect(app.jobs()).toMatchObject({ jobs: [expect.objectContaining({ id: 'whoami' })], problems: [], scheduledFromEarlierVersion: expect.objectContaining({ version: expect.any(String) }) });
  });

  it('a config.json linked from a dotfiles folder is announced when the linked file is edited', async () => {
    const dotfiles = mkdtempSync(join(tmpdir(), 'delegate-dotfiles-'));
    elsewhere.push(dotfiles);
    const target = join(dotfiles, 'delegate-config.json');
    writeFileSync(target, readFileSync(configFile()));
    rmSync(configFile());
    symlinkSync(target, configFile());
    await start();
    writeFileSync(target, withScopes(readFileSync(target, 'utf8'), ['User.Read', 'Sites.Read.All']));
    await expect.poll(() => count('config:changed'), { timeout: 5_000 }).toBeGreaterThan(0);
  });

  it('the engine starts with a config.json broken by hand, runs nothing it cannot check, and says why', async () => {
    writeFileSync(join(home, 'jobs.yaml'), 'jobs:\n  - id: whoami\n    schedule: "0 9 * * 1"\n    action: { kind: graph.request, path: /me }\n');
    writeFileSync(configFile(), '{ "profiles": ');
    const app = await start();
    expect(app.jobs()).toMatchObject({ jobs: [], scheduledFromEarlierVersion: null, fileError: { message: expect.stringMatching(/config\.json/) } });
  });

  it('a disposed service announces nothing when config.json changes', async () => {
    const app = await start();
    app.dispose();
    await addProfile(home, 'other', { scopes: ['User.Read'] });
    // The engine still reloads (it watches config.json for profiles); only that proves time has passed.
    const reloaded = new Promise<void>((resolve) => engine?.onReload(() => resolve()));
    await reloaded;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([]);
  });
});

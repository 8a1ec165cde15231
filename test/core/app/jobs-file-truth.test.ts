/**
 * What the window is told about the jobs file, with the real engine and app service on a temporary home: a file
 * broken after a good one, fixed again, broken from the start, deleted, edited by another process, and jobs that
 * become valid when a profile appears. Every change reaches the window as `jobs:changed` without it asking.
 */
import { createHash } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppService } from '../../../electron/core/app/app-service.js';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { makeHome } from '../../support/test-home.js';
import { createRecordingPlatform } from '../../e2e/bridge/recording-platform.js';
import type { GraphApi } from '../../../electron/core/jobs/kinds/kind-context.js';
import type { EventChannel, EventPayloads } from '../../../shared/ipc/ipc-contract.js';
import type { JobsView } from '../../../shared/ipc/ipc-models.js';

const noGraph = (): GraphApi => {
  throw new Error('no Graph in this test');
};

let home: string;
let cleanup: () => void;
let engine: JobEngine | undefined;
let service: AppService | undefined;
const logs: string[] = [];
let events: Array<{ channel: EventChannel; payload: EventPayloads[EventChannel] }> = [];

beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  logs.length = 0;
  events = [];
  await addProfile(home, 'work', { scopes: ['User.Read'] });
});
afterEach(async () => {
  service?.dispose();
  await engine?.stop(0);
  service = undefined;
  engine = undefined;
  cleanup();
});

const job = (id: string, extra = '') => `  - id: ${id}\n    schedule: "0 7 * * *"\n${extra}    action: { kind: graph.request, path: /me }\n`;
const jobsPath = () => join(home, 'jobs.yaml');
const writeJobs = (text: string) => writeFileSync(jobsPath(), text);
const versionOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const BROKEN = 'jobs:\n  - id: [broken\n';

async function start(): Promise<AppService> {
  engine = await JobEngine.start({ home, createGraph: noGraph, log: (line) => logs.push(line) });
  service = new AppService({ home, version: '0.0.0-test', engine, platform: createRecordingPlatform() });
  service.events.onAny((channel, payload) => events.push({ channel, payload }));
  return service;
}

/** The jobs views pushed to the window so far, newest last. */
const pushedViews = (): JobsView[] => events.filter((event) => event.channel === 'jobs:changed').map((event) => event.payload as JobsView);
const lastPushed = (): JobsView | undefined => pushedViews().at(-1);
const ids = (view: JobsView | undefined) => view?.jobs.map((candidate) => candidate.id);

describe('the jobs view after the file changes', () => {
  it('a save Delegate cannot read shows only its error, with the jobs still scheduled marked as from the earlier version', async () => {
    // An earlier version with a problem: a job naming a profile that does not exist.
    const good = `jobs:\n${job('first')}${job('second')}${job('ghost', '    profile: nobody\n')}`;
    writeJobs(good);
    const app = await start();
    expect(app.jobs().problems.map((problem) => problem.jobId)).toEqual(['ghost']);

    writeJobs(BROKEN);
    await expect.poll(() => lastPushed()?.fileError?.message ?? null, { timeout: 5_000 }).toMatch(/not valid YAML/);
    const view = lastPushed() as JobsView;
    expect(view.problems).toEqual([]);
    expect(ids(view)).toEqual(['first', 'second']);
    expect(view.scheduledFromEarlierVersion).toEqual({ version: versionOf(good), loadedAt: expect.any(String) });
    // The version is the file on disk's, so an edit after fixing it is checked against what is really there.
    expect(view.version).toBe(versionOf(BROKEN));
    // What the window shows is what the scheduler runs: the earlier jobs, and no other.
    expect(engine?.jobs().jobs.map((candidate) => candidate.id)).toEqual(['first', 'second']);
    expect(app.jobs()).toEqual(view);
  });

  it('fixing the file shows the fixed jobs at once, without the window asking', async () => {
    writeJobs(`jobs:\n${job('first')}`);
    await start();
    writeJobs(BROKEN);
    await expect.poll(() => lastPushed()?.fileError ?? null, { timeout: 5_000 }).not.toBeNull();
    const fixed = `jobs:\n${job('third')}`;
    writeJobs(fixed);
    await expect.poll(() => ids(lastPushed()), { timeout: 5_000 }).toEqual(['third']);
    expect(lastPushed()).toMatchObject({ fileError: null, scheduledFromEarlierVersion: null, version: versionOf(fixed), problems: [] });
  });

  it('a file broken from the start shows only its error, and no job runs', async () => {
    writeJobs(BROKEN);
    const app = await start();
    const view = app.jobs();
    expect(view.fileError?.message).toMatch(/not valid YAML/);
    expect(view).toMatchObject({ jobs: [], problems: [], scheduledFromEarlierVersion: null, version: versionOf(BROKEN) });
    expect(logs.join('\n')).toMatch(/no job is scheduled: no earlier version of the file was read/);
  });

  it('a deleted jobs file runs no job and is not an error; breaking a new one then keeps nothing from before', async () => {
    writeJobs(`jobs:\n${job('first')}`);
    await start();
    unlinkSync(jobsPath());
    await expect.poll(() => lastPushed()?.version, { timeout: 5_000 }).toBeNull();
    expect(lastPushed()).toMatchObject({ jobs: [], problems: [], fileError: null, scheduledFromEarlierVersion: null });
    expect(logs.join('\n')).toMatch(/jobs\.yaml does not exist; no job is scheduled/);

    writeJobs(BROKEN);
    await expect.poll(() => lastPushed()?.fileError ?? null, { timeout: 5_000 }).not.toBeNull();
    expect(lastPushed()).toMatchObject({ jobs: [], scheduledFromEarlierVersion: null });
    expect(engine?.jobs().jobs).toEqual([]);
  });

  it('an edit by another process, even one that renames a new file over the old, reaches the window', async () => {
    writeJobs(`jobs:\n${job('first')}`);
    await start();
    writeJobs(`jobs:\n${job('first')}${job('second')}`);
    await expect.poll(() => ids(lastPushed()), { timeout: 5_000 }).toEqual(['first', 'second']);
    // As editors save: a new file renamed over the old one, twice (the watch survives the first replacement).
    for (const [index, id] of ['third', 'fourth'].entries()) {
      const temporary = join(home, `.jobs.yaml.swp${index}`);
      writeFileSync(temporary, `jobs:\n${job(id)}`);
      renameSync(temporary, jobsPath());
      await expect.poll(() => ids(lastPushed()), { timeout: 5_000 }).toEqual([id]);
    }
  });

  it('a job naming a profile becomes valid as soon as the profile is added, from the CLI or elsewhere', async () => {
    writeJobs(`jobs:\n${job('for-other', '    profile: other\n')}`);
    const app = await start();
    expect(app.jobs().jobs).toEqual([]);
    expect(app.jobs().problems[0]?.message).toMatch(/other/);
    // The CLI's `delegate profile add` writes config.json; nothing asks the app to look.
    await addProfile(home, 'other', { scopes: ['User.Read'] });
    await expect.poll(() => ids(lastPushed()), { timeout: 5_000 }).toEqual(['for-other']);
    expect(lastPushed()?.problems).toEqual([]);
  });

  it('a disposed service hears nothing more, and the next one hears each reload once', async () => {
    writeJobs(`jobs:\n${job('first')}`);
    const first = await start();
    first.dispose();
    engine?.reload();
    expect(pushedViews()).toEqual([]);
    const second = new AppService({ home, version: '0.0.0-test', engine: engine as JobEngine, platform: createRecordingPlatform() });
    service = second;
    const secondViews: JobsView[] = [];
    second.events.onAny((channel, payload) => {
      if (channel === 'jobs:changed') secondViews.push(payload as JobsView);
    });
    engine?.reload();
    expect(secondViews).toHaveLength(1);
    expect(pushedViews()).toEqual([]);
  });
});

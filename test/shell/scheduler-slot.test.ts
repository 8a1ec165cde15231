import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobEngine } from '../../electron/core/jobs/job-engine.js';
import { addProfile } from '../../electron/core/profiles/profile-service.js';
import { SchedulerSlot, type SchedulerMode } from '../../electron/shell/scheduler-slot.js';
import type { RunEvent } from '../../electron/core/jobs/run-events.js';
import type { LoadedJobs } from '../../electron/core/jobs/jobs-file.js';
import type { GraphApi } from '../../electron/core/jobs/kinds/kind-context.js';
import { makeHome } from '../support/test-home.js';

const noGraph = (): GraphApi => {
  throw new Error('no Graph in this test');
};

let home: string;
let cleanup: () => void;
const stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  await addProfile(home, 'work', { scopes: ['User.Read'] });
  writeFileSync(join(home, 'jobs.yaml'), 'jobs:\n  - id: whoami\n    schedule: "0 9 * * 1"\n    action: { kind: graph.request, path: /me }\n');
});
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  cleanup();
});

async function open(): Promise<SchedulerSlot> {
  const slot = await SchedulerSlot.open({ home, createGraph: noGraph, pollEveryMs: 20, retryEveryMs: 60_000 });
  stops.push(() => slot.stop(0));
  return slot;
}

async function daemon(): Promise<JobEngine> {
  const engine = await JobEngine.start({ home, createGraph: noGraph });
  let stopped = false;
  stops.push(async () => {
    if (!stopped) await engine.stop(0);
  });
  const stop = engine.stop.bind(engine);
  engine.stop = async (grace?: number) => {
    stopped = true;
    await stop(grace);
  };
  return engine;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the scheduler slot', () => {
  it('runs the schedule when no other scheduler holds the home', async () => {
    const slot = await open();
    expect(slot.mode).toEqual({ kind: 'scheduler' });
    expect(slot.jobs().jobs.map((job) => job.id)).toEqual(['whoami']);
    slot.pause();
    expect(slot.isPaused()).toBe(true);
    await expect(JobEngine.start({ home, createGraph: noGraph })).rejects.toMatchObject({ code: 'scheduler-running' });
  });

  it('opens as an observer when `delegate daemon` already runs the schedule, and refuses to pause it', async () => {
    await daemon();
    const slot = await open();
    expect(slot.mode.kind).toBe('observer');
    expect(slot.mode.kind === 'observer' && slot.mode.reason).toMatch(/Another Delegate scheduler is already running/);
    expect(slot.jobs().jobs.map((job) => job.id)).toEqual(['whoami']);
    expect(() => slot.pause()).toThrow(expect.objectContaining({ code: 'scheduler-running' }));
    expect(slot.isPaused()).toBe(false);
  });

  it('announces the runs the daemon finishes, read from the history', async () => {
    const engine = await daemon();
    const slot = await open();
    const seen: RunEvent[] = [];
    slot.events.on((event) => seen.push(event));
    const finished = await engine.runNow('whoami');
    await until(() => seen.some((event) => event.type === 'run-finished'), 'the daemon\'s run to be noticed');
    expect(seen.filter((event) => event.type === 'run-finished').map((event) => event.run.id)).toEqual([finished.id]);
  });

  it('still runs a job now while observing, announcing it once', async () => {
    await daemon();
    const slot = await open();
    const seen: RunEvent[] = [];
    slot.events.on((event) => seen.push(event));
    const manual = await slot.runNow('whoami');
    expect(manual).toMatchObject({ jobId: 'whoami', trigger: 'manual' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.filter((event) => event.type === 'run-finished').map((event) => event.run.id)).toEqual([manual.id]);
    expect(slot.history.getRun(manual.id)?.status).toBe(manual.status);
  });

  it('takes the schedule over once the daemon stops', async () => {
    const engine = await daemon();
    const slot = await open();
    const modes: SchedulerMode[] = [];
    slot.onModeChange((mode) => modes.push(mode));
    await slot.tryTakeOver();
    expect(slot.mode.kind).toBe('observer');
    await engine.stop(0);
    await slot.tryTakeOver();
    expect(slot.mode).toEqual({ kind: 'scheduler' });
    expect(modes).toEqual([{ kind: 'scheduler' }]);
    slot.pause();
    expect(slot.isPaused()).toBe(true);
  });

  it('watching the daemon, a broken jobs file shows only its error and the jobs the daemon still runs, announced as a reload', async () => {
    const engine = await daemon();
    const slot = await open();
    const reloads: LoadedJobs[] = [];
    slot.onReload((loaded) => reloads.push(loaded));
    writeFileSync(join(home, 'jobs.yaml'), 'jobs:\n  - id: [broken\n');
    await until(() => reloads.some((loaded) => loaded.fileError !== undefined), 'the observer to see the broken file');
    const seen = slot.jobs();
    expect(seen.problems).toEqual([]);
    expect(seen.jobs.map((job) => job.id)).toEqual(['whoami']);
    expect(seen.scheduledFrom).toEqual({ version: expect.any(String), loadedAt: expect.any(String) });
    // The same truth as the daemon's own engine: the same jobs still scheduled, from the same version.
    await until(() => engine.jobs().fileError !== undefined, 'the daemon to see the broken file');
    expect(engine.jobs().jobs.map((job) => job.id)).toEqual(['whoami']);
    expect(seen.scheduledFrom?.version).toBe(engine.jobs().scheduledFrom?.version);
    expect(seen.version).toBe(engine.jobs().version);
  });

  it('taking the schedule over announces the jobs it now runs', async () => {
    const engine = await daemon();
    const slot = await open();
    const reloads: LoadedJobs[] = [];
    slot.onReload((loaded) => reloads.push(loaded));
    await engine.stop(0);
    await slot.tryTakeOver();
    expect(slot.mode).toEqual({ kind: 'scheduler' });
    expect(reloads.at(-1)?.jobs.map((job) => job.id)).toEqual(['whoami']);
    // From now on the app's own engine announces its reloads.
    const before = reloads.length;
    slot.reload();
    expect(reloads.length).toBe(before + 1);
  });

  it('throws any other reason the engine cannot start', async () => {
    await expect(SchedulerSlot.open({ home, createGraph: noGraph, startEngine: () => Promise.reject(new Error('disk full')) })).rejects.toThrow('disk full');
  });
});

/**
 * Hostile machine: damaged state files (a disk fault, a power cut, a bad hand edit) are moved aside — never
 * deleted, never silently reset — a fresh one is started, Delegate says so, and jobs keep running. Each case
 * proves nothing was lost: the damaged bytes are still there, byte for byte, beside the fresh file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBridge, type Bridge } from '../e2e/bridge/bridge-server.js';
import { launchChromium, openAppWindow } from '../e2e/support/browser.js';
import { onDamagedFile, type DamagedFile } from '../../electron/core/fs/damaged-file.js';
import { fileNotificationStore, notificationsPath } from '../../electron/core/notifications/notification-state.js';
import { readDownloadRecord } from '../../electron/core/graph/download-state.js';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { until } from '../support/until.js';
import type { JobRun } from '../../shared/models/job-run.js';

const setup = useEmulatorHome({ signedIn: true });
const historyFile = () => join(setup.home, 'history.sqlite');
const WHOAMI = { id: 'whoami', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', method: 'GET', path: '/me' } };
const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Files beside `file` that keep its damaged bytes. */
function keptBeside(file: string): string[] {
  const folder = join(file, '..');
  const name = file.slice(folder.length + 1);
  return readdirSync(folder)
    .filter((entry) => entry.startsWith(`${name}.damaged-`) && !entry.endsWith('-wal') && !entry.endsWith('-shm'))
    .map((entry) => join(folder, entry));
}

async function historyRuns(): Promise<JobRun[]> {
  const result = await runCli(['history', '--json', '--limit', '1000'], { home: setup.home });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JobRun[];
}

describe('a damaged run history', () => {
  beforeEach(() => writeJobs(setup.home, [WHOAMI]));

  it('history.sqlite filled with random bytes: `delegate run` succeeds, `delegate history` shows that run, and the damaged file is still there beside it', async () => {
    const garbage = randomBytes(64 * 1024);
    writeFileSync(historyFile(), garbage);
    const { result, run } = await runJob(setup.home, 'whoami');
    expect(result.code).toBe(0);
    expect(run.status).toBe('succeeded');
    // The command that found it says so, once, with where the old file is.
    const [kept] = keptBeside(historyFile());
    expect(kept).toBeDefined();
    expect(result.stderr).toContain(`The run history ${historyFile()} was damaged`);
    expect(result.stderr).toContain(kept);
    expect(readFileSync(kept as string)).toEqual(garbage);

    const history = await runCli(['history', '--json'], { home: setup.home });
    expect(JSON.parse(history.stdout)).toMatchObject([{ id: run.id, jobId: 'whoami', status: 'succeeded' }]);
    expect(history.stderr).toBe(''); // said once, by the command that found it
    const status = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(status.stdout).toContain(`Note: history.sqlite was damaged`);
    expect(status.stdout).toContain(kept);
    const json = JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout);
    expect(json.damagedFiles).toMatchObject([{ file: historyFile(), keptAs: kept }]);
  });

  it('a truncated history is kept aside as it was, with its runs, and new runs are recorded in a fresh one', async () => {
    for (let i = 0; i < 3; i++) expect((await runJob(setup.home, 'whoami')).run.status).toBe('succeeded');
    // Cut the file in the middle of its pages, as a power cut during a copy would.
    truncateSync(historyFile(), Math.floor(statSync(historyFile()).size / 2));
    const truncated = readFileSync(historyFile());
    const { result, run } = await runJob(setup.home, 'whoami');
    expect(run.status).toBe('succeeded');
    const [kept] = keptBeside(historyFile());
    expect(result.stderr).toContain('was damaged');
    expect(readFileSync(kept as string)).toEqual(truncated);
    expect((await historyRuns()).map((row) => row.id)).toEqual([run.id]);
  });

  it('a -wal full of garbage is kept aside and every run already in the history is still there', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await runJob(setup.home, 'whoami')).run.id);
    const garbage = randomBytes(8 * 1024);
    writeFileSync(`${historyFile()}-wal`, garbage);
    const runs = await historyRuns();
    expect(runs.map((row) => row.id).sort()).toEqual([...ids].sort());
    const [kept] = keptBeside(`${historyFile()}-wal`);
    expect(readFileSync(kept as string)).toEqual(garbage);
    expect((await runJob(setup.home, 'whoami')).run.status).toBe('succeeded');
    expect(await historyRuns()).toHaveLength(4);
  });

  it('the daemon starts on a damaged history, logs it once, and its scheduled runs are recorded', async () => {
    writeJobs(setup.home, [{ ...WHOAMI, schedule: '*/2 * * * * *', catchUp: 'none' }]);
    const garbage = randomBytes(4096);
    writeFileSync(historyFile(), garbage);
    const daemon = startCli(['daemon', '--grace', '1'], { home: setup.home });
    try {
      // Only the daemon touches the history until it runs (a `delegate history` now would find the damage first).
      await until('the daemon to start', () => (/daemon started/.test(daemon.stdoutText()) ? true : undefined), 30_000);
      await until('a scheduled run', async () => ((await historyRuns()).some((run) => run.status === 'succeeded') ? true : undefined), 30_000);
      const log = daemon.stdoutText();
      expect(log.match(/damaged file kept aside: The run history/g)).toHaveLength(1);
      expect(readFileSync(keptBeside(historyFile())[0] as string)).toEqual(garbage);
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.done;
    }
  });
});

describe('the window on a damaged history', () => {
  let bridge: Bridge | undefined;
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    await bridge?.close();
    bridge = undefined;
    browser = undefined;
  });

  it('the app starts on a history.sqlite of random bytes and the window shows the notice, with jobs still running', async () => {
    writeJobs(setup.home, [WHOAMI]);
    const garbage = randomBytes(32 * 1024);
    writeFileSync(historyFile(), garbage);
    bridge = await startBridge({ home: setup.home });
    const state = bridge.service.state('emu');
    expect(state.damagedFiles).toMatchObject([{ file: historyFile() }]);
    expect(readFileSync(state.damagedFiles?.[0]?.keptAs as string)).toEqual(garbage);
    expect((await bridge.service.runNow('whoami')).status).toBe('succeeded');

    browser = await launchChromium();
    const appWindow = await openAppWindow(browser, bridge);
    const notice = appWindow.page.getByRole('status').filter({ hasText: 'A damaged file was kept aside' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('history.sqlite was damaged');
    expect(await notice.textContent()).toContain(state.damagedFiles?.[0]?.keptAs);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await appWindow.page.screenshot({ path: join(SCREENSHOT_DIR, 'hostile-damaged-history.png') });
    expect(appWindow.problems).toEqual([]);
    await appWindow.close();
  });
});

describe('other damaged state files', () => {
  let dir: string;
  let reports: DamagedFile[];
  let stop: () => void;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'delegate-damaged-'));
    reports = [];
    stop = onDamagedFile((report) => reports.push(report));
  });
  afterEach(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a damaged notifications.json is kept aside and reported, not silently reset', () => {
    writeFileSync(notificationsPath(dir), '{"version":1,"profiles":{"work":{"warned":[14,7');
    const store = fileNotificationStore(dir);
    expect(store.load()).toEqual({ version: 1, profiles: {}, lastRunId: 0 });
    expect(reports).toHaveLength(1);
    expect(readFileSync(reports[0]?.keptAs as string, 'utf8')).toBe('{"version":1,"profiles":{"work":{"warned":[14,7');
    store.save({ version: 1, profiles: {}, lastRunId: 5 });
    expect(existsSync(reports[0]?.keptAs as string)).toBe(true);
  });

  it('a damaged download record is kept aside and the file is simply downloaded again', async () => {
    const record = join(dir, 'state', 'downloads', 'abc.json');
    mkdirSync(join(dir, 'state', 'downloads'), { recursive: true });
    writeFileSync(record, '\u0000\u0001 not json');
    expect(await readDownloadRecord(record)).toBeUndefined();
    expect(reports).toMatchObject([{ file: record }]);
    expect(readFileSync(reports[0]?.keptAs as string, 'utf8')).toBe('\u0000\u0001 not json');
    expect(await readDownloadRecord(join(dir, 'state', 'downloads', 'missing.json'))).toBeUndefined();
    expect(reports).toHaveLength(1); // a record that does not exist yet is not damage
  });

  it("a damaged profile meta.json is kept aside and `delegate status` says so, instead of quietly showing 'signed out'", async () => {
    const meta = join(setup.home, 'profiles', 'emu', 'meta.json');
    const damaged = `${readFileSync(meta, 'utf8').slice(0, 40)}\u0000\u0000`;
    writeFileSync(meta, damaged);
    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'signed-out', damagedFiles: [{ file: meta }] });
    expect(status.stderr).toContain(`The profile's sign-in record ${meta} was damaged`);
    const [kept] = keptBeside(meta);
    expect(readFileSync(kept as string, 'utf8')).toBe(damaged);
    // Signing in again writes a fresh record and leaves the kept one alone.
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    expect(JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout).status).toBe('ok');
    expect(readFileSync(kept as string, 'utf8')).toBe(damaged);
  });
});


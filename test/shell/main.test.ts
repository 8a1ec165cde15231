import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepDamagedFile } from '../../electron/core/fs/damaged-file.js';
import { AppEvents } from '../../electron/core/app/app-events.js';
import { RunEvents } from '../../electron/core/jobs/run-events.js';
import { QUIT_GRACE_MS, SHUTDOWN_GRACE_MS, WAKE_PROBE_DELAY_MS, startDelegateApp, type DelegateApp, type DelegateAppOptions } from '../../electron/shell/main.js';
import type { AppPlatform, AppService } from '../../electron/core/app/app-service.js';
import type { SchedulerMode, SchedulerSlot } from '../../electron/shell/scheduler-slot.js';
import type { ProfileHealth } from '../../shared/models/health.js';
import { health, run } from './support/fixtures.js';
import { makeHome } from '../support/test-home.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

const BUNDLE = '/opt/Delegate/dist/shell';
const INDEX = 'file:///opt/Delegate/dist/renderer/index.html';

let home: { home: string; cleanup: () => void };
let healths: ProfileHealth[];
let mode: SchedulerMode;
let slot: ReturnType<typeof fakeSlot>;
let service: ReturnType<typeof fakeService>;
let platform: AppPlatform | undefined;
let started: DelegateApp | null;

function fakeSlot() {
  return {
    events: new RunEvents(),
    get mode() {
      return mode;
    },
    onModeChange: vi.fn(() => () => undefined),
    jobs: () => ({ path: '', exists: true, problems: [], jobs: [{ id: 'nightly-etl', name: 'Nightly ETL', notify: 'failure', retries: { attempts: 0, backoffSeconds: 60 } }] }),
    isPaused: () => false,
    wake: vi.fn(),
    stop: vi.fn(() => Promise.resolve()),
  };
}

function fakeService() {
  return {
    events: new AppEvents(),
    allHealth: vi.fn(() => healths),
    jobs: vi.fn(() => ({ path: '', jobs: [], problems: [], fileError: null })),
    setProfile: vi.fn(),
    runNow: vi.fn(() => Promise.resolve(run('nightly-etl', 'succeeded'))),
    setPaused: vi.fn(),
    probe: vi.fn((profile: string) => Promise.resolve(health(profile, 'ok'))),
    dispose: vi.fn(),
  };
}

async function start(overrides: Partial<DelegateAppOptions> = {}): Promise<DelegateApp | null> {
  started = await startDelegateApp({
    env: { DELEGATE_HOME: home.home },
    platform: 'linux',
    argv: ['electron', '.'],
    bundleDir: BUNDLE,
    log: () => undefined,
    openSlot: () => Promise.resolve(slot as unknown as SchedulerSlot),
    createService: (options) => {
      platform = options.platform;
      return service as unknown as AppService;
    },
    ...overrides,
  });
  return started;
}

const window = () => fake.BrowserWindow.instances[0] as fake.BrowserWindow;
const tray = () => fake.Tray.instances[0] as fake.Tray;
const flush = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  fake.resetFakeElectron();
  home = makeHome();
  healths = [health('work', 'ok')];
  mode = { kind: 'scheduler' };
  slot = fakeSlot();
  service = fakeService();
  platform = undefined;
  started = null;
});

afterEach(async () => {
  vi.useRealTimers();
  await started?.shutdown(0);
  home.cleanup();
});

describe('starting the app', () => {
  it('uses DELEGATE_HOME as the home and as Electron\'s userData, so the single-instance lock is per home', async () => {
    await start();
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', home.home);
    expect(fake.app.setPath).toHaveBeenCalledWith('sessionData', `${home.home}/Chromium`);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
  });

  it('uses <appData>/Delegate without DELEGATE_HOME, the folder the CLI uses', async () => {
    fake.app.paths.set('appData', home.home);
    await start({ env: {} });
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', `${home.home}/Delegate`);
  });

  it('sets the AppUserModelId on Windows, which notifications need', async () => {
    await start({ platform: 'win32' });
    expect(fake.app.setAppUserModelId).toHaveBeenCalledWith('com.delegate.app');
  });

  it('quits at once when another instance runs for this home, without starting a scheduler', async () => {
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    const openSlot = vi.fn();
    expect(await start({ openSlot })).toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(openSlot).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('brings the window forward when a second instance starts', async () => {
    await start({ argv: ['electron', '.', '--hidden'] });
    window().emit('ready-to-show');
    expect(window().show).not.toHaveBeenCalled();
    fake.app.emit('second-instance');
    expect(window().show).toHaveBeenCalled();
  });

  it('reports an engine that cannot start in a dialog, and exits', async () => {
    await start({ openSlot: () => Promise.reject(new Error('history.sqlite is damaged')) });
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Delegate cannot start', expect.stringContaining('history.sqlite is damaged'));
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('says once, in a notification, when `delegate daemon` already runs the schedule, and the tray says so too', async () => {
    mode = { kind: 'observer', reason: 'Another Delegate scheduler is already running for /home (process 4242: the Delegate app or `delegate daemon`).' };
    await start();
    expect(fake.Notification.instances.map((notification) => notification.options.title)).toEqual(['Delegate: the schedule runs in another process']);
    expect(tray().tooltip).toContain('schedule run by another Delegate process');
  });

  it('announces once, in a notification, a damaged history the scheduler kept aside while starting', async () => {
    const history = join(home.home, 'history.sqlite');
    writeFileSync(history, 'not a database');
    await start({
      openSlot: () => {
        keepDamagedFile(history, { what: 'The run history', reason: 'file is not a database', consequence: 'started a new, empty history' });
        return Promise.resolve(slot as unknown as SchedulerSlot);
      },
    });
    const titles = fake.Notification.instances.map((notification) => notification.options.title);
    expect(titles).toEqual(['Delegate: a damaged file was kept aside']);
    expect(fake.Notification.instances[0]?.options.body).toContain('history.sqlite');
    const kept = readdirSync(home.home).filter((name) => name.startsWith('history.sqlite.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(home.home, kept[0] as string), 'utf8')).toBe('not a database');
  });

  it('a history damaged again on every run is announced in one notification, not one per run; every kept copy stays', async () => {
    await start();
    const history = join(home.home, 'history.sqlite');
    for (let n = 0; n < 3; n++) {
      writeFileSync(history, `not a database ${n}`);
      keepDamagedFile(history, { what: 'The run history', reason: 'file is not a database', consequence: 'started a new, empty history' });
    }
    const titles = fake.Notification.instances.map((notification) => notification.options.title);
    expect(titles).toEqual(['Delegate: a damaged file was kept aside']);
    expect(readdirSync(home.home).filter((name) => name.startsWith('history.sqlite.damaged-'))).toHaveLength(3);
  });

  it('shows the tray in the health colour', async () => {
    healths = [health('work', 'expired')];
    await start();
    expect(tray().image).toEqual({ path: `${BUNDLE}/tray/tray-error-dark-22.png` });
    expect(tray().tooltip).toBe('Delegate — work: sign-in required');
  });
});

describe('the platform effects the app service gets', () => {
  it('open only https or loopback pages in the browser', async () => {
    await start();
    await platform?.openExternal('https://microsoft.com/devicelogin');
    await platform?.openExternal('http://127.0.0.1:53123/');
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://microsoft.com/devicelogin'], ['http://127.0.0.1:53123/']]);
    for (const url of ['file:///etc/passwd', 'ms-settings:privacy', 'http://evil.example/', 'https://user:pass@login.microsoftonline.com/', 'not a url']) {
      await expect(platform?.openExternal(url), url).rejects.toMatchObject({ code: 'invalid-input' });
    }
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(2);
  });

  it('copy the code with the clipboard and set launch at login on macOS and Windows', async () => {
    await start({ platform: 'win32' });
    platform?.copyText('ABCD-1234');
    expect(fake.clipboard.writeText).toHaveBeenCalledWith('ABCD-1234');
    platform?.launchAtLogin.set(true);
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledWith(expect.objectContaining({ openAtLogin: true, args: ['/app', '--hidden'] }));
    expect(platform?.launchAtLogin.get()).toBe(true);
  });
});

describe('the tray and notifications in the app', () => {
  it('opens the re-auth dialog for the expired profile from Sign in again…', async () => {
    healths = [health('home', 'ok'), health('work', 'expired')];
    await start();
    window().webContents.finishLoad(INDEX);
    const signIn = tray().menu?.template.find((item) => item.label === 'Sign in again…');
    signIn?.click?.();
    expect(service.setProfile).toHaveBeenCalledWith('work');
    expect(window().show).toHaveBeenCalled();
    expect(window().webContents.sent).toContainEqual({ channel: 'app:navigate', payload: { view: 'reauth' } });
  });

  it('runs a job from Run now ▸ through the app service', async () => {
    service.jobs.mockReturnValue({ path: '', jobs: [{ id: 'nightly-etl', name: 'Nightly ETL', running: false, lastRun: null }], problems: [], fileError: null } as never);
    await start();
    const runNow = tray().menu?.template.find((item) => item.label === 'Run now');
    runNow?.submenu?.[0]?.click?.();
    expect(service.runNow).toHaveBeenCalledWith('nightly-etl');
  });

  it('follows the jobs file at once: a jobs:changed from a reload rebuilds the tray without the window open', async () => {
    await start({ argv: ['electron', '.', '--hidden'] });
    expect(tray().tooltip).not.toMatch(/jobs\.yaml/);
    service.jobs.mockReturnValue({ path: '', jobs: [{ id: 'nightly-etl', name: 'Nightly ETL', running: false, lastRun: null }], problems: [], fileError: { severity: 'error', path: '', message: 'not valid YAML' } } as never);
    service.events.emit('jobs:changed', service.jobs() as never);
    await vi.waitFor(() => expect(tray().tooltip).toMatch(/jobs\.yaml cannot be read/));
    expect(tray().menu?.template.find((item) => item.label === 'Run now')?.submenu?.map((item) => item.label)).toEqual(['Nightly ETL']);
  });

  it('notifies an expired sign-in, and a click opens the re-auth dialog once the page has loaded', async () => {
    healths = [health('work', 'expired')];
    await start({ argv: ['electron', '.', '--hidden'] });
    // Expiry notices go through the sign-in keeper, which records them in notifications.json first.
    await vi.waitFor(() => expect(fake.Notification.instances.some((candidate) => candidate.options.title === 'work: sign in again')).toBe(true));
    const notification = fake.Notification.instances.find((candidate) => candidate.options.title === 'work: sign in again');
    expect(notification?.shown).toBe(true);
    notification?.emit('click');
    expect(service.setProfile).toHaveBeenCalledWith('work');
    expect(window().show).toHaveBeenCalled();
    window().webContents.finishLoad(INDEX);
    expect(window().webContents.sent).toContainEqual({ channel: 'app:navigate', payload: { view: 'reauth' } });
  });

  it('notifies a failed run, and a click opens History at that run', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-21T02:01:00Z') });
    await start();
    window().webContents.finishLoad(INDEX);
    const failed = run('nightly-etl', 'failed', { endedAt: '2026-11-21T02:00:30.000Z' });
    slot.events.emit({ type: 'run-finished', run: failed });
    await vi.advanceTimersByTimeAsync(30_000);
    const notification = fake.Notification.instances.find((candidate) => candidate.options.title.startsWith('Nightly ETL failed'));
    expect(notification).toBeDefined();
    notification?.emit('click');
    expect(window().webContents.sent).toContainEqual({ channel: 'app:navigate', payload: { view: 'history', runId: failed.id, jobId: 'nightly-etl' } });
  });
});

describe('the command line tool from the tray (AppImage)', () => {
  const install = () => tray().menu?.template.find((item) => item.label === 'Install command line tool…');

  it('writes ~/.local/bin/delegate for the AppImage and says where it is and that the folder is not on PATH yet', async () => {
    fake.app.isPackaged = true;
    await start({ env: { DELEGATE_HOME: home.home, APPIMAGE: '/home/me/Delegate.AppImage', PATH: '/usr/bin:/bin' }, homeDir: home.home });
    install()?.click?.();
    await flush();
    const script = join(home.home, '.local', 'bin', 'delegate');
    expect(readFileSync(script, 'utf8')).toContain(`exec '/home/me/Delegate.AppImage' --delegate-cli -- "$@"`);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ type: 'info', message: 'The delegate command is installed', detail: expect.stringContaining('is not on your PATH yet') }));
  });

  it('shows what happened and what to do when a delegate that is not Delegate\'s is in the way, and leaves it', async () => {
    fake.app.isPackaged = true;
    const script = join(home.home, '.local', 'bin', 'delegate');
    mkdirSync(join(script, '..'), { recursive: true });
    writeFileSync(script, '#!/bin/sh\necho mine\n');
    await start({ env: { DELEGATE_HOME: home.home, APPIMAGE: '/home/me/Delegate.AppImage' }, homeDir: home.home });
    install()?.click?.();
    await flush();
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: expect.stringContaining('that is not the Delegate app\'s'), detail: expect.stringMatching(/^What to do: Remove or rename/) }));
    expect(readFileSync(script, 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });

  it('is not offered where an installer put delegate on PATH (deb, Windows) or in a checkout', async () => {
    await start({ env: { DELEGATE_HOME: home.home, APPIMAGE: '/home/me/Delegate.AppImage' }, homeDir: home.home });
    expect(install()).toBeUndefined();
    await started?.shutdown(0);
    fake.resetFakeElectron();
    fake.app.isPackaged = true;
    await start({ platform: 'win32', homeDir: home.home });
    expect(install()).toBeUndefined();
  });
});

describe('sleep, wake and quitting', () => {
  it('wakes the engine and probes the signed-in profiles after resume and unlock', async () => {
    vi.useFakeTimers();
    healths = [health('work', 'ok'), health('spare', 'signed-out')];
    await start();
    fake.powerMonitor.emit('resume');
    fake.powerMonitor.emit('unlock-screen');
    expect(slot.wake).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(WAKE_PROBE_DELAY_MS);
    expect(service.probe.mock.calls).toEqual([['work']]);
  });

  it('stops the engine with the quit grace period on Quit, then destroys the tray and the window', async () => {
    await start();
    fake.app.quit();
    expect(slot.stop).toHaveBeenCalledWith(QUIT_GRACE_MS);
    await flush();
    expect(tray().destroyed).toBe(true);
    expect(window().destroyed).toBe(true);
    expect(service.dispose).toHaveBeenCalled();
    expect(fake.app.quit).toHaveBeenCalledTimes(2);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('quits from the tray menu the same way', async () => {
    await start();
    tray().menu?.template.find((item) => item.label === 'Quit')?.click?.();
    await flush();
    expect(slot.stop).toHaveBeenCalledOnce();
    expect(window().destroyed).toBe(true);
  });

  it('delays an OS shutdown only for a short grace period', async () => {
    await start();
    const event = new fake.FakeEvent();
    fake.powerMonitor.emit('shutdown', event);
    expect(event.defaultPrevented).toBe(true);
    expect(slot.stop).toHaveBeenCalledWith(SHUTDOWN_GRACE_MS);
  });

  it('hides the window on close instead of quitting', async () => {
    await start();
    expect(window().close().defaultPrevented).toBe(true);
    expect(slot.stop).not.toHaveBeenCalled();
  });

  it('stops the engine only once when quit is asked twice', async () => {
    await start();
    fake.app.emit('before-quit', new fake.FakeEvent());
    fake.app.emit('before-quit', new fake.FakeEvent());
    await flush();
    expect(slot.stop).toHaveBeenCalledOnce();
  });
});


describe('the app log file', () => {
  const entries = () =>
    readFileSync(join(home.home, 'logs', 'app.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes app.log: its start, the runs it ran with their request ids, the notifications it showed, and its stop', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-21T02:01:00Z') });
    await start();
    const failed = run('nightly-etl', 'failed', {
      endedAt: '2026-11-21T02:00:30.000Z',
      error: { code: 'ErrorAccessDenied', message: 'Microsoft Graph refused GET /me (HTTP 403).', httpStatus: 403, graphRequestId: 'req-1', graphClientRequestId: 'client-1' },
    });
    slot.events.emit({ type: 'run-started', run: { ...failed, status: 'running', endedAt: null, error: null } });
    slot.events.emit({ type: 'run-finished', run: failed });
    await vi.advanceTimersByTimeAsync(30_000);
    vi.useRealTimers();
    await started?.shutdown(0);
    const lines = entries();
    expect(lines[0]).toMatchObject({ source: 'app', level: 'info', event: 'app-started', message: expect.stringContaining(`starting for ${home.home}`) as unknown });
    expect(lines).toContainEqual(expect.objectContaining({ event: 'run-started', runId: failed.id, jobId: 'nightly-etl' }));
    expect(lines).toContainEqual(
      expect.objectContaining({ event: 'run-finished', level: 'error', runId: failed.id, status: 'failed', durationMs: 30_000, errorCode: 'ErrorAccessDenied', requestId: 'req-1', clientRequestId: 'client-1' }),
    );
    expect(lines.find((line) => line.event === 'run-finished')?.message).toContain('[HTTP 403, request-id req-1, client-request-id client-1]');
    expect(lines).toContainEqual(expect.objectContaining({ event: 'notification', kind: 'runs-failed' }));
    expect(lines.at(-1)).toMatchObject({ event: 'app-stopped' });
  });

  it("watching a daemon's schedule, logs the runs it starts itself but not the daemon's scheduled runs (daemon.log has them)", async () => {
    mode = { kind: 'observer', reason: 'Another Delegate scheduler is already running.' };
    await start();
    const theirs = run('nightly-etl', 'succeeded', { trigger: 'schedule' });
    const ours = run('nightly-etl', 'succeeded', { trigger: 'manual' });
    slot.events.emit({ type: 'run-finished', run: theirs });
    slot.events.emit({ type: 'run-finished', run: ours });
    const runIds = entries()
      .filter((line) => line.event === 'run-finished')
      .map((line) => line.runId);
    expect(runIds).toEqual([ours.id]);
  });

  it('records a damaged file kept aside and a stale lock taken over', async () => {
    await start();
    writeFileSync(join(home.home, 'notifications.json'), '{');
    keepDamagedFile(join(home.home, 'notifications.json'), { what: 'The notification record', reason: 'not JSON', consequence: 'a new one was started' });
    const lock = join(home.home, 'x.lock');
    writeFileSync(lock, 'garbage that is no lock');
    const { acquireLock } = await import('../../electron/core/fs/file-lock.js');
    (await acquireLock(lock, { timeoutMs: 0 }))();
    const lines = entries();
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'damaged-file', file: join(home.home, 'notifications.json') }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'lock-recovered', lock, message: expect.stringContaining('did not hold a lock Delegate wrote') as unknown }));
  });

  it("the window's file fields open the OS dialog attached to the window, and answer what the person picked", async () => {
    await start();
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/adele/ca.pem'] });
    expect(await platform?.pickPaths?.('ca-file', '/home/adele')).toEqual(['/home/adele/ca.pem']);
    expect(fake.dialog.showOpenDialog).toHaveBeenLastCalledWith(window(), expect.objectContaining({ defaultPath: '/home/adele', properties: ['openFile'] }));
  });

  it('opens the logs folder with the OS, and says so plainly when the OS could not', async () => {
    await start();
    await platform?.openFolder(join(home.home, 'logs'));
    expect(fake.shell.openPath).toHaveBeenCalledWith(join(home.home, 'logs'));
    fake.shell.openPath.mockResolvedValueOnce('No application is registered for folders');
    await expect(platform?.openFolder(join(home.home, 'logs'))).rejects.toMatchObject({
      code: 'file-access',
      message: expect.stringContaining('could not be opened: No application is registered for folders') as unknown,
    });
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { trayModel, type TrayInput, type TrayMenuItem } from '../../electron/core/app/tray-model.js';
import { trayIconFile } from '../../electron/shell/tray-icons.js';
import { DelegateTray, type TrayHandlers } from '../../electron/shell/tray.js';
import { NOW, health, job, run } from './support/fixtures.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

const format = { locale: 'en-GB', timeZone: 'UTC' };
const model = (input: Partial<TrayInput>) => trayModel({ profiles: [], jobs: [], paused: false, now: NOW, format, ...input });
const labels = (items: readonly TrayMenuItem[]) => items.filter((item) => item.kind !== 'separator').map((item) => item.label);

describe('the tray icon and tooltip', () => {
  it('are green and give the days left when every profile is ok', () => {
    const tray = model({ profiles: [health('work', 'ok')] });
    expect(tray.state).toBe('ok');
    expect(tray.tooltip).toBe('Delegate — work: 60 days left');
    expect(tray.statusLine).toBe('All good · work: 60 days left');
  });

  it('are amber with the days left when a sign-in expires soon', () => {
    const tray = model({ profiles: [health('work', 'warning')] });
    expect(tray.state).toBe('warning');
    expect(tray.tooltip).toBe('Delegate — work: 6 days left');
    expect(tray.statusLine).toBe('work: 6 days left');
  });

  it('are amber and name the job when the last run failed, as in "work: 6 days left; nightly-etl failed at 02:00"', () => {
    const failed = job('nightly-etl', { lastRun: run('nightly-etl', 'failed') });
    expect(model({ profiles: [health('work', 'ok')], jobs: [failed, job('report', { lastRun: run('report', 'succeeded') })] }).state).toBe('warning');
    const tray = model({ profiles: [health('work', 'warning')], jobs: [failed] });
    expect(tray.tooltip).toBe('Delegate — work: 6 days left; nightly-etl failed at 02:00');
  });

  it('are amber and say so when jobs.yaml cannot be read (the jobs from before keep running; an edit does not take effect)', () => {
    const tray = model({ profiles: [health('work', 'ok')], jobs: [job('nightly-etl')], jobsFileBroken: true });
    expect(tray.state).toBe('warning');
    expect(tray.tooltip).toBe('Delegate — work: 60 days left; jobs.yaml cannot be read');
    expect(tray.statusLine).toBe('jobs.yaml cannot be read');
    expect(model({ profiles: [health('work', 'ok')], jobs: [job('nightly-etl')], jobsFileBroken: false }).state).toBe('ok');
  });

  it('count several failed jobs in one phrase', () => {
    const tray = model({ profiles: [health('work', 'ok')], jobs: [job('a', { lastRun: run('a', 'failed') }), job('b', { lastRun: run('b', 'timed-out') })] });
    expect(tray.tooltip).toBe('Delegate — work: 60 days left; 2 jobs failed: a, b');
    expect(tray.statusLine).toBe('2 jobs failed: a, b');
  });

  it('are red when a sign-in has expired, whatever the other profiles say', () => {
    const tray = model({ profiles: [health('home', 'ok'), health('work', 'expired')] });
    expect(tray.state).toBe('error');
    expect(tray.tooltip).toBe('Delegate — work: sign-in required; home: 60 days left');
    expect(tray.statusLine).toBe('Sign in again: work');
  });

  it('are red when policy blocks the sign-in', () => {
    const tray = model({ profiles: [health('work', 'blocked')] });
    expect(tray.state).toBe('error');
    expect(tray.tooltip).toBe('Delegate — work: sign-in blocked by policy');
    expect(tray.statusLine).toBe('Sign-in blocked: work');
  });

  it('are grey when nobody is signed in, or there is no profile yet', () => {
    expect(model({ profiles: [health('work', 'signed-out')] })).toMatchObject({ state: 'signed-out', tooltip: 'Delegate — work: signed out', statusLine: 'Not signed in' });
    expect(model({ profiles: [] })).toMatchObject({ state: 'signed-out', tooltip: 'Delegate — not signed in' });
  });

  it('leave a signed-out spare profile out when another one is signed in', () => {
    expect(model({ profiles: [health('spare', 'signed-out'), health('work', 'ok')] })).toMatchObject({ state: 'ok', tooltip: 'Delegate — work: 60 days left' });
  });

  it('say when the schedule is paused or run by another process, within the 127 characters Windows shows', () => {
    expect(model({ profiles: [health('work', 'ok')], paused: true }).tooltip).toBe('Delegate — work: 60 days left; schedule paused');
    expect(model({ profiles: [health('work', 'ok')], scheduleElsewhere: 'another Delegate process' }).tooltip).toContain('schedule run by another Delegate process');
    const many = Array.from({ length: 12 }, (_, index) => health(`profile-${index}`, 'warning'));
    const tooltip = model({ profiles: many }).tooltip;
    expect(tooltip.length).toBeLessThanOrEqual(127);
    expect(tooltip.endsWith('…')).toBe(true);
  });

  it('pick the file drawn for the platform and menu bar', () => {
    expect(trayIconFile('ok', { platform: 'darwin', darkMenuBar: true })).toBe('tray-ok-16Template.png');
    expect(trayIconFile('error', { platform: 'darwin', darkMenuBar: true })).toBe('tray-error-dark-16.png');
    expect(trayIconFile('warning', { platform: 'win32', darkMenuBar: false })).toBe('tray-warning-light-16.png');
    expect(trayIconFile('signed-out', { platform: 'linux', darkMenuBar: false })).toBe('tray-signed-out-dark-22.png');
  });
});

describe('the tray menu', () => {
  it('has a status line, Sign in again…, Run now ▸ with each job, Pause schedule, Open Delegate and Quit', () => {
    const tray = model({ profiles: [health('work', 'warning')], jobs: [job('nightly-etl'), job('report', { name: 'Daily report', running: true })] });
    expect(labels(tray.menu)).toEqual(['work: 6 days left', 'Sign in again…', 'Run now', 'Pause schedule', 'Open Delegate', 'Quit']);
    expect(tray.menu[0]).toMatchObject({ enabled: false });
    const runNow = tray.menu.find((item) => item.label === 'Run now');
    expect(runNow?.submenu?.map((item) => [item.label, item.enabled])).toEqual([
      ['nightly-etl', true],
      ['Daily report (running)', false],
    ]);
  });

  it('signs in again the profile that needs it', () => {
    const tray = model({ profiles: [health('home', 'ok'), health('work', 'expired')] });
    expect(tray.menu.find((item) => item.label === 'Sign in again…')?.action).toEqual({ type: 'sign-in', profile: 'work' });
  });

  it('greys out Pause when another process runs the schedule', () => {
    const tray = model({ profiles: [health('work', 'ok')], scheduleElsewhere: 'another Delegate process' });
    expect(tray.menu.find((item) => item.kind === 'checkbox')).toMatchObject({ enabled: false, checked: false });
  });
});

describe('the tray in Electron', () => {
  let handlers: { [K in keyof TrayHandlers]: ReturnType<typeof vi.fn> };
  let tray: DelegateTray;

  beforeEach(() => {
    fake.resetFakeElectron();
    handlers = { signIn: vi.fn(), runNow: vi.fn(), setPaused: vi.fn(), open: vi.fn(), installCommandLineTool: vi.fn(), quit: vi.fn() };
    tray = new DelegateTray('/icons', handlers as unknown as TrayHandlers, 'win32');
  });

  const electronTray = () => fake.Tray.instances[0] as fake.Tray;
  const item = (label: string, items = electronTray().menu?.template ?? []): fake.MenuItemTemplate => {
    for (const entry of items) {
      if (entry.label === label) return entry;
      if (entry.submenu) {
        try {
          return item(label, entry.submenu);
        } catch {
          // not in this submenu
        }
      }
    }
    throw new Error(`no menu item ${label}`);
  };

  it('shows the icon, tooltip and menu of the model, and switches icons with the theme', () => {
    tray.update(model({ profiles: [health('work', 'expired')] }));
    expect(electronTray().image).toEqual({ path: '/icons/tray-error-light-16.png' });
    expect(electronTray().tooltip).toBe('Delegate — work: sign-in required');
    fake.nativeTheme.shouldUseDarkColors = true;
    fake.nativeTheme.emit('updated');
    expect(electronTray().image).toEqual({ path: '/icons/tray-error-dark-16.png' });
  });

  it('runs a job from Run now ▸', () => {
    tray.update(model({ profiles: [health('work', 'ok')], jobs: [job('nightly-etl')] }));
    item('nightly-etl').click?.();
    expect(handlers.runNow).toHaveBeenCalledWith('nightly-etl');
  });

  it('toggles Pause schedule', () => {
    tray.update(model({ profiles: [health('work', 'ok')], paused: false }));
    expect(item('Pause schedule')).toMatchObject({ type: 'checkbox', checked: false });
    item('Pause schedule').click?.();
    expect(handlers.setPaused).toHaveBeenCalledWith(true);
    tray.update(model({ profiles: [health('work', 'ok')], paused: true }));
    expect(item('Pause schedule').checked).toBe(true);
    item('Pause schedule').click?.();
    expect(handlers.setPaused).toHaveBeenLastCalledWith(false);
  });

  it('opens the re-auth dialog for the expired profile from Sign in again…', () => {
    tray.update(model({ profiles: [health('work', 'expired')] }));
    item('Sign in again…').click?.();
    expect(handlers.signIn).toHaveBeenCalledWith('work');
  });

  it('opens the window on Open Delegate and on a click on the icon, and quits on Quit', () => {
    tray.update(model({ profiles: [health('work', 'ok')] }));
    item('Open Delegate').click?.();
    electronTray().emit('click');
    expect(handlers.open).toHaveBeenCalledTimes(2);
    item('Quit').click?.();
    expect(handlers.quit).toHaveBeenCalledOnce();
  });

  it('offers Install command line tool… only where no installer puts delegate on PATH, and runs it', () => {
    tray.update(model({ profiles: [health('work', 'ok')] }));
    expect(() => item('Install command line tool…')).toThrow();
    tray.update(model({ profiles: [health('work', 'ok')], commandLineTool: true }));
    item('Install command line tool…').click?.();
    expect(handlers.installCommandLineTool).toHaveBeenCalledOnce();
  });

  it('is destroyed with its theme listener', () => {
    tray.destroy();
    expect(electronTray().destroyed).toBe(true);
    expect(fake.nativeTheme.listenerCount('updated')).toBe(0);
  });
});

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../electron/shell/boot.js';
import { runCliInApp } from '../../electron/shell/cli-in-app.js';
import { CLI_MARKER } from '../../electron/core/launcher/cli-launch.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

const APP = '/opt/Delegate/delegate-app';
let appData: string;

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

beforeEach(() => {
  fake.resetFakeElectron();
  appData = mkdtempSync(join(tmpdir(), 'delegate-appdata-'));
  fake.app.paths.set('appData', appData);
});

afterEach(() => {
  rmSync(appData, { recursive: true, force: true });
});

describe('starting the app binary', () => {
  it('runs the CLI with the exact arguments and no window, tray or single-instance lock when the launcher marks it', async () => {
    const startApp = vi.fn(() => Promise.resolve());
    const seen: string[][] = [];
    const main = vi.fn((argv: readonly string[]) => {
      seen.push([...argv]);
      return Promise.resolve(7);
    });
    const out = capture();
    const chosen = await boot({
      argv: [APP, CLI_MARKER, '--', 'run', CLI_MARKER, '--json'],
      isPackaged: true,
      startApp,
      runCli: (launch) => runCliInApp(launch, { env: {}, loadCli: () => Promise.resolve(main), stdout: out.stream, stderr: out.stream }),
    });
    expect(chosen).toBe('cli');
    expect(seen).toEqual([['run', CLI_MARKER, '--json']]);
    expect(fake.app.exit).toHaveBeenCalledWith(7);
    expect(startApp).not.toHaveBeenCalled();
    expect(fake.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.Tray.instances).toHaveLength(0);
    expect(fake.app.disableHardwareAcceleration).toHaveBeenCalled();
    expect(fake.app.dock?.hide).toHaveBeenCalled();
  });

  it('starts the app as before when the marker is absent', async () => {
    const startApp = vi.fn(() => Promise.resolve());
    const runCli = vi.fn(() => Promise.resolve());
    expect(await boot({ argv: [APP, '--hidden'], isPackaged: true, startApp, runCli })).toBe('app');
    expect(startApp).toHaveBeenCalledOnce();
    expect(runCli).not.toHaveBeenCalled();
    expect(fake.app.exit).not.toHaveBeenCalled();
  });

  it('shows why the app could not start and exits 1 when starting it fails', async () => {
    await boot({ argv: [APP], isPackaged: true, startApp: () => Promise.reject(new Error('disk full')) });
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Delegate cannot start', 'disk full');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });
});

describe('the CLI inside the app', () => {
  it('uses the app\'s home (<appData>/Delegate) unless DELEGATE_HOME says otherwise', async () => {
    const homes: string[] = [];
    const main = (_argv: readonly string[], home: string) => {
      homes.push(home);
      return Promise.resolve(0);
    };
    const out = capture();
    await runCliInApp({ kind: 'cli', args: ['status'] }, { env: {}, loadCli: () => Promise.resolve(main), stdout: out.stream, stderr: out.stream });
    await runCliInApp({ kind: 'cli', args: ['status'] }, { env: { DELEGATE_HOME: '/srv/delegate' }, loadCli: () => Promise.resolve(main), stdout: out.stream, stderr: out.stream });
    expect(homes).toEqual([join(appData, 'Delegate'), '/srv/delegate']);
  });

  it('points Chromium\'s own files at the home the app uses when that home exists, and leaves a missing home alone', async () => {
    const main = () => Promise.resolve(0);
    const out = capture();
    await runCliInApp({ kind: 'cli', args: [] }, { env: {}, loadCli: () => Promise.resolve(main), stdout: out.stream, stderr: out.stream });
    expect(fake.app.setPath).not.toHaveBeenCalled();
    mkdirSync(join(appData, 'Delegate', 'Chromium'), { recursive: true });
    await runCliInApp({ kind: 'cli', args: [] }, { env: {}, loadCli: () => Promise.resolve(main), stdout: out.stream, stderr: out.stream });
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', join(appData, 'Delegate'));
    expect(fake.app.setPath).toHaveBeenCalledWith('sessionData', join(appData, 'Delegate', 'Chromium'));
  });

  it('works where the app has no Dock (Linux, Windows)', async () => {
    fake.app.dock = undefined;
    const out = capture();
    await expect(runCliInApp({ kind: 'cli', args: [] }, { env: {}, loadCli: () => Promise.resolve(() => Promise.resolve(0)), stdout: out.stream, stderr: out.stream })).resolves.toBe(0);
  });

  it('says on stderr that a launcher is broken and exits 2 without running a command', async () => {
    const main = vi.fn(() => Promise.resolve(0));
    const err = capture();
    const out = capture();
    const code = await runCliInApp({ kind: 'misuse', message: 'delegate: the launcher must put "--" right after --delegate-cli\n' }, { env: {}, loadCli: () => Promise.resolve(main), stdout: out.stream, stderr: err.stream });
    expect(code).toBe(2);
    expect(main).not.toHaveBeenCalled();
    expect(err.text()).toContain('the launcher must put "--"');
    expect(fake.app.exit).toHaveBeenCalledWith(2);
  });

  it('reports a command that throws on stderr with what to do, and exits 1 rather than hanging', async () => {
    const err = capture();
    const out = capture();
    const code = await runCliInApp({ kind: 'cli', args: ['status'] }, { env: {}, loadCli: () => Promise.resolve(() => Promise.reject(new Error('boom'))), stdout: out.stream, stderr: err.stream });
    expect(code).toBe(1);
    expect(err.text()).toMatch(/delegate: the command stopped unexpectedly: Error: boom[\s\S]*What to do/);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('runs the real CLI: its output on stdout and its exit code passed to the app\'s exit', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const errWrites: string[] = [];
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errWrites.push(String(chunk));
      return true;
    });
    const out = capture();
    try {
      await runCliInApp({ kind: 'cli', args: ['--help'] }, { env: {}, stdout: out.stream, stderr: out.stream });
      await runCliInApp({ kind: 'cli', args: ['no-such-command'] }, { env: {}, stdout: out.stream, stderr: out.stream });
    } finally {
      spy.mockRestore();
      errSpy.mockRestore();
    }
    expect(writes.join('')).toContain('Usage: delegate <command> [options]');
    expect(errWrites.join('')).toContain('delegate: unknown command "no-such-command"');
    expect(fake.app.exit.mock.calls).toEqual([[0], [2]]);
  });
});

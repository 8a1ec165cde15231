import { describe, expect, it } from 'vitest';
import { CLI_MARKER, cliCommand, parseCliLaunch } from '../../../electron/core/launcher/cli-launch.js';

const APP = '/opt/Delegate/delegate-app';

describe('reading the app binary\'s arguments for a delegate command line', () => {
  it('runs the CLI with exactly the arguments after "--"', () => {
    expect(parseCliLaunch([APP, CLI_MARKER, '--', 'token', '--scope', 'Mail.Read', '--json'], true)).toEqual({ kind: 'cli', args: ['token', '--scope', 'Mail.Read', '--json'] });
  });

  it('passes `delegate` with no arguments on as an empty command line (the CLI prints its help)', () => {
    expect(parseCliLaunch([APP, CLI_MARKER, '--'], true)).toEqual({ kind: 'cli', args: [] });
  });

  it('keeps a job named like the marker, a second "--" and Chromium-looking switches as plain CLI arguments', () => {
    const args = ['run', CLI_MARKER, '--', '--remote-debugging-port=9222', '--no-sandbox', 'with space', ''];
    expect(parseCliLaunch([APP, CLI_MARKER, '--', ...args], true)).toEqual({ kind: 'cli', args });
  });

  it('starts the app as before when the marker is absent, or comes after a file, a URL or "--"', () => {
    expect(parseCliLaunch([APP], true)).toBeNull();
    expect(parseCliLaunch([APP, '--hidden'], true)).toBeNull();
    expect(parseCliLaunch([APP, '/home/me/notes.txt', CLI_MARKER, '--', 'status'], true)).toBeNull();
    expect(parseCliLaunch([APP, 'delegate://open', CLI_MARKER, '--', 'status'], true)).toBeNull();
    expect(parseCliLaunch([APP, '--', CLI_MARKER, '--', 'status'], true)).toBeNull();
    expect(parseCliLaunch([APP, '/home/me/--delegate-cli'], true)).toBeNull();
    expect(parseCliLaunch([APP, '--delegate-cli=1', '--', 'status'], true)).toBeNull();
  });

  it('finds the marker after switches a wrapper put first (the AppImage\'s AppRun adds --no-sandbox)', () => {
    expect(parseCliLaunch([APP, '--no-sandbox', CLI_MARKER, '--', 'status', '--probe'], true)).toEqual({ kind: 'cli', args: ['status', '--probe'] });
    expect(parseCliLaunch([APP, '--no-sandbox', '--ozone-platform=wayland', CLI_MARKER, '--'], true)).toEqual({ kind: 'cli', args: [] });
  });

  it('finds the marker after the app folder when Electron runs a checkout (electron . --delegate-cli -- …)', () => {
    expect(parseCliLaunch(['/usr/lib/electron', '.', CLI_MARKER, '--', 'status'], false)).toEqual({ kind: 'cli', args: ['status'] });
    // The packaged rule does not read the folder as the marker's place, and the reverse.
    expect(parseCliLaunch(['/usr/lib/electron', '.', CLI_MARKER, '--', 'status'], true)).toBeNull();
    expect(parseCliLaunch([APP, CLI_MARKER, '--', 'status'], false)).toBeNull();
  });

  it('refuses the marker without "--" (a broken launcher) with what to do, instead of opening the app', () => {
    const launch = parseCliLaunch([APP, CLI_MARKER, 'status'], true);
    expect(launch).toMatchObject({ kind: 'misuse' });
    expect(launch?.kind === 'misuse' && launch.message).toMatch(/must put "--" right after --delegate-cli \(got "status"\)[\s\S]*What to do/);
    expect(parseCliLaunch([APP, CLI_MARKER], true)).toMatchObject({ kind: 'misuse', message: expect.stringContaining('got nothing') });
  });
});

describe('the command line that runs the same CLI again (for a service)', () => {
  it('is the app binary with the marker inside the app', () => {
    expect(cliCommand([APP, CLI_MARKER, '--', 'service', 'install'], APP, {})).toEqual([APP, CLI_MARKER, '--']);
    expect(cliCommand([APP, '--no-sandbox', CLI_MARKER, '--', 'service', 'install'], APP, {})).toEqual([APP, '--no-sandbox', CLI_MARKER, '--']);
    expect(cliCommand(['/usr/lib/electron', '/src/delegate', CLI_MARKER, '--', 'daemon'], '/usr/lib/electron', {})).toEqual(['/usr/lib/electron', '/src/delegate', CLI_MARKER, '--']);
  });

  it('is the AppImage file, not its temporary mount, inside an AppImage (without the switches its AppRun adds itself)', () => {
    expect(cliCommand(['/tmp/.mount_DelegXyz/delegate-app', '--no-sandbox', CLI_MARKER, '--', 'daemon'], '/tmp/.mount_DelegXyz/delegate-app', { APPIMAGE: '/home/me/Apps/Delegate 0.1.0.AppImage' })).toEqual([
      '/home/me/Apps/Delegate 0.1.0.AppImage',
      CLI_MARKER,
      '--',
    ]);
  });

  it('is Node with the script for the standalone CLI, even when a later argument is the marker', () => {
    expect(cliCommand(['/usr/bin/node', '/src/bin/delegate.cjs', 'run', CLI_MARKER], '/usr/bin/node', {})).toEqual(['/usr/bin/node', '/src/bin/delegate.cjs']);
  });
});

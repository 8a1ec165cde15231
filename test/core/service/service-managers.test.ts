/**
 * install / uninstall / status on each platform, with the service manager played by a recording runner and the
 * files kept in memory: the commands a person's machine would see, in order, and what each answer means.
 */
import { describe, expect, it } from 'vitest';
import { describeService } from '../../../electron/core/service/service-description.js';
import { planInstall, planUninstall, serviceStatus } from '../../../electron/core/service/service-manager.js';
import { carryOut } from '../../../electron/core/service/service-plan.js';
import { decodeTaskXml } from '../../../electron/core/service/task-scheduler-manager.js';
import { isDelegateError } from '../../../electron/core/errors/delegate-error.js';
import { fakeHost } from '../../support/service-fakes.js';

const UNIT = '/home/ann lee/.config/systemd/user/delegate.service';

function linuxDescription(env: NodeJS.ProcessEnv = {}) {
  return describeService({ home: '/home/ann lee/.config/Delegate', env, userHome: '/home/ann lee', program: { program: '/usr/bin/node', args: ['/opt/delegate/bin/delegate.cjs'], how: 'Node /usr/bin/node running /opt/delegate/bin/delegate.cjs' } });
}

function linuxHost(options: { manager?: 'running' | 'offline'; version?: number; linger?: 'yes' | 'no' } = {}) {
  const host = fakeHost('linux');
  host.recorder.answer('systemctl --version', { stdout: `systemd ${options.version ?? 252} (252.39-1~deb12u2)\n+PAM +AUDIT\n` });
  host.recorder.answer('systemctl --user is-system-running', options.manager === 'offline' ? { code: 1, stdout: 'offline\n' } : { stdout: 'running\n' });
  host.recorder.answer('loginctl show-user', { stdout: `Linger=${options.linger ?? 'no'}\n` });
  host.recorder.answer('systemctl --user show-environment', { stdout: 'HOME=/home/ann lee\nDBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/501/bus\n' });
  return host;
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDelegateError(error)) return error;
    throw error;
  }
  throw new Error('expected a DelegateError');
}

describe('on Linux (systemd user unit)', () => {
  it('install writes the unit, reloads, enables and (re)starts it, in that order', async () => {
    const host = linuxHost();
    const plan = await planInstall(host, linuxDescription());
    await carryOut(plan, host, 'install');
    expect(host.memory.contents.get(UNIT)?.content.toString()).toBe(plan.file.text);
    expect(host.memory.contents.get(UNIT)?.mode).toBe(0o644);
    const changing = host.recorder.calls.filter((call) => !['--version', 'is-system-running', 'show-user', 'show-environment'].some((readOnly) => call.includes(readOnly)));
    expect(changing).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', 'delegate.service'],
      ['systemctl', '--user', 'restart', 'delegate.service'],
    ]);
  });

  it('backs off between restarts when the installed systemd is 254 or newer', async () => {
    expect((await planInstall(linuxHost({ version: 255 }), linuxDescription())).file.text).toContain('RestartSteps=5');
    expect((await planInstall(linuxHost({ version: 252 }), linuxDescription())).file.text).not.toContain('RestartSteps');
  });

  it('refuses to install without a systemd user manager, says how to get one, and changes nothing', async () => {
    const host = linuxHost({ manager: 'offline' });
    const plan = await planInstall(host, linuxDescription());
    const error = await rejection(carryOut(plan, host, 'install'));
    expect(error.code).toBe('service-manager');
    expect(error.message).toContain('no systemd user manager is running for you');
    expect(error.message).toContain('offline');
    expect(error.message).toContain('Nothing was changed');
    expect(error.action).toContain('loginctl enable-linger ann');
    expect(error.action).toContain('--dry-run');
    expect(host.memory.contents.size).toBe(0);
    expect(host.recorder.calls.some((call) => call.includes('enable') || call.includes('daemon-reload'))).toBe(false);
  });

  it('stops at a failing step and says which command failed, what it said, what was done and what is left', async () => {
    const host = linuxHost();
    host.recorder.answer('systemctl --user enable', { code: 1, stderr: 'Failed to enable unit: Unit file /home/ann lee/.config/systemd/user/delegate.service is masked.\n' });
    const error = await rejection(carryOut(await planInstall(host, linuxDescription()), host, 'install'));
    expect(error.message).toContain('`systemctl --user enable delegate.service` failed (exit 1: Failed to enable unit: Unit file');
    expect(error.message).toContain('is masked');
    expect(error.message).toContain('Done before it:');
    expect(error.message).toContain('systemctl --user daemon-reload');
    expect(error.action).toContain('not done yet: systemctl --user restart delegate.service');
    expect(host.recorder.calls.some((call) => call.includes('restart'))).toBe(false);
  });

  it('advises `loginctl enable-linger` when lingering is off, and says so when it is on', async () => {
    const off = await planInstall(linuxHost({ linger: 'no' }), linuxDescription());
    expect(off.notes.join('\n')).toContain('loginctl enable-linger ann');
    const on = await planInstall(linuxHost({ linger: 'yes' }), linuxDescription());
    expect(on.notes.join('\n')).toContain('starts at boot, before anyone logs in');
  });

  it('says when the user manager has no session bus, so the keyring would be out of reach', async () => {
    const host = linuxHost();
    expect((await planInstall(host, linuxDescription())).notes.join('\n')).not.toContain('dbus-user-session');
    host.recorder.answer('systemctl --user show-environment', { stdout: 'HOME=/home/ann lee\nPATH=/usr/bin\n' });
    expect((await planInstall(host, linuxDescription())).notes.join('\n')).toContain('install the dbus-user-session package');
  });

  it('tells the headless keyring options with every install: PAM unlock at login, or the plaintext opt-in', async () => {
    const notes = (await planInstall(linuxHost(), linuxDescription())).notes.join('\n');
    expect(notes).toContain('pam_gnome_keyring.so');
    expect(notes).toContain('delegate profiles set NAME --plaintext-cache');
  });

  it('uninstall disables and stops it, removes the file, reloads and forgets a failed state', async () => {
    const host = linuxHost();
    host.memory.write(UNIT, 'old', 0o644);
    host.recorder.answer('systemctl --user reset-failed', { code: 1, stderr: 'Unit delegate.service not loaded.' });
    const outcome = await carryOut(await planUninstall(host, '/home/ann lee/.config/Delegate'), host, 'uninstall');
    expect(host.memory.contents.has(UNIT)).toBe(false);
    expect(host.recorder.calls.filter((call) => call[0] === 'systemctl' && call[2] !== 'is-system-running')).toEqual([
      ['systemctl', '--user', 'disable', '--now', 'delegate.service'],
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'reset-failed', 'delegate.service'],
    ]);
    expect(outcome.tolerated[0]).toContain('not loaded');
  });

  it('uninstall without a user manager removes the file and says nothing runs it now', async () => {
    const host = linuxHost({ manager: 'offline' });
    host.memory.write(UNIT, 'old', 0o644);
    const plan = await planUninstall(host, '/h');
    await carryOut(plan, host, 'uninstall');
    expect(host.memory.contents.has(UNIT)).toBe(false);
    expect(plan.notes.join('\n')).toContain('nothing runs the service now; only its file is removed');
    expect(host.recorder.calls.some((call) => call.includes('disable'))).toBe(false);
  });

  it('status: not installed, running, restarting after a failure, failed, and installed but no user manager', async () => {
    const show = (props: string) => {
      const host = linuxHost();
      host.memory.write(UNIT, 'x', 0o644);
      host.recorder.answer('systemctl --user show', { stdout: props });
      return serviceStatus(host, '/h');
    };
    const none = linuxHost();
    none.recorder.answer('systemctl --user show', { stdout: 'LoadState=not-found\nActiveState=inactive\nSubState=dead\n' });
    expect(await serviceStatus(none, '/h')).toMatchObject({ state: 'not-installed', installed: false });

    expect(await show('LoadState=loaded\nActiveState=active\nSubState=running\nMainPID=4242\nNRestarts=0\nExecMainStatus=0\nUnitFileState=enabled\n')).toMatchObject({ state: 'running', pid: 4242, installed: true });
    const restarting = await show('LoadState=loaded\nActiveState=activating\nSubState=auto-restart\nResult=exit-code\nMainPID=0\nNRestarts=7\nExecMainStatus=1\nUnitFileState=enabled\n');
    expect(restarting).toMatchObject({ state: 'restarting', restarts: 7, lastExitCode: 1 });
    expect(restarting.action).toContain('journalctl --user -u delegate');
    expect(restarting.action).toContain('the app runs the jobs now');
    const failed = await show('LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=exit-code\nMainPID=0\nNRestarts=2\nExecMainStatus=203\nUnitFileState=enabled\n');
    expect(failed).toMatchObject({ state: 'failed', lastExitCode: 203 });
    expect(failed.detail).toContain('exit 203');

    const offline = linuxHost({ manager: 'offline' });
    offline.memory.write(UNIT, 'x', 0o644);
    const unknown = await serviceStatus(offline, '/h');
    expect(unknown).toMatchObject({ state: 'unknown', installed: true });
    expect(unknown.action).toContain('loginctl enable-linger ann');
  });
});

describe('on macOS (launchd LaunchAgent)', () => {
  const description = () => describeService({ home: '/Users/ann lee/Library/Application Support/Delegate', env: {}, userHome: '/Users/ann lee', program: { program: '/opt/homebrew/bin/node', args: ['/opt/delegate/bin/delegate.cjs'], how: 'x' }, platform: 'darwin' });
  const PLIST = '/Users/ann lee/Library/LaunchAgents/com.delegate.app.daemon.plist';

  it('install writes the plist and boots it into the GUI domain, unloading an older one first', async () => {
    const host = fakeHost('darwin');
    host.recorder.answer('launchctl bootout', { code: 3, stderr: 'Boot-out failed: 3: No such process' });
    const plan = await planInstall(host, description());
    const outcome = await carryOut(plan, host, 'install');
    expect(host.memory.contents.get(PLIST)?.content.toString()).toBe(plan.file.text);
    // launchd does not create the stderr file's folder.
    expect(host.memory.dirs.get('/Users/ann lee/Library/Application Support/Delegate/logs')).toBe(0o700);
    expect(host.recorder.calls).toEqual([
      ['launchctl', 'bootout', 'gui/501/com.delegate.app.daemon'],
      ['launchctl', 'enable', 'gui/501/com.delegate.app.daemon'],
      ['launchctl', 'bootstrap', 'gui/501', PLIST],
    ]);
    expect(outcome.tolerated[0]).toContain('No such process');
  });

  it('a refused bootstrap fails the install with launchctl\'s words', async () => {
    const host = fakeHost('darwin');
    host.recorder.answer('launchctl bootstrap', { code: 5, stderr: 'Bootstrap failed: 5: Input/output error' });
    const error = await rejection(carryOut(await planInstall(host, description()), host, 'install'));
    expect(error.message).toContain('Bootstrap failed: 5: Input/output error');
  });

  it('status reads launchctl print: running with its pid, exited with a failure, or not installed', async () => {
    const running = fakeHost('darwin');
    running.memory.write(PLIST, 'x', 0o644);
    running.recorder.answer('launchctl print', { stdout: 'gui/501/com.delegate.app.daemon = {\n\tactive count = 1\n\tstate = running\n\tpid = 812\n\tlast exit code = (never exited)\n}\n' });
    expect(await serviceStatus(running, '/h')).toMatchObject({ state: 'running', pid: 812 });

    const crashed = fakeHost('darwin');
    crashed.memory.write(PLIST, 'x', 0o644);
    crashed.recorder.answer('launchctl print', { stdout: 'gui/501/com.delegate.app.daemon = {\n\tstate = not running\n\tlast exit code = 1\n}\n' });
    expect(await serviceStatus(crashed, '/h')).toMatchObject({ state: 'restarting', lastExitCode: 1 });

    const none = fakeHost('darwin');
    none.recorder.answer('launchctl print', { code: 113, stderr: 'Could not find service "com.delegate.app.daemon" in domain for user gui: 501' });
    expect(await serviceStatus(none, '/h')).toMatchObject({ state: 'not-installed', installed: false });
  });

  it('uninstall boots it out and removes the plist', async () => {
    const host = fakeHost('darwin');
    host.memory.write(PLIST, 'x', 0o644);
    await carryOut(await planUninstall(host, '/h'), host, 'uninstall');
    expect(host.memory.contents.has(PLIST)).toBe(false);
    expect(host.recorder.calls).toEqual([['launchctl', 'bootout', 'gui/501/com.delegate.app.daemon']]);
  });
});

describe('on Windows (Task Scheduler)', () => {
  const HOME = 'C:\\Users\\Ann Lee\\AppData\\Roaming\\Delegate';
  const XML = `${HOME}\\service\\delegate-task.xml`;
  const description = (env: NodeJS.ProcessEnv = {}) => describeService({ home: HOME, env, userHome: 'C:\\Users\\Ann Lee', program: { program: 'C:\\Program Files\\nodejs\\node.exe', args: ['C:\\Delegate\\bin\\delegate.cjs'], how: 'x' }, platform: 'win32' });

  it('install keeps the task XML (UTF-16) in the home, registers it with schtasks /Create /XML and starts it', async () => {
    const host = fakeHost('win32', { env: { USERDOMAIN: 'CORP' } });
    const plan = await planInstall(host, description());
    await carryOut(plan, host, 'install');
    const bytes = host.memory.contents.get(XML)?.content as Buffer;
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(decodeTaskXml(bytes)).toBe(plan.file.text);
    expect(plan.file.text).toContain('<UserId>CORP\\ann</UserId>');
    expect(plan.notes.join('\n')).toContain('node.exe is a console program: its window stays open');
    expect(host.recorder.calls).toEqual([
      ['schtasks', '/Create', '/TN', 'Delegate daemon (ann)', '/XML', XML, '/F'],
      ['schtasks', '/Run', '/TN', 'Delegate daemon (ann)'],
    ]);
  });

  it('says that a DELEGATE_HOME set only in this shell must be set for the account, since a task carries no variables', async () => {
    const host = fakeHost('win32', { env: { DELEGATE_HOME: HOME } });
    const notes = (await planInstall(host, description({ DELEGATE_HOME: HOME }))).notes.join('\n');
    expect(notes).toContain('DELEGATE_HOME must be set for your account');
    expect(notes).toContain(`setx DELEGATE_HOME "${HOME}"`);
    const plain = (await planInstall(fakeHost('win32'), description())).notes.join('\n');
    expect(plain).not.toContain('setx');
  });

  it('status reads schtasks /Query: running, registered but not running, or not installed', async () => {
    const running = fakeHost('win32');
    running.recorder.answer('schtasks /Query', { stdout: '"\\Delegate daemon (ann)","N/A","Running"\r\n' });
    expect(await serviceStatus(running, HOME)).toMatchObject({ state: 'running', installed: true });
    const ready = fakeHost('win32');
    ready.recorder.answer('schtasks /Query', { stdout: '"\\Delegate daemon (ann)","N/A","Ready"\r\n' });
    const stopped = await serviceStatus(ready, HOME);
    expect(stopped).toMatchObject({ state: 'stopped' });
    expect(stopped.action).toContain('schtasks /Run /TN "Delegate daemon (ann)"');
    const none = fakeHost('win32');
    none.recorder.answer('schtasks /Query', { code: 1, stderr: 'ERROR: The system cannot find the file specified.' });
    expect(await serviceStatus(none, HOME)).toMatchObject({ state: 'not-installed' });
  });

  it('uninstall ends and deletes the task and removes the XML, even if the task was already gone', async () => {
    const host = fakeHost('win32');
    host.memory.write(XML, 'x', 0o600);
    host.recorder.answer('schtasks /End', { code: 1, stderr: 'ERROR: The system cannot find the file specified.' });
    host.recorder.answer('schtasks /Delete', { code: 1, stderr: 'ERROR: The system cannot find the file specified.' });
    const outcome = await carryOut(await planUninstall(host, HOME), host, 'uninstall');
    expect(host.memory.contents.has(XML)).toBe(false);
    expect(outcome.tolerated).toHaveLength(2);
  });
});

describe('elsewhere', () => {
  it('says which managers Delegate knows and to run `delegate daemon` under the system\'s own', () => {
    expect(() => planInstall(fakeHost('freebsd'), linuxDescription())).toThrow(/systemd \(Linux\), launchd \(macOS\) and Task Scheduler \(Windows\), not the service manager of freebsd/);
  });
});

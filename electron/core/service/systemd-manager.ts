/**
 * `delegate service` on Linux: a systemd user unit, driven with `systemctl --user`.
 *
 * Install needs a running user manager (a login through pam_systemd, or lingering); without one it refuses before
 * touching anything and says how to get one. Linger is checked read-only and advised, never turned on.
 */
import { dirname } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { headlessKeyringOptions } from './headless-keyring.js';
import { renderSystemdUnit, SYSTEMD_UNIT_NAME, systemdUnitPath } from './systemd-unit.js';
import type { ServiceDescription } from './service-description.js';
import type { ServiceHost } from './service-host.js';
import type { PlanStep, ServicePlan } from './service-plan.js';
import type { ServiceStatus } from './service-status.js';

const REACHABLE_STATES = ['initializing', 'starting', 'running', 'degraded', 'maintenance', 'stopping'];

export async function systemdVersion(host: ServiceHost): Promise<number | undefined> {
  const result = await host.runner('systemctl', ['--version']);
  const match = /^systemd (\d+)/m.exec(result.stdout);
  return result.code === 0 && match ? Number(match[1]) : undefined;
}

/** Whether `systemctl --user` reaches a user manager; the reason in words when it does not. */
export async function userManager(host: ServiceHost): Promise<{ reachable: true } | { reachable: false; reason: string }> {
  const result = await host.runner('systemctl', ['--user', 'is-system-running']);
  const state = result.stdout.trim().split('\n')[0] ?? '';
  if (REACHABLE_STATES.includes(state)) return { reachable: true };
  if (result.code === 127) return { reachable: false, reason: 'systemctl is not installed' };
  return { reachable: false, reason: (result.stderr.trim().split('\n')[0] ?? '') || `systemctl --user is-system-running says "${state || `exit ${result.code}`}"` };
}

function noUserManager(reason: string, username: string): DelegateError {
  return new DelegateError({
    code: 'service-manager',
    message: `service install: no systemd user manager is running for you (${reason}), so a user unit cannot be installed or started here. Nothing was changed.`,
    action: `Run it from a login that starts \`systemd --user\` (a desktop, console or SSH login on a systemd system), or have an administrator run \`loginctl enable-linger ${username}\` so your manager runs from boot; then run \`delegate service install\` again. Without systemd, run \`delegate daemon\` under the supervisor you have; \`delegate service install --dry-run\` prints the unit.`,
  });
}

export async function planSystemdInstall(host: ServiceHost, description: ServiceDescription): Promise<ServicePlan> {
  const path = systemdUnitPath(host.env, host.userHome);
  const text = renderSystemdUnit(description, await systemdVersion(host));
  const manager = await userManager(host);
  const steps: PlanStep[] = [
    { kind: 'mkdir', path: dirname(path), mode: 0o755 },
    { kind: 'write', path, content: text, mode: 0o644 },
    { kind: 'run', command: 'systemctl', args: ['--user', 'daemon-reload'] },
    { kind: 'run', command: 'systemctl', args: ['--user', 'enable', SYSTEMD_UNIT_NAME] },
    // restart, not `enable --now`: a unit already running must pick up the file just written.
    { kind: 'run', command: 'systemctl', args: ['--user', 'restart', SYSTEMD_UNIT_NAME] },
  ];
  const notes = [`Its lines: \`journalctl --user -u delegate -f\`, and \`delegate logs\`.`, ...(manager.reachable ? await sessionBusNotes(host) : []), ...(await lingerNotes(host)), ...headlessKeyringOptions('linux')];
  return { manager: 'systemd', file: { path, text }, steps, notes, ...(manager.reachable ? {} : { blocker: noUserManager(manager.reason, host.username) }) };
}

/**
 * The keyring is reached over the session D-Bus, which a service finds only through its user manager's
 * environment: present with dbus-user-session (the bus at $XDG_RUNTIME_DIR/bus), absent with a bus started per
 * X session (dbus-x11), where the daemon would find the keyring "not running".
 */
async function sessionBusNotes(host: ServiceHost): Promise<string[]> {
  const result = await host.runner('systemctl', ['--user', 'show-environment']);
  if (result.code !== 0 || /^DBUS_SESSION_BUS_ADDRESS=/m.test(result.stdout)) return [];
  return ['Your user manager has no session bus (DBUS_SESSION_BUS_ADDRESS), so the service cannot reach the keyring: install the dbus-user-session package (then log in again), or use the plaintext opt-in below.'];
}

async function lingerNotes(host: ServiceHost): Promise<string[]> {
  const result = await host.runner('loginctl', ['show-user', host.username, '--property=Linger']);
  const linger = /^Linger=(yes|no)$/m.exec(result.stdout)?.[1];
  if (linger === 'yes') return ['Lingering is on for your account: the service starts at boot, before anyone logs in.'];
  return [
    `The service runs while you are logged in${linger === 'no' ? ' (lingering is off)' : ''}. To run it from boot with nobody logged in, an administrator runs \`loginctl enable-linger ${host.username}\` — read the keyring note below first.`,
  ];
}

export async function planSystemdUninstall(host: ServiceHost): Promise<ServicePlan> {
  const path = systemdUnitPath(host.env, host.userHome);
  const text = host.files.read(path)?.toString('utf8') ?? '';
  const manager = await userManager(host);
  const steps: PlanStep[] = manager.reachable
    ? [
        { kind: 'run', command: 'systemctl', args: ['--user', 'disable', '--now', SYSTEMD_UNIT_NAME], tolerate: true },
        { kind: 'remove', path },
        { kind: 'run', command: 'systemctl', args: ['--user', 'daemon-reload'] },
        { kind: 'run', command: 'systemctl', args: ['--user', 'reset-failed', SYSTEMD_UNIT_NAME], tolerate: true },
      ]
    : [{ kind: 'remove', path }];
  const notes = manager.reachable ? [] : [`No systemd user manager is running for you (${manager.reason}), so nothing runs the service now; only its file is removed.`];
  return { manager: 'systemd', file: { path, text }, steps, notes };
}

export async function systemdStatus(host: ServiceHost): Promise<ServiceStatus> {
  const file = systemdUnitPath(host.env, host.userHome);
  const base = { manager: 'systemd' as const, name: SYSTEMD_UNIT_NAME, file, installed: host.files.exists(file) };
  const manager = await userManager(host);
  if (!manager.reachable) {
    if (!base.installed) return { ...base, state: 'not-installed', detail: `Not installed (no ${file}).` };
    return {
      ...base,
      state: 'unknown',
      detail: `Installed (${file}), but no systemd user manager is running for you (${manager.reason}), so it is not running.`,
      action: `Log in on this machine (the user manager starts with your login), or have an administrator run \`loginctl enable-linger ${host.username}\` so it runs from boot.`,
    };
  }
  const result = await host.runner('systemctl', ['--user', 'show', SYSTEMD_UNIT_NAME, '--property=LoadState,ActiveState,SubState,Result,NRestarts,MainPID,ExecMainStatus,UnitFileState']);
  const props = Object.fromEntries(
    result.stdout
      .split('\n')
      .map((line) => line.split('='))
      .filter((parts) => parts.length >= 2)
      .map(([key, ...rest]) => [key as string, rest.join('=')]),
  );
  if (result.code !== 0 || !props.ActiveState) {
    return { ...base, state: 'unknown', detail: `systemctl --user show ${SYSTEMD_UNIT_NAME} did not answer (exit ${result.code}: ${result.stderr.trim()}).`, action: 'Run `systemctl --user status delegate` to see why.' };
  }
  if (props.LoadState === 'not-found' && !base.installed) return { ...base, state: 'not-installed', detail: `Not installed (no ${file}).` };
  const pid = Number(props.MainPID);
  const restarts = Number(props.NRestarts);
  const lastExitCode = Number(props.ExecMainStatus);
  const facts = {
    ...(pid > 0 ? { pid } : {}),
    ...(Number.isFinite(restarts) && props.NRestarts !== undefined ? { restarts } : {}),
    ...(props.ExecMainStatus !== undefined && Number.isFinite(lastExitCode) ? { lastExitCode } : {}),
  };
  const disabled = props.UnitFileState && props.UnitFileState !== 'enabled' ? ` It is ${props.UnitFileState}: it will not start at login.` : '';
  const logs = 'See why with `journalctl --user -u delegate -n 50` (or `delegate logs`)';
  if (props.ActiveState === 'active') return { ...base, ...facts, state: 'running', detail: `Running (process ${pid}).${disabled}`, ...(disabled ? { action: 'Run `delegate service install` again to enable it.' } : {}) };
  if (props.ActiveState === 'activating' && props.SubState === 'auto-restart') {
    return {
      ...base,
      ...facts,
      state: 'restarting',
      detail: `Exited with a failure (${props.Result}, exit ${props.ExecMainStatus}) and waits to be started again (${props.NRestarts} restart(s) so far).`,
      action: `${logs}. "Another Delegate scheduler is already running" means the app runs the jobs now: the service takes over once the app quits.`,
    };
  }
  if (props.ActiveState === 'activating') return { ...base, ...facts, state: 'running', detail: 'Starting.' };
  if (props.ActiveState === 'failed') {
    return { ...base, ...facts, state: 'failed', detail: `Failed (${props.Result}, exit ${props.ExecMainStatus}) and is not running.`, action: `${logs}, fix it, then \`systemctl --user restart delegate\`.` };
  }
  return { ...base, ...facts, state: 'stopped', detail: `Installed but not running (${props.ActiveState}/${props.SubState}).${disabled}`, action: 'Start it with `systemctl --user start delegate` (or run `delegate service install` again).' };
}

/**
 * The systemd user unit (`~/.config/systemd/user/delegate.service`) rendered from the service description.
 *
 * Quoting follows systemd.syntax(7) and systemd.service(5): each word in double quotes with `\` and `"`
 * backslash-escaped; `%` doubled everywhere (specifiers such as `%h` would otherwise expand); `$` doubled in
 * ExecStart's arguments only (there `$NAME` expands; in the program path and in Environment= it is literal).
 *
 * Hardening is limited to what works in a user manager without user namespaces and leaves the session D-Bus (the
 * Secret Service holding the sign-in) reachable: no ProtectHome/ProtectSystem/PrivateTmp (they need namespaces in
 * a user unit and would hide the home the daemon works in), no MemoryDenyWriteExecute (Node's JIT needs it).
 */
import { join } from 'node:path';
import type { ServiceDescription } from './service-description.js';

export const SYSTEMD_UNIT_NAME = 'delegate.service';

/** systemd 254 added RestartSteps=/RestartMaxDelaySec= (backoff); older ones would warn "Unknown key". */
export const SYSTEMD_BACKOFF_VERSION = 254;

/** `$XDG_CONFIG_HOME/systemd/user/delegate.service`, `~/.config/...` without it. */
export function systemdUnitPath(env: NodeJS.ProcessEnv, userHome: string): string {
  const config = env.XDG_CONFIG_HOME?.trim();
  const base = config && config.startsWith('/') ? config : join(userHome, '.config');
  return join(base, 'systemd', 'user', SYSTEMD_UNIT_NAME);
}

/**
 * One word of a unit file, double-quoted. `exec`: an argument of ExecStart after the program, where `$` expands.
 * The program itself is not expanded (its `$` stays single) — see systemdExecStart.
 */
export function systemdQuote(value: string, options: { exec: boolean }): string {
  let escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%');
  if (options.exec) escaped = escaped.replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}

/**
 * systemd refuses a program path holding `"`, `'` or `\` ("Executable name contains special characters"), even
 * quoted. Such a path (a checkout in "Ann's files") is handed to /bin/sh as `$0` instead, which takes any path.
 */
const UNSAFE_PROGRAM = /["'\\]/;

export function systemdExecStart(program: string, args: string[]): string {
  const words = UNSAFE_PROGRAM.test(program) ? ['/bin/sh', '-c', 'exec "$0" "$@"', program, ...args] : [program, ...args];
  const [first, ...rest] = words as [string, ...string[]];
  return [systemdQuote(first, { exec: false }), ...rest.map((word) => systemdQuote(word, { exec: true }))].join(' ');
}

export function renderSystemdUnit(description: ServiceDescription, systemdVersion: number | undefined): string {
  const exec = systemdExecStart(description.program, description.args);
  const environment = Object.entries(description.env).map(([name, value]) => `Environment=${systemdQuote(`${name}=${value}`, { exec: false })}`);
  const backoff = systemdVersion !== undefined && systemdVersion >= SYSTEMD_BACKOFF_VERSION;
  return [
    '# Written by `delegate service install`; `delegate service uninstall` removes it. Edits are lost on the next install.',
    '[Unit]',
    'Description=Delegate daemon: scheduled Microsoft 365 jobs and sign-in upkeep',
    // Keep retrying: while the desktop app runs the schedule, the daemon exits ("already running") and must take
    // over once the app quits; systemd's default limit would give up after five quick failures.
    'StartLimitIntervalSec=0',
    '',
    '[Service]',
    'Type=exec',
    `ExecStart=${exec}`,
    ...environment,
    'WorkingDirectory=~',
    'Restart=on-failure',
    `RestartSec=${description.restartDelaySeconds}s`,
    ...(backoff ? ['RestartSteps=5', `RestartMaxDelaySec=${description.maxRestartDelaySeconds}s`] : []),
    // SIGTERM to the daemon only: it lets running runs finish; job scripts are not killed under its feet.
    'KillMode=mixed',
    `TimeoutStopSec=${description.stopTimeoutSeconds}s`,
    // Its lines go to the journal (`journalctl --user -u delegate`) besides Delegate's own log files.
    'StandardOutput=journal',
    'StandardError=journal',
    'SyslogIdentifier=delegate',
    'UMask=0077',
    'NoNewPrivileges=yes',
    'LockPersonality=yes',
    'RestrictRealtime=yes',
    'RestrictSUIDSGID=yes',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

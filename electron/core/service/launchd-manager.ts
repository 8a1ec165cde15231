/**
 * `delegate service` on macOS: a LaunchAgent in the person's GUI domain (`gui/<uid>`), driven with launchctl's
 * bootstrap/bootout (the load/unload of older macOS is deprecated).
 */
import { dirname } from 'node:path';
import { headlessKeyringOptions } from './headless-keyring.js';
import { LAUNCHD_LABEL, launchdPlistPath, launchdStderrPath, renderLaunchdPlist } from './launchd-plist.js';
import type { ServiceDescription } from './service-description.js';
import type { ServiceHost } from './service-host.js';
import type { PlanStep, ServicePlan } from './service-plan.js';
import type { ServiceStatus } from './service-status.js';

const domain = (host: ServiceHost) => `gui/${host.uid}`;
const target = (host: ServiceHost) => `${domain(host)}/${LAUNCHD_LABEL}`;

export async function planLaunchdInstall(host: ServiceHost, description: ServiceDescription): Promise<ServicePlan> {
  const path = launchdPlistPath(host.userHome);
  const text = renderLaunchdPlist(description);
  const steps: PlanStep[] = [
    // launchd opens the stderr file but does not create its folder.
    { kind: 'mkdir', path: description.logsDir, mode: 0o700 },
    { kind: 'mkdir', path: dirname(path), mode: 0o755 },
    { kind: 'write', path, content: text, mode: 0o644 },
    // An agent already loaded must be unloaded to take the new file; "not loaded" is fine.
    { kind: 'run', command: 'launchctl', args: ['bootout', target(host)], tolerate: true },
    // A `launchctl disable` from before would make bootstrap fail with "Input/output error".
    { kind: 'run', command: 'launchctl', args: ['enable', target(host)] },
    { kind: 'run', command: 'launchctl', args: ['bootstrap', domain(host), path] },
  ];
  const notes = [`Crashes and start errors go to ${launchdStderrPath(description)}; the daemon's lines are in \`delegate logs\`.`, ...headlessKeyringOptions('darwin')];
  return { manager: 'launchd', file: { path, text }, steps, notes };
}

export async function planLaunchdUninstall(host: ServiceHost): Promise<ServicePlan> {
  const path = launchdPlistPath(host.userHome);
  const text = host.files.read(path)?.toString('utf8') ?? '';
  return {
    manager: 'launchd',
    file: { path, text },
    steps: [
      { kind: 'run', command: 'launchctl', args: ['bootout', target(host)], tolerate: true },
      { kind: 'remove', path },
    ],
    notes: [],
  };
}

export async function launchdStatus(host: ServiceHost): Promise<ServiceStatus> {
  const file = launchdPlistPath(host.userHome);
  const base = { manager: 'launchd' as const, name: LAUNCHD_LABEL, file, installed: host.files.exists(file) };
  const result = await host.runner('launchctl', ['print', target(host)]);
  if (result.code !== 0) {
    if (!base.installed) return { ...base, state: 'not-installed', detail: `Not installed (no ${file}).` };
    return { ...base, state: 'stopped', detail: `Installed (${file}) but not loaded in ${domain(host)}.`, action: 'Run `delegate service install` again to load it.' };
  }
  const state = /^\s*state = (.+)$/m.exec(result.stdout)?.[1]?.trim();
  const pid = Number(/^\s*pid = (\d+)$/m.exec(result.stdout)?.[1]);
  const exit = /^\s*last exit code = (-?\d+)/m.exec(result.stdout)?.[1];
  const facts = { ...(pid > 0 ? { pid } : {}), ...(exit !== undefined ? { lastExitCode: Number(exit) } : {}) };
  const errors = "See launchd-stderr.log in Delegate's logs folder, and `delegate logs`";
  if (state === 'running') return { ...base, ...facts, state: 'running', detail: `Running (process ${pid}).` };
  if (exit !== undefined && Number(exit) !== 0) {
    return { ...base, ...facts, state: 'restarting', detail: `Not running: it last exited with code ${exit}; launchd starts it again (KeepAlive on failure).`, action: `${errors}. "Another Delegate scheduler is already running" means the app runs the jobs now.` };
  }
  return { ...base, ...facts, state: 'stopped', detail: `Loaded but not running (state ${state ?? 'unknown'}).`, action: `Start it with \`launchctl kickstart ${target(host)}\`.` };
}

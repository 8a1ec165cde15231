/**
 * `delegate service` on Windows: a Task Scheduler task for the person's logon, registered from XML with
 * `schtasks /Create /XML`. The XML is kept in Delegate's home (service/delegate-task.xml) as the installed file.
 */
import { win32 } from 'node:path';
import { headlessKeyringOptions } from './headless-keyring.js';
import { encodeTaskXml, renderTaskXml, taskName } from './task-scheduler-xml.js';
import type { ServiceDescription } from './service-description.js';
import type { ServiceHost } from './service-host.js';
import type { PlanStep, ServicePlan } from './service-plan.js';
import type { ServiceStatus } from './service-status.js';

export function taskXmlPath(home: string): string {
  return win32.join(home, 'service', 'delegate-task.xml');
}

export function taskUserId(host: Pick<ServiceHost, 'env' | 'username'>): string {
  const domain = host.env.USERDOMAIN?.trim();
  return domain ? `${domain}\\${host.username}` : host.username;
}

export async function planTaskInstall(host: ServiceHost, description: ServiceDescription): Promise<ServicePlan> {
  const path = taskXmlPath(description.home);
  const text = renderTaskXml(description, { userId: taskUserId(host) });
  const name = taskName(host.username);
  const steps: PlanStep[] = [
    { kind: 'mkdir', path: win32.dirname(path), mode: 0o700 },
    { kind: 'write', path, content: encodeTaskXml(text), mode: 0o600 },
    { kind: 'run', command: 'schtasks', args: ['/Create', '/TN', name, '/XML', path, '/F'] },
    { kind: 'run', command: 'schtasks', args: ['/Run', '/TN', name] },
  ];
  const notes = [
    ...environmentNotes(host, description),
    "Task Scheduler keeps no output: the daemon's lines are in Delegate's log files (`delegate logs`).",
    ...(/(^|[\\/])node\.exe$|\.(cmd|bat)$/i.test(description.program)
      ? [`${win32.basename(description.program)} is a console program: its window stays open (minimise it) while the daemon runs; closing it stops the daemon until the next 5-minute restart.`]
      : []),
    'A crashed daemon is started again within 5 minutes (the logon trigger repeats; a running daemon is left alone).',
    ...headlessKeyringOptions('win32'),
  ];
  return { manager: 'task-scheduler', file: { path, text }, steps, notes };
}

/** Task XML cannot set variables: say which ones the daemon will only have if the account has them. */
function environmentNotes(host: ServiceHost, description: ServiceDescription): string[] {
  const names = Object.keys(description.env).filter((name) => name !== 'DELEGATE_HOME' || host.env.DELEGATE_HOME?.trim());
  if (names.length === 0) return [];
  return [
    `The task runs with your account's environment, not this shell's: ${names.join(', ')} must be set for your account (e.g. \`setx DELEGATE_HOME "${description.env.DELEGATE_HOME}"\`, then log off and on), or the daemon will not see ${names.length === 1 ? 'it' : 'them'}.`,
  ];
}

export async function planTaskUninstall(host: ServiceHost, home: string): Promise<ServicePlan> {
  const path = taskXmlPath(home);
  const name = taskName(host.username);
  const bytes = host.files.read(path);
  return {
    manager: 'task-scheduler',
    file: { path, text: bytes ? decodeTaskXml(bytes) : '' },
    steps: [
      // /End kills the process outright (Task Scheduler has no gentle stop); runs cut off are marked interrupted at the next start.
      { kind: 'run', command: 'schtasks', args: ['/End', '/TN', name], tolerate: true },
      { kind: 'run', command: 'schtasks', args: ['/Delete', '/TN', name, '/F'], tolerate: true },
      { kind: 'remove', path },
    ],
    notes: [],
  };
}

export function decodeTaskXml(bytes: Buffer): string {
  return bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
}

export async function taskStatus(host: ServiceHost, home: string): Promise<ServiceStatus> {
  const name = taskName(host.username);
  const file = taskXmlPath(home);
  const base = { manager: 'task-scheduler' as const, name, file, installed: host.files.exists(file) };
  const result = await host.runner('schtasks', ['/Query', '/TN', name, '/FO', 'CSV', '/NH']);
  if (result.code !== 0) {
    if (!base.installed) return { ...base, state: 'not-installed', detail: `Not installed (no task "${name}").` };
    return { ...base, state: 'stopped', detail: `The task "${name}" is not registered, though ${file} exists.`, action: 'Run `delegate service install` again.' };
  }
  // "TaskName","Next Run Time","Status": the status is in the system's language; "Running" is the English one.
  const row = result.stdout.trim().split(/\r?\n/).find((line) => line.includes(name)) ?? '';
  const status = [...row.matchAll(/"([^"]*)"/g)].map((match) => match[1])[2] ?? 'unknown';
  const installed = { ...base, installed: true };
  if (/^running$/i.test(status)) return { ...installed, state: 'running', detail: `Running (task "${name}").` };
  if (/^disabled$/i.test(status)) return { ...installed, state: 'stopped', detail: `The task "${name}" is disabled.`, action: 'Run `delegate service install` again to enable it.' };
  return {
    ...installed,
    state: 'stopped',
    detail: `The task "${name}" is registered but not running (status "${status}").`,
    action: `It starts at your next logon or within 5 minutes; to start it now: \`schtasks /Run /TN "${name}"\`. If it keeps stopping, see \`delegate logs\`.`,
  };
}

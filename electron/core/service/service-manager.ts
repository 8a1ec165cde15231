/**
 * `delegate service` for this platform: the install and uninstall plans and the status, from the manager the
 * platform has (systemd user units, launchd LaunchAgents, Task Scheduler).
 */
import { DelegateError } from '../errors/delegate-error.js';
import { launchdStatus, planLaunchdInstall, planLaunchdUninstall } from './launchd-manager.js';
import { planSystemdInstall, planSystemdUninstall, systemdStatus } from './systemd-manager.js';
import { planTaskInstall, planTaskUninstall, taskStatus } from './task-scheduler-manager.js';
import type { ServiceDescription } from './service-description.js';
import type { ServiceHost } from './service-host.js';
import type { ServicePlan } from './service-plan.js';
import type { ServiceStatus } from './service-status.js';

export function planInstall(host: ServiceHost, description: ServiceDescription): Promise<ServicePlan> {
  if (host.platform === 'linux') return planSystemdInstall(host, description);
  if (host.platform === 'darwin') return planLaunchdInstall(host, description);
  if (host.platform === 'win32') return planTaskInstall(host, description);
  throw unsupported(host.platform);
}

export function planUninstall(host: ServiceHost, home: string): Promise<ServicePlan> {
  if (host.platform === 'linux') return planSystemdUninstall(host);
  if (host.platform === 'darwin') return planLaunchdUninstall(host);
  if (host.platform === 'win32') return planTaskUninstall(host, home);
  throw unsupported(host.platform);
}

export function serviceStatus(host: ServiceHost, home: string): Promise<ServiceStatus> {
  if (host.platform === 'linux') return systemdStatus(host);
  if (host.platform === 'darwin') return launchdStatus(host);
  if (host.platform === 'win32') return taskStatus(host, home);
  throw unsupported(host.platform);
}

function unsupported(platform: string): DelegateError {
  return new DelegateError({
    code: 'service-manager',
    message: `service: Delegate knows systemd (Linux), launchd (macOS) and Task Scheduler (Windows), not the service manager of ${platform}.`,
    action: 'Run `delegate daemon` under your system\'s own supervisor; it stops cleanly on SIGTERM.',
  });
}

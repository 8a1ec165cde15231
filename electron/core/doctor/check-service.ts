/**
 * Whether Delegate's service (systemd user unit, LaunchAgent, Task Scheduler task) is installed and running.
 *
 * Not installed is fine — the app or `delegate daemon` runs the jobs — so it passes. Installed but not running
 * is a warning with what to do, and so is an installed file that differs from what `delegate service install`
 * would write now (Delegate or Node moved, another home): the service may be starting something that is gone.
 */
import { localServiceDescription, localServiceHost } from '../service/local-service.js';
import { planInstall, serviceStatus } from '../service/service-manager.js';
import { systemRunner } from '../service/service-runner.js';
import { decodeTaskXml } from '../service/task-scheduler-manager.js';
import { DeadlineExceeded } from './with-deadline.js';
import type { ServiceDescription } from '../service/service-description.js';
import type { ServiceHost } from '../service/service-host.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

/** Each manager command is a local query; one that hangs must not hold doctor. */
const QUERY_TIMEOUT_MS = 5_000;
const TITLE = 'Service: the daemon run by the system';

export interface ServiceCheckOptions {
  host?: ServiceHost;
  /** What install would write now; throws where it cannot be told (inside the app without its launcher). */
  describe?: (home: string) => ServiceDescription;
}

export async function checkService(context: Pick<DoctorContext, 'home'>, options: ServiceCheckOptions = {}): Promise<DoctorFinding> {
  const host = options.host ?? localServiceHost(systemRunner(QUERY_TIMEOUT_MS));
  const status = await serviceStatus(host, context.home);
  const base = { id: 'service', area: 'service' as const, title: TITLE, data: { ...status } };
  if (status.state === 'not-installed') {
    return { ...base, status: 'pass', detail: 'Not installed: the app or `delegate daemon` runs the jobs (`delegate service install` makes the daemon a service).' };
  }
  if (status.state !== 'running') {
    return { ...base, status: 'warn', detail: `Installed (${status.file}) but ${status.state}: ${status.detail}`, action: status.action ?? 'Run `delegate service status`, then `delegate service install` again.' };
  }
  const stale = await differsFromInstall(host, context.home, status.file, options.describe ?? ((home) => localServiceDescription(home)));
  if (stale) {
    return {
      ...base,
      status: 'warn',
      detail: `Running, but ${status.file} is not what \`delegate service install\` would write now (${stale}).`,
      action: 'Run `delegate service install` again, from the Delegate you use now (`--dry-run` shows the new file first).',
    };
  }
  return { ...base, status: 'pass', detail: status.detail };
}

/** The finding when the check itself timed out or threw. */
export function serviceUnanswered(error: unknown): DoctorFinding {
  const why = error instanceof DeadlineExceeded ? 'the service manager did not answer in time' : `the check failed: ${error instanceof Error ? error.message : String(error)}`;
  return { id: 'service', area: 'service', status: 'warn', title: TITLE, detail: `Could not tell whether Delegate's service runs: ${why}.`, action: 'Run `delegate service status` to see what the service manager says.' };
}

async function differsFromInstall(host: ServiceHost, home: string, file: string, describe: (home: string) => ServiceDescription): Promise<string | undefined> {
  const bytes = host.files.read(file);
  if (!bytes) return undefined;
  let expected: string;
  try {
    expected = (await planInstall(host, describe(home))).file.text;
  } catch {
    return undefined; // This process cannot tell what install would write (the app without its launcher): no claim.
  }
  const installed = host.platform === 'win32' ? decodeTaskXml(bytes) : bytes.toString('utf8');
  if (installed === expected) return undefined;
  if (!installed.includes(home)) return `it is for another Delegate home, not ${home}`;
  return 'Delegate, Node or the carried variables changed since it was installed';
}

/**
 * What `delegate service status` and doctor report: is the service installed, and is it running.
 */
import type { ServiceManagerName } from './service-plan.js';

export type ServiceState =
  /** No service file: the app or `delegate daemon` (run by hand) runs the jobs. */
  | 'not-installed'
  | 'running'
  /** It exited with a failure and the manager will start it again shortly. */
  | 'restarting'
  /** It exited with a failure and the manager gave up (or will start it only at the next login). */
  | 'failed'
  /** Installed but not running, without a failure (stopped, or not loaded). */
  | 'stopped'
  /** The manager could not be asked (no systemd user instance, a command missing). */
  | 'unknown';

export interface ServiceStatus {
  manager: ServiceManagerName;
  /** The manager's name for it: the unit, the launchd label, the task name. */
  name: string;
  installed: boolean;
  /** The service definition file. */
  file: string;
  state: ServiceState;
  /** What was found, in words. */
  detail: string;
  /** What to do, when the state needs something. */
  action?: string;
  pid?: number;
  /** The daemon's last exit code, when the manager knows it. */
  lastExitCode?: number;
  /** Restarts after failures, when the manager counts them (systemd). */
  restarts?: number;
}

/**
 * The one description of Delegate's service, from which the systemd unit, the launchd plist and the Task
 * Scheduler XML are all rendered: what to run, with which environment, and how to restart it.
 */
import { posix, win32 } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { serviceEnvironment, type SkippedVariable } from './service-env.js';
import type { ServiceProgram } from './service-program.js';

export interface ServiceDescription {
  /** Absolute path of the executable the manager starts. */
  program: string;
  /** Its arguments, ending in `daemon`. */
  args: string[];
  /** Variables to set for the daemon (see service-env.ts). */
  env: Record<string, string>;
  /** Variables seen in the shell but deliberately not carried, with why. */
  skippedEnv: SkippedVariable[];
  /** Delegate's home (absolute). */
  home: string;
  /** Where a manager that can only write to files (launchd) puts what the daemon prints on stderr. */
  logsDir: string;
  /** The person's home folder: the daemon's working directory. */
  userHome: string;
  /** First wait before a restart after a failure. */
  restartDelaySeconds: number;
  /** The longest wait between restarts, where the manager backs off (systemd 254+). */
  maxRestartDelaySeconds: number;
  /**
   * How long a stop may take before the manager kills: the daemon's default grace (30 s) for running runs, plus
   * room to record the rest as interrupted.
   */
  stopTimeoutSeconds: number;
  /** In words, for the install output. */
  how: string;
}

/**
 * 30 s: after a crash a restart soon is right, and the common "failure" — the app holds the scheduler lock, so
 * the daemon exits — then costs one short log line every 30 s until the app quits and the service takes over.
 */
export const RESTART_DELAY_SECONDS = 30;
export const MAX_RESTART_DELAY_SECONDS = 600;
export const STOP_TIMEOUT_SECONDS = 60;

export function describeService(options: { home: string; env: NodeJS.ProcessEnv; userHome: string; program: ServiceProgram; platform?: NodeJS.Platform }): ServiceDescription {
  const platform = options.platform ?? process.platform;
  const { env, skipped } = serviceEnvironment(options.home, options.env, platform);
  const home = env.DELEGATE_HOME as string;
  const description: ServiceDescription = {
    program: options.program.program,
    args: [...options.program.args, 'daemon'],
    env,
    skippedEnv: skipped,
    home,
    logsDir: (platform === 'win32' ? win32 : posix).join(home, 'logs'),
    userHome: options.userHome,
    restartDelaySeconds: RESTART_DELAY_SECONDS,
    maxRestartDelaySeconds: MAX_RESTART_DELAY_SECONDS,
    stopTimeoutSeconds: STOP_TIMEOUT_SECONDS,
    how: options.program.how,
  };
  for (const value of [description.program, ...description.args, ...Object.values(description.env), description.userHome]) refuseControlCharacters(value);
  return description;
}

/**
 * A newline or other control character (or a bidi override) in a path cannot be written safely into any of the three formats (XML 1.0
 * forbids most of them outright), so it is refused with the path named rather than half-escaped.
 */
export function refuseControlCharacters(value: string): void {
  // Bidi overrides too: they would make the path look like another one, and the terminal output escapes them.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(value)) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `service: ${JSON.stringify(value)} contains a control character (a newline, a tab) or a bidi override, which a service definition cannot hold safely.`,
      action: 'Move Delegate (or its home, or the variable) to a path without control characters and run `delegate service install` again.',
    });
  }
}

/**
 * Error codes that cross process boundaries.
 *
 * Errors travel over IPC and out of the CLI's `--json` as plain data (`ErrorData`), so the codes are
 * strings that survive serialisation, in the manner of msal-node's string error codes.
 */
export const ErrorCodes = {
  /** The refresh token is gone, expired, revoked or needs MFA/consent: a person must sign in again. */
  signInRequired: 'sign-in-required',
  /** No account is signed in on this profile yet. */
  signedOut: 'signed-out',
  /** Conditional Access blocks this flow (AADSTS53003/530033). */
  blockedByPolicy: 'blocked-by-policy',
  /** The client ID is not pre-authorised for a requested scope or resource (AADSTS65002). */
  scopeNotPreauthorized: 'scope-not-preauthorized',
  /** A job needs a Graph permission its profile's sign-in was not granted (the token's `scp` lacks it). */
  scopeMissing: 'scope-missing',
  /** The identity provider or Graph could not be reached. */
  network: 'network',
  /** The OS keychain (Secret Service, Keychain, DPAPI) is unavailable. */
  keychainUnavailable: 'keychain-unavailable',
  /** The keychain holding an existing sign-in is locked, restarting or gone: wait or unlock it; not a sign-in problem. */
  keychainLocked: 'keychain-locked',
  /** Another process holds the token cache lock for too long. */
  cacheLocked: 'cache-locked',
  /** The configuration file is not valid. */
  invalidConfig: 'invalid-config',
  /** A profile name that does not exist. */
  unknownProfile: 'unknown-profile',
  /** A profile definition or command argument is not valid. */
  invalidInput: 'invalid-input',
  /** A scope name that Microsoft Graph does not have. */
  invalidScope: 'invalid-scope',
  /** The person declined the device code sign-in. */
  deviceCodeDeclined: 'device-code-declined',
  /** The device code expired before anyone entered it. */
  deviceCodeExpired: 'device-code-expired',
  /** The person cancelled a sign-in. */
  cancelled: 'cancelled',
  /** The identity provider answered with an error Delegate has no specific advice for. */
  authFailed: 'auth-failed',
  /** Microsoft Graph kept throttling (429, or 503 with Retry-After) past Delegate's bounded retries. */
  graphThrottled: 'graph-throttled',
  /** Microsoft Graph answered with an error; Graph's own `error.code` and `request-id` go in the detail. */
  graphError: 'graph-error',
  /** A job's script exited with an error or could not start. */
  scriptFailed: 'script-failed',
  /** A run took longer than its job's `timeoutMinutes` and was stopped. */
  timedOut: 'timed-out',
  /** A run of the same job was still going, so this one did not start. */
  alreadyRunning: 'already-running',
  /** Delegate stopped (crash, quit, power loss) before a run finished. */
  interrupted: 'interrupted',
  /** Another scheduler (the app or `delegate daemon`) already runs for this Delegate home. */
  schedulerRunning: 'scheduler-running',
  /** A local file or folder a job reads or writes cannot be used (missing, no permission, disk full). */
  fileAccess: 'file-access',
  /**
   * An action that must not happen twice (mail, a Teams post, a non-GET Graph request) may or may not have taken
   * effect: the connection broke after the request was sent. Never retried; the person checks.
   */
  outcomeUnknown: 'outcome-unknown',
  /**
   * An action that must not happen twice took effect (Graph said so), but what came after it failed (e.g. saving
   * its answer to a file). Never retried: a retry would do the action again.
   */
  actionDone: 'action-done',
  /** The OS service manager (systemd --user, launchd, Task Scheduler) is not there or refused a step of `delegate service`. */
  serviceManager: 'service-manager',
  /**
   * A file Delegate was asked to edit (jobs.yaml) changed on disk since the window read it: nothing was written;
   * reload and make the change again.
   */
  fileChanged: 'file-changed',
  /** A bug or an unexpected condition. */
  unexpected: 'unexpected',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** An error as data: what happened, in plain words, and what to do about it. */
export interface ErrorData {
  code: ErrorCode;
  /** What happened, in plain words. */
  message: string;
  /** What the person should do next. */
  action: string;
  /** The Entra ID error number (AADSTS…), kept for support. */
  aadsts?: number;
  /** Technical detail for support (never token material). */
  detail?: string;
}

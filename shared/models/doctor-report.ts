/**
 * What `delegate doctor` and Settings' "Check my setup" report: one finding per thing checked.
 *
 * Plain data, the same for the CLI's `--json` and the window. Never a token, never a proxy password (proxies
 * appear with `***` in place of any password).
 */
import type { ErrorCode } from '../errors.js';

export type FindingStatus = 'pass' | 'warn' | 'fail';

export type FindingArea = 'proxy' | 'network' | 'tls' | 'clock' | 'keychain' | 'locks' | 'versions' | 'sign-in' | 'scopes' | 'service';

export interface DoctorFinding {
  /** Stable per check and target, e.g. `proxy:graph`, `tls:https://graph.microsoft.com`, `keychain`. */
  id: string;
  area: FindingArea;
  status: FindingStatus;
  /** What was checked, in a few words: "TLS to graph.microsoft.com". */
  title: string;
  /** What was found. */
  detail: string;
  /** What to do; present on every warn and fail. */
  action?: string;
  /**
   * On a fail: the kind of problem, as Delegate's error codes name it (`network`, `keychain-locked`,
   * `sign-in-required`, …). It decides the CLI's exit code.
   */
  code?: ErrorCode;
  /** Machine-readable facts behind the line (addresses, the certificate chain, the proxy decision…). */
  data?: Record<string, unknown>;
}

export interface DoctorReport {
  profile: string;
  /** True when nothing failed (warnings allowed). */
  ok: boolean;
  /** The network stack the checks went through: `node` (CLI, daemon) or `chromium` (the app). */
  transport: string;
  /** When the checks ran (ISO). */
  checkedAt: string;
  findings: DoctorFinding[];
}

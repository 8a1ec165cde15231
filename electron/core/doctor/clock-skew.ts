/**
 * How far this computer's clock is from the sign-in server's, judged the way Entra ID judges tokens: a few
 * minutes of skew make issued tokens look not-yet-valid or expired (its tolerance is about five minutes).
 */
import type { FindingStatus } from '../../../shared/models/doctor-report.js';

/** Above this, warn: still accepted, but close to where tokens start to be refused. */
export const SKEW_WARN_MS = 2 * 60_000;
/** Above this, fail: Entra ID refuses tokens (and sign-ins) with this much skew. */
export const SKEW_FAIL_MS = 5 * 60_000;

export function judgeSkew(skewMs: number): FindingStatus {
  const size = Math.abs(skewMs);
  if (size > SKEW_FAIL_MS) return 'fail';
  if (size > SKEW_WARN_MS) return 'warn';
  return 'pass';
}

/**
 * Server time minus local time, with the local time taken halfway through the exchange (the server stamped
 * its `Date` somewhere in between). Null for a missing or unreadable header.
 */
export function measureSkew(dateHeader: string | undefined, sentAt: number, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  return server - (sentAt + receivedAt) / 2;
}

export function describeSkew(skewMs: number): string {
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (seconds < 2) return 'in step with the server (within a second or two)';
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`;
  return `${amount} ${skewMs > 0 ? 'behind' : 'ahead of'} the server`;
}

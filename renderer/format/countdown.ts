/**
 * Words and numbers for the two countdowns: the device code's minutes and the refresh token's days.
 */

/**
 * The device code's time left as m:ss ("14:59"); never negative.
 *
 * Whole seconds are cut down (a code valid for 900.4 s reads 15:00, not 15:01), but a code with any time left
 * never reads 0:00.
 */
export function formatCodeTimeLeft(msLeft: number): string {
  const totalSeconds = msLeft > 0 ? Math.max(1, Math.floor(msLeft / 1000)) : 0;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

/**
 * The device code's time left for a screen reader.
 *
 * It changes at most once a minute (then at 60 and 30 seconds), so a live region reading it does not
 * talk over the person every second.
 */
export function describeCodeTimeLeft(msLeft: number): string {
  if (msLeft <= 0) return 'The code has expired.';
  if (msLeft <= 30_000) return 'Less than 30 seconds left on the code.';
  if (msLeft <= 60_000) return 'Less than a minute left on the code.';
  const minutes = Math.ceil(msLeft / 60_000);
  return `About ${minutes} minutes left on the code.`;
}

/** "63 days left", "1 day left", "Less than a day left"; null when there is no countdown (signed out). */
export function describeDaysLeft(daysRemaining: number | null): string | null {
  if (daysRemaining === null) return null;
  if (daysRemaining <= 0) return 'Less than a day left';
  return daysRemaining === 1 ? '1 day left' : `${daysRemaining} days left`;
}

/** How full the countdown ring is: days left over the lifetime, between 0 and 1. */
export function ringFraction(daysRemaining: number | null, lifetimeDays: number): number {
  if (daysRemaining === null || lifetimeDays <= 0) return 0;
  return Math.min(1, Math.max(0, daysRemaining / lifetimeDays));
}

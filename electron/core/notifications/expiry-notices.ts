/**
 * Warnings before a sign-in expires, and the one notice when it has (or when policy blocks it).
 *
 * Pure: the profile's health and what was already said in, the notice to show (if any) and the new state out.
 * Each threshold is announced once per sign-in. Only the most urgent threshold crossed is shown, so an app that
 * was off for a week says "expires in 5 days" once rather than "14 days" and "7 days" back to back.
 */
import { clip, type DesktopNotification } from './desktop-notification.js';
import { formatDay, type TimeFormat } from './format-time.js';
import type { ExpiryNoticeState } from './notification-state.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

/** Days before the forecast expiry at which Delegate warns (PRODUCT.md: 14, 7, 3, 1). */
export const DEFAULT_EXPIRY_THRESHOLDS: readonly number[] = [14, 7, 3, 1];

export interface ExpiryNoticeResult {
  state: ExpiryNoticeState;
  notification: DesktopNotification | null;
}

/**
 * The sign-in a profile's warnings belong to: when a refresh token was last issued. Entra ID issues a new one
 * on every redemption, so a new sign-in or a successful silent refresh moves the expiry and starts a new epoch;
 * a refusal does not (it is about the same, dead, token).
 */
export function signInEpoch(health: ProfileHealth): string | null {
  const dates = [health.lastInteractiveAuth, health.lastSilentAuth].filter((date): date is string => Boolean(date));
  if (dates.length === 0) return null;
  return dates.reduce((latest, date) => (Date.parse(date) > Date.parse(latest) ? date : latest));
}

export function expiryNotice(
  health: ProfileHealth,
  previous: ExpiryNoticeState | undefined,
  thresholds: readonly number[] = DEFAULT_EXPIRY_THRESHOLDS,
  format: TimeFormat = {},
): ExpiryNoticeResult {
  if (!health.account) return { state: { epoch: null, warned: [], ended: null }, notification: null };
  const epoch = signInEpoch(health);
  const state: ExpiryNoticeState = previous && previous.epoch === epoch ? { ...previous, warned: [...previous.warned] } : { epoch, warned: [], ended: null };

  if (health.status === 'expired' || health.status === 'blocked') {
    if (state.ended === health.status) return { state, notification: null };
    // Once it has ended, the countdown warnings of this sign-in are moot.
    return { state: { ...state, ended: health.status, warned: [...thresholds] }, notification: endNotice(health) };
  }
  if ((health.status !== 'ok' && health.status !== 'warning') || health.daysRemaining === null) return { state, notification: null };

  // A threshold at or beyond the lifetime would fire the moment someone signs in (a 10-day lifetime and a
  // 14-day warning): only thresholds shorter than the lifetime count.
  const days = health.daysRemaining;
  const crossed = thresholds.filter((threshold) => threshold < health.lifetimeDays && days <= threshold);
  if (crossed.length === 0) return { state, notification: null };
  const mostUrgent = Math.min(...crossed);
  if (state.warned.includes(mostUrgent)) return { state, notification: null };
  const warned = [...new Set([...state.warned, ...crossed])].sort((a, b) => b - a);
  return { state: { ...state, warned }, notification: warningNotice(health, days, mostUrgent, format) };
}

function warningNotice(health: ProfileHealth, days: number, threshold: number, format: TimeFormat): DesktopNotification {
  const when = days === 1 ? 'in 1 day' : `in ${days} days`;
  const before = health.expiresAt ? ` before ${formatDay(health.expiresAt, format)}` : '';
  return {
    id: `expiry:${health.profile}:${threshold}`,
    kind: 'expiry-warning',
    title: `${health.profile}: sign-in expires ${when}`,
    body: `Sign in again${before} to keep ${health.account?.username ?? 'this account'}'s scheduled jobs running. Click to sign in.`,
    target: { view: 'reauth' },
    profile: health.profile,
  };
}

function endNotice(health: ProfileHealth): DesktopNotification {
  const blocked = health.status === 'blocked';
  // Blocked: what happened, then the one action that works (a device code sign-in would be refused again); the
  // reason's own action text would be clipped away.
  const body = blocked
    ? `${firstSentence(health.reason)} Jobs are skipped until then. Click to sign in with a browser.`
    : `${health.reason} Scheduled jobs on this profile are skipped until then. Click to sign in.`;
  return {
    id: `${blocked ? 'blocked' : 'expired'}:${health.profile}`,
    kind: blocked ? 'sign-in-blocked' : 'sign-in-required',
    title: blocked ? `${health.profile}: sign-in blocked by policy` : `${health.profile}: sign in again`,
    body: clip(body),
    target: { view: 'reauth' },
    profile: health.profile,
  };
}

function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

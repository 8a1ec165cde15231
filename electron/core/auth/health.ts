/**
 * The health of a profile, as a pure function of its metadata and the time.
 *
 * Errors are truth, arithmetic is a forecast. The forecast: a refresh token dies after `lifetimeDays` without
 * use, counted from the last time one was redeemed — the interactive sign-in, or a silent refresh (the daily
 * probe is one), because Entra ID replaces the refresh token on every use and restarts its inactivity window.
 * The truth: if Entra ID refused a silent request after the last interactive sign-in, the profile needs a person,
 * whatever the arithmetic says. A network failure is neither and changes nothing.
 */
import { DAY_MS } from '../clock.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { ProfileHealth } from '../../../shared/models/health.js';
import type { ProfileMetadata } from './profile-metadata.js';

export function computeHealth(profile: Profile, metadata: ProfileMetadata, now: Date): ProfileHealth {
  const base = {
    profile: profile.name,
    account: metadata.account ? { username: metadata.account.username, tenantId: metadata.account.tenantId, homeAccountId: metadata.account.homeAccountId } : null,
    lastInteractiveAuth: metadata.lastInteractiveAuth,
    lastSilentAuth: metadata.lastSilentAuth,
    lastProbe: metadata.lastProbe,
    signInFlow: metadata.signInFlow,
    imported: metadata.imported ? { at: metadata.imported.at, source: metadata.imported.source } : null,
    cacheBackend: profile.cacheBackend,
    clientId: profile.clientId,
    scopes: withoutOidc(metadata.grantedScopes.length > 0 ? metadata.grantedScopes : profile.scopes),
    grantedScopes: metadata.tokenScopes,
    refusedScopes: metadata.refusedScopes && metadata.refusedScopes.clientId.toLowerCase() === profile.clientId.toLowerCase() ? metadata.refusedScopes.scopes : [],
    lifetimeDays: profile.lifetimeDays,
    warningDays: profile.warningDays,
  };
  if (!metadata.account) {
    return { ...base, status: 'signed-out', reason: 'Nobody is signed in on this profile.', daysRemaining: null, expiresAt: null };
  }

  const refusal = metadata.lastAuthError;
  if (refusal && (!metadata.lastInteractiveAuth || refusal.at >= metadata.lastInteractiveAuth) && isAfterLastSuccess(refusal.at, metadata)) {
    const blocked = refusal.code === 'blocked-by-policy';
    return {
      ...base,
      status: blocked ? 'blocked' : 'expired',
      reason: `${refusal.message} ${refusal.action}`,
      daysRemaining: 0,
      expiresAt: refusal.at,
    };
  }

  const anchor = latest(metadata.lastInteractiveAuth, metadata.lastSilentAuth);
  if (!anchor) {
    return { ...base, status: 'unknown', reason: 'Signed in, but Delegate has no record of when: sign in again or run a probe to learn the real state.', daysRemaining: null, expiresAt: null };
  }
  const expiresAt = new Date(Date.parse(anchor) + profile.lifetimeDays * DAY_MS);
  const elapsedDays = Math.floor((now.getTime() - Date.parse(anchor)) / DAY_MS);
  const daysRemaining = Math.max(0, profile.lifetimeDays - elapsedDays);
  const expiry = { daysRemaining, expiresAt: expiresAt.toISOString() };
  if (daysRemaining <= 0) {
    return { ...base, ...expiry, status: 'expired', reason: `The refresh token has not been used for ${elapsedDays} days and has expired: sign in again.` };
  }
  const dayWord = daysRemaining === 1 ? 'day' : 'days';
  if (daysRemaining <= profile.warningDays) {
    return { ...base, ...expiry, status: 'warning', reason: `The sign-in expires in ${daysRemaining} ${dayWord}: sign in again before then.` };
  }
  return { ...base, ...expiry, status: 'ok', reason: `The sign-in is good for ${daysRemaining} more ${dayWord}.` };
}

function isAfterLastSuccess(at: string, metadata: ProfileMetadata): boolean {
  return !metadata.lastSilentAuth || at >= metadata.lastSilentAuth;
}

function latest(...dates: Array<string | null>): string | null {
  let best: string | null = null;
  for (const date of dates) if (date && (!best || Date.parse(date) > Date.parse(best))) best = date;
  return best;
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** The permissions worth showing: the sign-in's own OpenID scopes say nothing about what jobs can do. */
function withoutOidc(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
}

import { describe, expect, it } from 'vitest';
import { computeHealth } from '../../../electron/core/auth/health.js';
import { EMPTY_METADATA, type ProfileMetadata } from '../../../electron/core/auth/profile-metadata.js';
import { defaultProfileTemplate } from '../../../electron/core/config/profile-resolver.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-21T12:00:00Z');
const profile = defaultProfileTemplate('work');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

function signedIn(overrides: Partial<ProfileMetadata> = {}): ProfileMetadata {
  return {
    ...structuredClone(EMPTY_METADATA),
    account: { username: 'adele@contoso.com', tenantId: 't', homeAccountId: 'h', environment: 'login.microsoftonline.com' },
    lastInteractiveAuth: now.toISOString(),
    ...overrides,
  };
}

describe('profile health', () => {
  it('shows a fresh sign-in as ok with 90 days left', () => {
    const health = computeHealth(profile, signedIn(), now);
    expect(health.status).toBe('ok');
    expect(health.daysRemaining).toBe(90);
    expect(health.expiresAt).toBe(new Date(now.getTime() + 90 * DAY).toISOString());
  });

  it('warns with 6 days left when the last sign-in was 84 days ago', () => {
    const health = computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(84) }), now);
    expect(health.status).toBe('warning');
    expect(health.daysRemaining).toBe(6);
    expect(health.reason).toContain('6 days');
  });

  it('starts warning at the configured threshold, not before', () => {
    expect(computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(82) }), now).status).toBe('ok');
    expect(computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(83) }), now).status).toBe('warning');
    expect(computeHealth({ ...profile, warningDays: 14 }, signedIn({ lastInteractiveAuth: daysAgo(77) }), now).status).toBe('warning');
  });

  it('shows expired with 0 days left once 90 days have passed', () => {
    const health = computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(90) }), now);
    expect(health.status).toBe('expired');
    expect(health.daysRemaining).toBe(0);
  });

  it('honours a shorter lifetime configured on the profile', () => {
    const health = computeHealth({ ...profile, lifetimeDays: 30 }, signedIn({ lastInteractiveAuth: daysAgo(20) }), now);
    expect(health.daysRemaining).toBe(10);
  });

  it('restarts the countdown after a silent refresh, because Entra renews the refresh token on use', () => {
    const health = computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(120), lastSilentAuth: daysAgo(1) }), now);
    expect(health.status).toBe('ok');
    expect(health.daysRemaining).toBe(89);
  });

  it('trusts a refusal from Entra over the arithmetic', () => {
    const refusal = { at: daysAgo(1), code: 'sign-in-required', message: 'Your sign-in was revoked (AADSTS50173).', action: 'Sign in again.', aadsts: 50173 };
    const health = computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(10), lastAuthError: refusal }), now);
    expect(health.status).toBe('expired');
    expect(health.reason).toContain('AADSTS50173');
  });

  it('reports a Conditional Access block as blocked', () => {
    const refusal = { at: daysAgo(1), code: 'blocked-by-policy', message: 'Blocked (AADSTS53003).', action: 'Use the browser sign-in.', aadsts: 53003 };
    expect(computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(10), lastAuthError: refusal }), now).status).toBe('blocked');
  });

  it('forgets a refusal once the person signs in again', () => {
    const refusal = { at: daysAgo(2), code: 'sign-in-required', message: 'Expired.', action: 'Sign in.', aadsts: 700082 };
    expect(computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(1), lastAuthError: refusal }), now).status).toBe('ok');
  });

  it('leaves the status alone when the last probe failed only for lack of network', () => {
    const probe = { at: now.toISOString(), outcome: 'network-error' as const, message: 'Could not reach the host.' };
    const health = computeHealth(profile, signedIn({ lastInteractiveAuth: daysAgo(10), lastProbe: probe }), now);
    expect(health.status).toBe('ok');
    expect(health.daysRemaining).toBe(80);
    expect(health.lastProbe).toEqual(probe);
  });

  it('shows signed-out when nobody is signed in, and unknown when the sign-in date is missing', () => {
    expect(computeHealth(profile, structuredClone(EMPTY_METADATA), now).status).toBe('signed-out');
    expect(computeHealth(profile, signedIn({ lastInteractiveAuth: null }), now).status).toBe('unknown');
  });
});

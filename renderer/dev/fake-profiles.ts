/**
 * The fake profiles and their health: a healthy work profile, a government tenant about to lapse, and a lab
 * profile on the emulator with a plaintext cache.
 */
import { CLIENT_PRESETS } from '../../shared/client-presets.js';
import { defaultScopesFor } from '../../shared/default-scopes.js';
import type { HealthStatus, ProfileHealth } from '../../shared/models/health.js';
import type { Profile } from '../../shared/models/profile.js';

const DAY = 86_400_000;

export function fakeProfiles(): Profile[] {
  return [
    {
      name: 'work',
      id: '5b0e6c1a-1f0d-4a37-9a55-3d1b8e0f2c41',
      cloud: 'global',
      clientId: CLIENT_PRESETS[0]?.clientId ?? '',
      tenant: 'organizations',
      scopes: defaultScopesFor(CLIENT_PRESETS[0]?.clientId ?? ''),
      extraResources: ['https://contoso.sharepoint.com'],
      lifetimeDays: 90,
      warningDays: 7,
      cacheBackend: 'keychain',
    },
    {
      name: 'contoso-gov',
      id: '0f7d3c22-8e44-4a0c-b9d1-6a2e5f8c3b10',
      cloud: 'usgov',
      clientId: CLIENT_PRESETS[1]?.clientId ?? '',
      tenant: 'contoso.onmicrosoft.us',
      scopes: ['https://graph.microsoft.us/User.Read', 'https://graph.microsoft.us/Mail.Send'],
      extraResources: [],
      lifetimeDays: 90,
      warningDays: 14,
      cacheBackend: 'keychain',
    },
    {
      name: 'lab',
      id: '9a1c4e7f-2b3d-4c5e-8f90-a1b2c3d4e5f6',
      cloud: 'custom',
      authorityHost: 'https://127.0.0.1:8443',
      graphBaseUrl: 'https://127.0.0.1:8443/graph',
      caFile: '/home/alex/delegate-emulator/ca.pem',
      clientId: 'b8e2f6a4-3c71-4d59-9e0a-7f1d2c3b4a56',
      tenant: 'organizations',
      scopes: ['User.Read', 'Mail.Send', 'Files.ReadWrite.All'],
      extraResources: [],
      lifetimeDays: 90,
      warningDays: 7,
      cacheBackend: 'plaintext',
    },
  ];
}

const REASONS: Record<HealthStatus, (days: number) => string> = {
  ok: (days) => `Last refreshed ${90 - days} days ago; the sign-in stays valid for ${days} more days even if nothing refreshes it.`,
  warning: (days) => `Only ${days} days left: nothing has refreshed the sign-in recently. Sign in again, or click Check now to refresh it.`,
  expired: () => 'Entra ID refused the refresh token (AADSTS700082: unused for 90 days). Sign in again.',
  'signed-out': () => 'Nobody is signed in on this profile yet.',
  unknown: () => 'Delegate has not heard from Entra ID yet for this profile. Click Check now.',
  blocked: () => 'Conditional Access blocks sign-in with a device code on this computer (AADSTS53003). Sign in with a browser instead.',
  'keychain-locked': () => 'The keychain is locked (the Secret Service keyring is locked), so Delegate cannot read your sign-in right now; runs wait. Unlock your keyring.',
};

export function fakeHealth(profile: Profile, status: HealthStatus, nowMs: number, username: string): ProfileHealth {
  const daysRemaining = status === 'ok' ? 63 : status === 'warning' ? 5 : status === 'expired' ? 0 : status === 'blocked' ? 41 : status === 'unknown' ? 77 : status === 'keychain-locked' ? 50 : null;
  const signedIn = status !== 'signed-out';
  const lastSilent = daysRemaining === null ? null : new Date(nowMs - (profile.lifetimeDays - daysRemaining) * DAY).toISOString();
  return {
    profile: profile.name,
    status,
    reason: REASONS[status](daysRemaining ?? 0),
    account: signedIn ? { username, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', homeAccountId: 'a1b2c3d4.72f988bf' } : null,
    daysRemaining,
    expiresAt: daysRemaining === null ? null : new Date(nowMs + daysRemaining * DAY).toISOString(),
    lastInteractiveAuth: signedIn ? new Date(nowMs - 61 * DAY - 3 * 3_600_000).toISOString() : null,
    lastSilentAuth: lastSilent,
    lastProbe: signedIn
      ? status === 'expired'
        ? { at: new Date(nowMs - 2 * 3_600_000).toISOString(), outcome: 'sign-in-required', message: 'The refresh token has expired.', aadsts: 700082 }
        : status === 'blocked'
          ? { at: new Date(nowMs - 2 * 3_600_000).toISOString(), outcome: 'blocked', message: 'Blocked by Conditional Access.', aadsts: 53003 }
          : { at: lastSilent ?? new Date(nowMs).toISOString(), outcome: 'ok' }
      : null,
    cacheBackend: profile.cacheBackend,
    clientId: profile.clientId,
    scopes: profile.scopes,
    lifetimeDays: profile.lifetimeDays,
    warningDays: profile.warningDays,
  };
}

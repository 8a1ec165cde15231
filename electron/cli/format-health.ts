/**
 * The human-readable status of a profile.
 */
import { endpointsFor } from '../core/auth/cloud-endpoints.js';
import { presetForClientId } from '../../shared/client-presets.js';
import type { Profile } from '../../shared/models/profile.js';
import type { ProfileHealth } from '../../shared/models/health.js';

export function formatHealth(profile: Profile, health: ProfileHealth, cacheLocation: string): string {
  const client = presetForClientId(profile.clientId);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');
  const rows: Array<[string, string]> = [
    ['Profile', `${profile.name} (${endpointsFor(profile).label} cloud, tenant ${profile.tenant})`],
    ['Status', `${health.status.toUpperCase()}: ${health.reason}`],
    ['Account', health.account ? `${health.account.username} (tenant ${health.account.tenantId})` : '—'],
    ['Days left', health.daysRemaining === null ? '—' : `${health.daysRemaining} of ${health.lifetimeDays} (warns at ${health.warningDays})`],
    ['Expires', health.expiresAt ? when(health.expiresAt) : '—'],
    [
      'Signed in',
      !health.lastInteractiveAuth && health.imported
        ? `unknown (the sign-in was imported from ${health.imported.source} on ${when(health.imported.at)})`
        : `${when(health.lastInteractiveAuth)}${health.signInFlow ? ` (${health.signInFlow === 'browser' ? 'browser sign-in' : 'device code'})` : ''}`,
    ],
    ['Refreshed', when(health.lastSilentAuth)],
    ['Last probe', health.lastProbe ? `${when(health.lastProbe.at)}: ${health.lastProbe.outcome}${health.lastProbe.message ? ` (${health.lastProbe.message})` : ''}` : 'never'],
    ['Client ID', `${profile.clientId}${client ? ` (${client.label})` : ' (custom)'}`],
    [
      'Cache',
      health.cacheBackend === 'keychain'
        ? 'OS keychain'
        : `PLAINTEXT file ${cacheLocation} (mode 0600): anyone who can read your files can use this sign-in`,
    ],
    ['Scopes', health.scopes.join(' ')],
    ['Granted', health.grantedScopes ? `${health.grantedScopes.scopes.join(' ')} (in the access token of ${when(health.grantedScopes.at)})` : '— (no access token read yet: run `delegate status --probe`)'],
  ];
  if (health.refusedScopes && health.refusedScopes.length > 0) rows.push(['Refused', `${health.refusedScopes.join(' ')} (Microsoft does not let this client ID ask for them: AADSTS65002)`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}

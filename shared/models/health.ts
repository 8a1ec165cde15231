/**
 * Health of a sign-in profile: the 90-day countdown and what the last contact with Entra ID said.
 */
/**
 * `keychain-locked`: the OS keychain holding the sign-in is locked, restarting or missing — the sign-in itself
 * is not known to be bad, runs wait for the keychain and resume by themselves.
 */
export type HealthStatus = 'ok' | 'warning' | 'expired' | 'signed-out' | 'unknown' | 'blocked' | 'keychain-locked';

export type CacheBackend = 'keychain' | 'plaintext';

export interface AccountSummary {
  username: string;
  tenantId: string;
  homeAccountId: string;
}

export type ProbeOutcome = 'ok' | 'sign-in-required' | 'blocked' | 'network-error' | 'error';

export interface ProbeResult {
  at: string;
  outcome: ProbeOutcome;
  /** Plain-words message for a failed probe. */
  message?: string;
  aadsts?: number;
}

export interface ProfileHealth {
  profile: string;
  status: HealthStatus;
  /** One sentence saying why the status is what it is. */
  reason: string;
  account: AccountSummary | null;
  daysRemaining: number | null;
  /** When the refresh token is forecast to die if nothing refreshes it. */
  expiresAt: string | null;
  lastInteractiveAuth: string | null;
  lastSilentAuth: string | null;
  lastProbe: ProbeResult | null;
  /** How the current session was started; device code sessions are protocol-tracked by Conditional Access. */
  signInFlow?: 'device-code' | 'browser' | null;
  /** The sign-in was imported from another program's MSAL cache file (`delegate import`): when and from where. */
  imported?: { at: string; source: string } | null;
  cacheBackend: CacheBackend;
  clientId: string;
  scopes: string[];
  /** What the last Graph access token really carried (its `scp`, OpenID scopes left out) and when it was read. */
  grantedScopes?: { scopes: string[]; at: string } | null;
  /** Scopes Microsoft refused to the profile's client ID (AADSTS65002); the sign-in went ahead without them. */
  refusedScopes?: string[];
  lifetimeDays: number;
  warningDays: number;
}

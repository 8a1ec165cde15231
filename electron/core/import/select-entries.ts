/**
 * Picks from an MSAL cache file the sign-in a profile can use: a refresh token of the profile's client ID, on the
 * profile's sign-in host, of an account in the profile's tenant — or refuses, naming what the file holds, what
 * the profile expects, and the command that would fit.
 *
 * Tenants: Entra refresh tokens are not tied to a tenant (msal keys them without a realm); accounts, ID tokens and
 * access tokens are. msal Python keeps the authority's tenant segment as `realm` (`organizations` for the seed's
 * authority), msal-node the tenant ID. So an account's tenants are its GUID realms, its ID tokens' `tid`, and —
 * when it only has `organizations`/`common` — its home tenant (the second half of `home_account_id`). A profile on
 * `organizations`/`common` accepts any; a profile on a tenant GUID wants that one; a profile on a domain cannot be
 * compared offline, and the refresh against that authority decides.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { environmentMatches, environmentsOf } from './cache-environment.js';
import { presetForClientId } from '../../../shared/client-presets.js';
import type { MsalCacheFile, MsalRefreshToken } from './msal-cache-file.js';
import type { Profile } from '../../../shared/models/profile.js';

export interface ImportCandidate {
  homeAccountId: string;
  /** The UPN (`preferred_username`), or the home account ID when the file names no user. */
  username: string;
  /** Tenant IDs the file ties the account to (may be empty when it only knows `organizations`). */
  tenantIds: string[];
  refreshToken: {
    secret: string;
    /** The FOCI family ("1") when it is a family refresh token. */
    familyId: string | null;
    /**
     * When the refresh token was issued, if the file says: msal Python's `last_modification_time`, else the newest
     * access token's `cached_at` (every token response that brings an access token brings a new refresh token).
     */
    issuedAt: string | null;
    issuedAtSource: 'refresh-token' | 'access-token' | null;
  };
  /** The scopes of the file's access tokens (their `target`) and of the refresh token, as msal recorded them. */
  scopesInFile: string[];
}

const WILDCARD_TENANTS = new Set(['organizations', 'common', 'consumers']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function selectImport(file: MsalCacheFile, profile: Profile, options: { path: string; account?: string }): ImportCandidate {
  const { path } = options;
  const refreshTokens = Object.values(file.RefreshToken ?? {});
  const accounts = Object.values(file.Account ?? {});
  if (refreshTokens.length === 0) {
    const who = unique(accounts.map((account) => shortened(account.username ?? account.home_account_id)));
    throw refusal(
      `${path} holds no refresh token${who.length > 0 ? ` (only cached tokens of ${who.join(', ')})` : ''}, so there is no sign-in in it that would last`,
      `Sign in with Delegate instead: \`delegate login --profile ${profile.name}\`.`,
    );
  }

  const clientId = profile.clientId.toLowerCase();
  const ofClient = refreshTokens.filter((token) => token.client_id.toLowerCase() === clientId);
  if (ofClient.length === 0) {
    const fileClients = unique(refreshTokens.map((token) => shortened(token.client_id.toLowerCase())));
    const first = fileClients[0] ?? '';
    throw refusal(
      `the refresh token${refreshTokens.length > 1 ? 's' : ''} in ${path} ${refreshTokens.length > 1 ? 'are' : 'is'} for client ID ${fileClients.map(describeClient).join(', ')}, but profile "${profile.name}" signs in with ${describeClient(clientId)}. A refresh token only works for the client it was issued to`,
      `Import into a profile with that client ID: \`delegate profiles add ${suggestedName(first)} --client-id ${first}\` (with the same --cloud/--tenant as your script), then \`delegate import --msal-cache ${path} --profile ${suggestedName(first)}\`.`,
    );
  }

  const onHost = ofClient.filter((token) => environmentMatches(token.environment, profile));
  if (onHost.length === 0) {
    const fileHosts = unique(ofClient.map((token) => shortened(token.environment.toLowerCase())));
    throw refusal(
      `the refresh token${ofClient.length > 1 ? 's' : ''} in ${path} ${ofClient.length > 1 ? 'were' : 'was'} issued by ${fileHosts.join(', ')}, but profile "${profile.name}" signs in at ${environmentsOf(profile)[0]} (${profile.cloud} cloud)`,
      `Import into a profile on that sign-in host: \`delegate profiles add NAME --client-id ${clientId} --cloud …\` (or \`--cloud custom --authority-host https://${fileHosts[0] ?? 'HOST'}\`), then \`delegate import --msal-cache ${path} --profile NAME\`.`,
    );
  }

  const candidates = unique(onHost.map((token) => token.home_account_id)).map((homeAccountId) => describeAccount(file, profile, homeAccountId, onHost));
  const inTenant = candidates.filter((candidate) => tenantMatches(candidate, profile.tenant));
  if (inTenant.length === 0) {
    const fileTenants = unique(candidates.flatMap((candidate) => candidate.tenantIds));
    throw refusal(
      `the account${candidates.length > 1 ? 's' : ''} in ${path} (${candidates.map((candidate) => candidate.username).join(', ')}) belong${candidates.length > 1 ? '' : 's'} to tenant ${fileTenants.join(', ') || 'unknown'}, but profile "${profile.name}" signs in to tenant ${profile.tenant}`,
      `Import into a profile for that tenant: \`delegate profiles add NAME --client-id ${clientId} --tenant ${fileTenants[0] ?? 'organizations'}\` (or \`--tenant organizations\` for any work account), then \`delegate import --msal-cache ${path} --profile NAME\`.`,
    );
  }

  if (options.account !== undefined) {
    const wanted = options.account.toLowerCase();
    const chosen = inTenant.find((candidate) => candidate.username.toLowerCase() === wanted || candidate.homeAccountId.toLowerCase() === wanted);
    if (!chosen) {
      throw refusal(`${path} holds no sign-in of ${options.account} usable with profile "${profile.name}"; it has ${inTenant.map((candidate) => candidate.username).join(', ')}`, `Give one of those with --account, or leave --account out.`);
    }
    return chosen;
  }
  if (inTenant.length > 1) {
    throw refusal(
      `${path} holds the sign-ins of ${inTenant.length} accounts (${inTenant.map((candidate) => candidate.username).join(', ')}); a profile holds one`,
      `Say which with --account, e.g. \`delegate import --msal-cache ${path} --account ${inTenant[0]?.username ?? 'UPN'}\` (import another into a second profile the same way).`,
    );
  }
  return inTenant[0] as ImportCandidate;
}

function describeAccount(file: MsalCacheFile, profile: Profile, homeAccountId: string, refreshTokens: MsalRefreshToken[]): ImportCandidate {
  const sameAccount = (entry: { home_account_id?: string | null; environment: string }) => entry.home_account_id === homeAccountId && environmentMatches(entry.environment, profile);
  const accounts = Object.values(file.Account ?? {}).filter(sameAccount);
  const idTokens = Object.values(file.IdToken ?? {}).filter(sameAccount).filter((token) => token.client_id.toLowerCase() === profile.clientId.toLowerCase());
  const accessTokens = Object.values(file.AccessToken ?? {}).filter(sameAccount).filter((token) => token.client_id.toLowerCase() === profile.clientId.toLowerCase());
  const claims = idTokens.map((token) => idTokenClaims(token.secret));

  const tenantIds = unique(
    [...accounts.map((account) => account.realm), ...idTokens.map((token) => token.realm), ...claims.map((claim) => claim.tid)]
      .filter((value): value is string => typeof value === 'string' && GUID.test(value))
      .map((value) => value.toLowerCase()),
  );
  // Only `organizations`/`common` in the file (msal Python's realm): the home tenant is the one it knows.
  const homeTenant = homeAccountId.split('.')[1];
  if (tenantIds.length === 0 && homeTenant && GUID.test(homeTenant)) tenantIds.push(homeTenant.toLowerCase());

  const username = shortened(accounts.find((account) => account.username)?.username ?? claims.find((claim) => claim.preferredUsername)?.preferredUsername ?? homeAccountId);
  // The newest refresh token of the account: a file written by several runs may hold a family and an app token.
  const tokens = refreshTokens.filter((token) => token.home_account_id === homeAccountId);
  const newest = [...tokens].sort((a, b) => Number(b.last_modification_time ?? 0) - Number(a.last_modification_time ?? 0))[0] as MsalRefreshToken;
  const rtTime = epochToIso(newest.last_modification_time);
  const atTime = accessTokens.map((token) => epochToIso(token.cached_at)).filter((time): time is string => time !== null).sort().at(-1) ?? null;
  const scopesInFile = unique([...accessTokens.flatMap((token) => (token.target ?? '').split(/\s+/)), ...(newest.target ?? '').split(/\s+/)].filter(Boolean));
  return {
    homeAccountId,
    username,
    tenantIds,
    refreshToken: {
      secret: newest.secret,
      familyId: newest.family_id ?? familyOf(file, profile) ?? null,
      issuedAt: rtTime ?? atTime,
      issuedAtSource: rtTime ? 'refresh-token' : atTime ? 'access-token' : null,
    },
    scopesInFile,
  };
}

function tenantMatches(candidate: ImportCandidate, tenant: string): boolean {
  const wanted = tenant.toLowerCase();
  if (WILDCARD_TENANTS.has(wanted)) return true;
  if (!GUID.test(wanted)) return true; // a domain: the refresh at that authority decides
  return candidate.tenantIds.includes(wanted);
}

/** The app's FOCI family from AppMetadata (msal writes it there too). */
function familyOf(file: MsalCacheFile, profile: Profile): string | undefined {
  const entry = Object.values(file.AppMetadata ?? {}).find((meta) => meta.client_id.toLowerCase() === profile.clientId.toLowerCase() && environmentMatches(meta.environment, profile));
  return entry?.family_id ?? undefined;
}

/** `tid` and `preferred_username` of an ID token, read (not verified: the refresh proves the sign-in). */
function idTokenClaims(token: string): { tid?: string; preferredUsername?: string } {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return {};
    const { tid, preferred_username: preferredUsername, upn } = payload as Record<string, unknown>;
    return {
      ...(typeof tid === 'string' ? { tid } : {}),
      ...(typeof preferredUsername === 'string' ? { preferredUsername } : typeof upn === 'string' ? { preferredUsername: upn } : {}),
    };
  } catch {
    return {};
  }
}

function epochToIso(value: string | null | undefined): string | null {
  const seconds = Number(value);
  if (!value || !Number.isFinite(seconds) || seconds <= 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function describeClient(clientId: string): string {
  const preset = presetForClientId(clientId);
  return preset ? `${clientId} (${preset.label})` : clientId;
}

function suggestedName(clientId: string): string {
  return presetForClientId(clientId)?.id ?? 'imported';
}

/**
 * A name from the file as messages show it: a UPN is at most 113 characters (Entra's limit), so anything longer
 * is cut, and a hand-made file cannot fill the terminal or the log with a megabyte "name".
 */
const MAX_SHOWN_NAME = 160;
function shortened(name: string): string {
  return name.length > MAX_SHOWN_NAME ? `${name.slice(0, MAX_SHOWN_NAME)}… (${name.length} characters)` : name;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function refusal(why: string, action: string): DelegateError {
  return new DelegateError({ code: 'invalid-input', message: `Nothing was imported: ${why}.`, action });
}

/**
 * What Delegate remembers of the scopes Microsoft refused to a client ID (AADSTS65002), read from a profile's
 * metadata, and the advice that follows from it. Pure: finding and recording refusals (msal, the metadata lock) is
 * scope-refusal.ts, so `delegate jobs`, which only reads them to flag jobs, loads none of that.
 */
import type { ProfileMetadata } from './profile-metadata.js';
import { CLIENT_PRESETS } from '../../../shared/client-presets.js';
import { suggestClientFor } from '../../../shared/preauthorized-scopes.js';
import type { Profile } from '../../../shared/models/profile.js';

/** `https://graph.microsoft.us/Mail.Send` → `Mail.Send`: refusals are recorded by permission name. */
export function permissionName(scope: string): string {
  return scope.includes('://') ? scope.slice(scope.lastIndexOf('/') + 1) : scope;
}

/** The refusal recorded for this profile's current client ID (client IDs compare without regard to case). */
export function refusalFor(profile: Pick<Profile, 'clientId'>, metadata: Pick<ProfileMetadata, 'refusedScopes'>): ProfileMetadata['refusedScopes'] {
  const refusal = metadata.refusedScopes;
  return refusal && refusal.clientId.toLowerCase() === profile.clientId.toLowerCase() ? refusal : null;
}

/** The scopes to ask for: the profile's, less those Microsoft refused to this client ID. */
export function withoutRefused(profile: Pick<Profile, 'clientId'>, metadata: Pick<ProfileMetadata, 'refusedScopes'>, scopes: readonly string[]): string[] {
  const refused = new Set((refusalFor(profile, metadata)?.scopes ?? []).map((name) => name.toLowerCase()));
  return scopes.filter((scope) => !refused.has(permissionName(scope).toLowerCase()));
}

/** "…or a client that has them": a preset pre-authorised for all the refused scopes, when one is known. */
export function clientAdvice(profile: Pick<Profile, 'name' | 'clientId'>, refused: readonly string[]): string {
  const preset = suggestClientFor(refused.map(permissionName), profile.clientId);
  if (!preset) return '';
  const label = CLIENT_PRESETS.find((candidate) => candidate.id === preset)?.label ?? preset;
  return ` Or switch to a client ID that has ${refused.length === 1 ? 'it' : 'them'}: \`delegate profiles set ${profile.name} --client-id ${preset}\` (${label}), then sign in again.`;
}

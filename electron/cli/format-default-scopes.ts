/**
 * The note `profiles add` prints when a profile's client cannot get all of Delegate's default scopes.
 *
 * Office and Azure CLI are pre-authorised by Microsoft for a fixed list of Graph permissions; a profile on one of
 * them that names no scopes asks only for what its client is known to get (shared/default-scopes.ts). The person
 * should learn that at once, with the scopes left out and the client that has them, not when a Teams job is
 * skipped weeks later.
 */
import { presetForClientId } from '../../shared/client-presets.js';
import { defaultScopesLeftOut } from '../../shared/default-scopes.js';
import { suggestClientFor } from '../../shared/preauthorized-scopes.js';
import type { Profile } from '../../shared/models/profile.js';

/** The note for a profile created with the default scopes of its client; '' when nothing was left out. */
export function describeDefaultScopes(profile: Pick<Profile, 'name' | 'clientId' | 'scopes'>): string {
  const leftOut = defaultScopesLeftOut(profile.clientId);
  if (leftOut.length === 0) return '';
  const client = presetForClientId(profile.clientId);
  const clientText = `client ID ${profile.clientId.toLowerCase()}${client ? ` (${client.label})` : ''}`;
  const preset = suggestClientFor(leftOut, profile.clientId);
  const instead = preset
    ? `For those (Teams posts, SharePoint sites, shared mailboxes…) use another profile on a client that may ask for them: \`delegate profiles add ${profile.name}-${preset} --client-id ${preset}\`.`
    : 'For those, use a client ID that may ask for them (--client-id).';
  return (
    `Note: Microsoft lets ${clientText} ask only for the Graph permissions it pre-authorised (anything else fails the sign-in with AADSTS65002), ` +
    `so this profile asks for: ${profile.scopes.join(', ')}.\n` +
    `  Left out of Delegate's default set: ${leftOut.join(', ')}.\n` +
    `  ${instead}\n`
  );
}

/**
 * The CLI's words for scopes: those a sign-in dropped, and the granted set in `status`.
 */
import { clientAdvice } from '../core/auth/recorded-refusal.js';
import type { Profile } from '../../shared/models/profile.js';

export function describeDroppedScopes(profile: Pick<Profile, 'name' | 'clientId'>, refused: readonly string[]): string {
  return (
    `delegate: signed in without ${refused.join(', ')}: Microsoft does not let client ID ${profile.clientId.toLowerCase()} ask for ${refused.length === 1 ? 'it' : 'them'} (AADSTS65002).\n` +
    `  Jobs that need ${refused.length === 1 ? 'it' : 'them'} are flagged in \`delegate jobs\` and skipped.${clientAdvice(profile, refused)}\n`
  );
}

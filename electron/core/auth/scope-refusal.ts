/**
 * Which scopes Microsoft refuses to a client ID (AADSTS65002), and what Delegate remembers about them.
 *
 * Entra's 65002 names the client and the resource, never the scope, so the refused ones are found by asking:
 * with a refresh token, each request for a subset either succeeds (every scope in it is pre-authorised) or fails
 * with 65002. Halving the failing subsets finds every refused scope in at most about 2·n requests (n scopes asked
 * for), without anyone signing in again. A first-party client needs no consent for what it is pre-authorised for,
 * which is what makes the refresh token a fair judge.
 *
 * The refusal is recorded in the profile's metadata with the client ID it applies to: the profile's configured
 * scopes (what the person asked for) stay as they are, and a different client ID starts from a clean slate.
 */
import type { AccountInfo, PublicClientApplication } from '@azure/msal-node';
import { DelegateError } from '../errors/delegate-error.js';
import { mapAuthError } from './error-mapping.js';
import { updateMetadata } from './profile-metadata-writer.js';
import type { AuthContext } from './auth-context.js';
import { presetForClientId } from '../../../shared/client-presets.js';
import type { Profile } from '../../../shared/models/profile.js';
import { clientAdvice, permissionName, refusalFor } from './recorded-refusal.js';

export { clientAdvice, permissionName, refusalFor, withoutRefused } from './recorded-refusal.js';

/** Upper bound of token requests one search may make, whatever the list: a lying server cannot keep it going. */
const MAX_PROBES = 128;

export type ScopeProbe = (scopes: string[]) => Promise<'granted' | 'refused'>;

/** A probe through msal: a forced refresh for exactly these scopes. Any error but 65002 ends the search. */
export function refreshProbe(context: AuthContext, app: PublicClientApplication, account: AccountInfo): ScopeProbe {
  return async (scopes) => {
    try {
      await app.acquireTokenSilent({ account, scopes, forceRefresh: true });
      return 'granted';
    } catch (error) {
      const mapped = mapAuthError(error, { profile: context.profile, scopes });
      if (mapped.aadsts === 65002 || mapped.code === 'scope-not-preauthorized') return 'refused';
      throw mapped;
    }
  };
}

/** The scopes among `scopes` the probe says are refused, by halving; order kept. */
export async function findRefusedScopes(scopes: readonly string[], probe: ScopeProbe): Promise<string[]> {
  let budget = MAX_PROBES;
  const search = async (part: string[]): Promise<string[]> => {
    if (part.length === 0) return [];
    if (budget <= 0) {
      throw new DelegateError({
        code: 'auth-failed',
        message: `Entra ID kept refusing while Delegate looked for the refused scopes (more than ${MAX_PROBES} requests).`,
        action: 'Try again later; if it keeps happening, sign in with fewer scopes (`delegate profiles set NAME --scopes ...`).',
      });
    }
    budget -= 1;
    if ((await probe(part)) === 'granted') return [];
    if (part.length === 1) return part;
    const middle = Math.ceil(part.length / 2);
    return [...(await search(part.slice(0, middle))), ...(await search(part.slice(middle)))];
  };
  return search([...scopes]);
}

/**
 * Records refused scopes. `replace` (a sign-in that asked for everything) states the whole truth; otherwise the
 * new refusals join those already recorded for this client ID (a refresh only asked for the rest).
 */
export async function recordRefusal(context: AuthContext, refused: readonly string[], mode: 'replace' | 'add' = 'add'): Promise<void> {
  await updateMetadata(context.paths, (metadata) => {
    const earlier = mode === 'add' ? (refusalFor(context.profile, metadata)?.scopes ?? []) : [];
    const all = [...new Set([...earlier, ...refused.map(permissionName)])];
    metadata.refusedScopes = all.length === 0 ? null : { clientId: context.profile.clientId.toLowerCase(), scopes: all, at: context.clock.now().toISOString() };
  });
}

/** The error a person sees when Microsoft refuses scopes to this client ID, naming them and the way on. */
export function refusedScopesError(profile: Pick<Profile, 'name' | 'clientId'>, refused: readonly string[] | null, options: { browser?: boolean; atSignIn: boolean }): DelegateError {
  const client = presetForClientId(profile.clientId);
  const clientText = `${profile.clientId.toLowerCase()}${client ? ` (${client.label})` : ''}`;
  const names = refused && refused.length > 0 ? refused.map(permissionName) : null;
  const what = names ? names.map((name) => `"${name}"`).join(', ') : 'one or more of the requested scopes (Entra does not say which)';
  const login = `delegate login --profile ${profile.name}${options.browser ? ' --browser' : ''} --drop-unapproved-scopes`;
  const message = options.atSignIn
    ? `Microsoft does not let client ID ${clientText} ask for ${what} (AADSTS65002: the scope is not pre-authorised for this Microsoft app).`
    : `Microsoft no longer lets client ID ${clientText} use ${what} (AADSTS65002): it changed the scopes this Microsoft app is pre-authorised for.`;
  const action = `To sign in without ${names && names.length === 1 ? 'it' : 'them'} (jobs that need ${names && names.length === 1 ? 'it' : 'them'} are then flagged and skipped): \`${login}\`.${clientAdvice(profile, names ?? [])}`;
  return new DelegateError({ code: 'scope-not-preauthorized', message, action, aadsts: 65002, ...(names ? { detail: `refused: ${names.join(' ')}` } : {}) });
}

/**
 * The scopes the profile's Graph token really carries: a token is acquired silently (a cached one is fine),
 * its `scp` read with readTokenClaims and compared with the profile's scopes. The token is never printed,
 * logged or returned; only the scope names leave this function.
 */
import { authContext } from '../auth/auth-context.js';
import { acquireTokenSilently } from '../auth/silent-token.js';
import { readMetadata } from '../auth/profile-metadata.js';
import { readTokenClaims } from '../auth/token-claims.js';
import { isDelegateError } from '../errors/delegate-error.js';
import { missingScopes } from './granted-scopes.js';
import { jobsLackingScopesFinding } from './jobs-lacking-scopes.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

export async function checkScopes(context: DoctorContext): Promise<DoctorFinding[]> {
  const title = 'Scopes the current token carries';
  const name = context.profile.name;
  if (!readMetadata(context.paths).metadata.account) {
    return [{ id: 'scopes', area: 'scopes', status: 'warn', title, detail: 'Not checked: nobody is signed in on this profile.', action: `Sign in first: \`delegate login --profile ${name}\`.` }];
  }
  let token: { scopes: string[]; fromCache: boolean; audience: string | null; capabilities: string[]; expiresAt: string | null };
  try {
    const issued = await acquireTokenSilently(authContext(context.home, context.clock, context.profile));
    const claims = readTokenClaims(issued.accessToken);
    if (!claims) {
      return [{ id: 'scopes', area: 'scopes', status: 'warn', title, detail: 'The Graph token is not a readable JWT, so its scopes cannot be shown.', action: 'Nothing to do unless jobs fail with "access denied"; then sign in again.' }];
    }
    token = { scopes: claims.scopes, fromCache: issued.fromCache, audience: claims.audience, capabilities: claims.capabilities, expiresAt: claims.expiresAt };
  } catch (error) {
    const data = isDelegateError(error) ? error.toData() : { code: 'unexpected' as const, message: error instanceof Error ? error.message : String(error), action: 'Check again; if it keeps happening, report it.' };
    return [{ id: 'scopes', area: 'scopes', status: 'fail', code: data.code, title, detail: `No token could be had silently: ${data.message}`, action: data.action }];
  }
  const missing = missingScopes(context.profile.scopes, token.scopes);
  const data = { granted: token.scopes, requested: context.profile.scopes, missing, fromCache: token.fromCache, audience: token.audience, capabilities: token.capabilities, expiresAt: token.expiresAt };
  const findings: DoctorFinding[] = [
    missing.length === 0
      ? { id: 'scopes', area: 'scopes', status: 'pass', title, detail: `All ${context.profile.scopes.length} of the profile's scopes are granted; the token carries ${token.scopes.join(' ') || 'none'}.`, data }
      : {
          id: 'scopes',
          area: 'scopes',
          status: 'warn',
          title,
          detail: `The token lacks ${missing.join(', ')} (granted: ${token.scopes.join(' ') || 'none'}). Jobs that need ${missing.length === 1 ? 'it' : 'them'} will be refused by Graph.`,
          action: `Sign in again to consent to them (\`delegate login --profile ${name}\`). If Entra refuses a scope for this client ID (AADSTS65002), remove it from the profile or use a client ID that has it.`,
          data,
        },
  ];
  const jobs = jobsLackingScopesFinding(context, token.scopes);
  if (jobs) findings.push(jobs);
  return findings;
}

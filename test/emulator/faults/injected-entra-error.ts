import { clientDisplayName } from '../directory/directory.js';
import type { EmulatorContext } from '../emulator-context.js';
import { aadsts } from '../entra/aadsts.js';
import type { EntraErrorSpec } from '../entra/entra-error.js';
import { formField, type EmulatorRequest } from '../http/emulator-request.js';
import { GRAPH_RESOURCE, resourceAppId } from '../scopes/resources.js';
import { parseScopeRequest, requestedResources } from '../scopes/scope-request.js';
import type { QueuedFault } from '../state/fault-store.js';

/**
 * The Entra error body an injected fault answers with, filled in from the request it hits: the
 * refresh token's real issue date, the client ID, the resource named by `scope`.
 */

const DAY_MS = 86_400_000;

export function injectedEntraError(fault: QueuedFault, request: EmulatorRequest, context: EmulatorContext): EntraErrorSpec {
  const now = context.clock.now();
  const clientId = (formField(request, 'client_id') ?? request.url.searchParams.get('client_id') ?? '').toLowerCase();
  const scope = formField(request, 'scope') ?? request.url.searchParams.get('scope') ?? '';
  const resource = requestedResources(parseScopeRequest(scope))[0] ?? GRAPH_RESOURCE;
  const refreshToken = formField(request, 'refresh_token');
  const refreshTokenIssuedAt = refreshToken ? context.state.refreshTokens.get(refreshToken)?.issuedAt : undefined;

  const base =
    fault.aadsts !== undefined
      ? byCode(fault, fault.aadsts, { now, clientId, resource, refreshTokenIssuedAt })
      : byError(fault.error ?? 'invalid_grant');
  const withSuberror = applySuberrorOverride(base, fault.suberror);
  return {
    ...withSuberror,
    ...(fault.error !== undefined && fault.aadsts !== undefined ? { error: fault.error } : {}),
    ...(fault.status !== undefined ? { status: fault.status } : {}),
  };
}

interface InjectionFacts {
  readonly now: Date;
  readonly clientId: string;
  readonly resource: string;
  /** The issue date of the refresh token in the request, when there is one. */
  readonly refreshTokenIssuedAt: Date | undefined;
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

function byCode(fault: QueuedFault, code: number, facts: InjectionFacts): EntraErrorSpec {
  switch (code) {
    case 700082:
      return aadsts.refreshTokenInactive(
        facts.refreshTokenIssuedAt ?? daysBefore(facts.now, 90),
        fault.variant === 'legacy' ? 'legacy' : 'current',
      );
    case 50173:
      return aadsts.grantRevoked(facts.refreshTokenIssuedAt ?? daysBefore(facts.now, 1), facts.now);
    case 70043:
      return aadsts.signInFrequency(
        facts.refreshTokenIssuedAt ?? daysBefore(facts.now, 2),
        fault.variant === 'interaction_required' ? 'interaction_required' : 'invalid_grant',
      );
    case 50076:
      return aadsts.mfaRequired(resourceAppId(facts.resource));
    case 65001:
      return aadsts.consentRequired(facts.clientId, clientDisplayName(facts.clientId));
    case 65002:
      return aadsts.preauthorizationRequired(facts.clientId, resourceAppId(facts.resource));
    case 53003:
      return aadsts.blockedByConditionalAccess();
    case 530036:
      return aadsts.authenticationFlowBlocked();
    case 530033:
      return aadsts.deviceBasedAccessBlocked();
    case 70016:
      return aadsts.authorizationPending();
    case 70020:
      return aadsts.expiredDeviceCode();
    case 70018:
      return aadsts.badVerificationCode();
    case 65004:
      return aadsts.authorizationDeclined();
    case 50000:
      return aadsts.serviceError(fault.status ?? 500);
    default:
      return { error: fault.error ?? 'invalid_grant', code, message: `Injected fault with code ${code} (no text is known for it in the emulator).` };
  }
}

function byError(error: string): EntraErrorSpec {
  switch (error) {
    case 'authorization_pending':
      return aadsts.authorizationPending();
    case 'slow_down':
      return aadsts.slowDown(5);
    case 'authorization_declined':
      return aadsts.authorizationDeclined();
    case 'expired_token':
      return aadsts.expiredDeviceCode();
    case 'bad_verification_code':
      return aadsts.badVerificationCode();
    case 'temporarily_unavailable':
      return aadsts.serviceError(503);
    case 'server_error':
      return aadsts.serviceError(500);
    default:
      return { ...aadsts.invalidRefreshToken(), error };
  }
}

/** `suberror: null` removes Entra's suberror (e.g. the pre-2023 AADSTS700082 body); a string replaces it. */
function applySuberrorOverride(spec: EntraErrorSpec, suberror: string | null | undefined): EntraErrorSpec {
  if (suberror === undefined) return spec;
  const { suberror: _dropped, ...rest } = spec;
  return suberror === null ? rest : { ...rest, suberror };
}

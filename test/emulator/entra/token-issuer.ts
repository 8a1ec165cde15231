import type { DirectoryUser } from '../directory/directory.js';
import { clientDisplayName, TENANT_ID } from '../directory/directory.js';
import { preauthorizedScopes } from '../directory/preauthorization.js';
import { FAMILY_ID, isFamilyClient } from '../directory/family-clients.js';
import type { EmulatorContext } from '../emulator-context.js';
import { GRAPH_RESOURCE, isGraph } from '../scopes/resources.js';
import { isDefaultScope, requestedResources, type ScopeRequest } from '../scopes/scope-request.js';
import { sortScopes } from '../state/consent-store.js';
import type { IssuedTokenKind } from '../state/issued-token-log.js';
import {
  accessTokenLifetimeSeconds,
  clientInfo,
  mintAccessToken,
  mintIdToken,
  newRefreshTokenValue,
} from '../tokens/token-minting.js';
import { aadsts } from './aadsts.js';
import { canonicalName } from './consent.js';
import type { EntraErrorSpec } from './entra-error.js';
import { findUnapprovedScope, preauthorizedInRequest, withinPreauthorization } from './preauthorization-check.js';
import { caeTokenTerms, declaresCp1, parseClaimsRequest } from '../cae/client-capabilities.js';

/**
 * Builds Entra's token response for a user and client.
 *
 * One access token per response, for one resource. Its `scp` is everything the user has consented
 * to for that client and resource (Entra's behaviour), not just what this request named. A scope
 * never consented fails with AADSTS65001 rather than being silently dropped.
 */

/** Refresh tokens die after 90 days without being redeemed. */
export const REFRESH_TOKEN_INACTIVITY_MS = 90 * 24 * 60 * 60 * 1000;

export interface TokenResponseBody {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
  /** Only for long-lived CAE tokens: when the client should renew it, in seconds. */
  refresh_in?: number;
  /** `"1"` beside a refresh token of a family client (FOCI, directory/family-clients.ts): a family refresh token. */
  foci?: string;
}

export interface TokenIssueRequest {
  readonly user: DirectoryUser;
  readonly clientId: string;
  readonly scopeRequest: ScopeRequest;
  readonly grantType: string;
  readonly wantsClientInfo: boolean;
  readonly authTime: Date;
  readonly nonce?: string | undefined;
  /**
   * True when the person approved these scopes in this very flow (device code, authorization code).
   * Such a grant may name several resources: the token is for the first, as Entra does.
   */
  readonly approvedInThisFlow: boolean;
  /** The request's `claims` parameter, raw: `xms_cc` cp1 asks for a CAE token (cae/client-capabilities.ts). */
  readonly claims?: string | undefined;
}

export type TokenIssueResult = { readonly ok: true; readonly body: TokenResponseBody } | { readonly ok: false; readonly error: EntraErrorSpec };

export function issueTokens(context: EmulatorContext, input: TokenIssueRequest): TokenIssueResult {
  const { user, clientId, scopeRequest } = input;
  const resources = requestedResources(scopeRequest);
  if (resources.length > 1 && !input.approvedInThisFlow) {
    return { ok: false, error: aadsts.scopesFromSeveralResources(scopeRequest.raw) };
  }
  const resource = resources[0] ?? GRAPH_RESOURCE;
  const unapproved = findUnapprovedScope(context.state.preauthorization, clientId, scopeRequest);
  if (unapproved) return { ok: false, error: unapproved };
  const preauthorized = isGraph(resource) ? preauthorizedInRequest(context.state.preauthorization, clientId, scopeRequest) : [];
  if (preauthorized.length > 0) context.state.consent.grantResourceScopes(user.oid, clientId, resource, preauthorized.map((name) => canonicalName(resource, name)));
  const claimsRequest = parseClaimsRequest(input.claims);
  if (!claimsRequest) return { ok: false, error: aadsts.malformedRequest() };
  const consented = new Set([
    ...withinPreauthorization(context.state.preauthorization, clientId, resource, context.state.consent.resourceScopes(user.oid, clientId, resource)),
    ...preauthorizedScopes(clientId, resource),
  ]);
  const consentedLower = new Set([...consented].map((name) => name.toLowerCase()));
  const named = scopeRequest.resourceScopes.filter((scope) => scope.resource === resource && !isDefaultScope(scope));
  const missing = named.some((scope) => !consentedLower.has(canonicalName(resource, scope.name).toLowerCase()));
  const onlyOidc = scopeRequest.resourceScopes.length === 0;
  if (missing || (consented.size === 0 && !onlyOidc)) {
    return { ok: false, error: aadsts.consentRequired(clientId, clientDisplayName(clientId)) };
  }

  const now = context.clock.now();
  const resourceScopes = sortScopes(consented);
  // Graph's own tokens list the consented OpenID scopes in `scp` too.
  const tokenScopes = isGraph(resource)
    ? sortScopes([...resourceScopes, ...context.state.consent.oidcScopes(user.oid, clientId)])
    : resourceScopes;
  const lifetimeSeconds = context.state.settings.accessTokenLifetimeSeconds ?? accessTokenLifetimeSeconds();
  const cae = declaresCp1(claimsRequest) ? caeTokenTerms() : undefined;
  const accessToken = mintAccessToken(
    { user, clientId, audience: resource, scopes: tokenScopes, now, lifetimeSeconds: cae?.lifetimeSeconds ?? lifetimeSeconds, authTime: input.authTime, ...(cae ? { capabilities: cae.capabilities } : {}) },
    context.signingKey,
  );
  const record = (kind: IssuedTokenKind, token: string, scopes: readonly string[], audience: string, expiresAt: Date): void => {
    context.state.issued.record({
      kind,
      token,
      user: user.upn,
      clientId,
      scopes,
      audience,
      grantType: input.grantType,
      issuedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      ...(kind === 'access' && cae ? { capabilities: cae.capabilities } : {}),
    });
  };
  record('access', accessToken.token, tokenScopes, resource, accessToken.expiresAt);

  const wantsOpenId = scopeRequest.oidc.has('openid');
  // A `.default` request is answered with the permissions it stands for and `RESOURCE/.default` itself, as Entra
  // does (e.g. "https://management.core.windows.net//user_impersonation https://management.core.windows.net//.default",
  // Azure/azure-cli#32931): so the cached token matches the next `.default` request instead of costing a refresh.
  const askedDefault = scopeRequest.resourceScopes.some((scope) => scope.resource === resource && isDefaultScope(scope));
  const responseScopes = [
    ...resourceScopes.map((name) => (isGraph(resource) ? name : `${resource}/${name}`)),
    ...(askedDefault ? [`${resource}/.default`] : []),
    ...(wantsOpenId ? ['profile', 'openid', 'email'] : []),
  ];
  const body: TokenResponseBody = {
    token_type: 'Bearer',
    scope: responseScopes.join(' '),
    expires_in: cae?.lifetimeSeconds ?? lifetimeSeconds,
    ext_expires_in: cae?.lifetimeSeconds ?? lifetimeSeconds,
    access_token: accessToken.token,
    ...(cae ? { refresh_in: cae.refreshInSeconds } : {}),
  };

  if (scopeRequest.oidc.has('offline_access')) {
    const refreshToken = newRefreshTokenValue();
    const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_INACTIVITY_MS);
    context.state.refreshTokens.add({ token: refreshToken, userOid: user.oid, clientId, issuedAt: now, expiresAt, authTime: input.authTime });
    record('refresh', refreshToken, tokenScopes, `${context.origin}/${TENANT_ID}/v2.0`, expiresAt);
    body.refresh_token = refreshToken;
    if (isFamilyClient(clientId)) body.foci = FAMILY_ID;
  }
  if (wantsOpenId) {
    const issuer = `${context.origin}/${TENANT_ID}/v2.0`;
    const idToken = mintIdToken({ user, clientId, issuer, now, authTime: input.authTime, nonce: input.nonce }, context.signingKey);
    record('id', idToken.token, [...scopeRequest.oidc], clientId, idToken.expiresAt);
    body.id_token = idToken.token;
  }
  if (input.wantsClientInfo) body.client_info = clientInfo(user);
  return { ok: true, body };
}

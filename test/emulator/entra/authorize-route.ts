import type { ServerResponse } from 'node:http';
import { DEFAULT_USER, findUserByOid, findUserByUpn, type DirectoryUser } from '../directory/directory.js';
import type { EmulatorContext, RequestHandler } from '../emulator-context.js';
import { formField } from '../http/emulator-request.js';
import { sendHtml, sendRedirect } from '../http/responses.js';
import { renderFormPost } from './pages/form-post.js';
import { newGuid } from '../ids.js';
import { parseScopeRequest } from '../scopes/scope-request.js';
import type { PendingAuthorization, ResponseMode } from '../state/pending-authorization-store.js';
import { clientInfo, newAuthorizationCodeValue } from '../tokens/token-minting.js';
import { aadsts } from './aadsts.js';
import { checkPublicClient, checkTenant } from './client-validation.js';
import { findUnknownScope, recordConsent } from './consent.js';
import { aadstsLine, type EntraErrorSpec } from './entra-error.js';
import { entraTimestamp } from './entra-time.js';
import { renderConsentForm } from './pages/consent-form.js';
import { findUnapprovedScope } from './preauthorization-check.js';
import { escapeHtml, renderPage } from './pages/html-page.js';

/**
 * `GET /{tenant}/oauth2/v2.0/authorize`: the authorization code flow with PKCE on a loopback
 * redirect. Errors that cannot safely go back to the app (bad client, bad redirect URI) show a page,
 * as Entra does; the rest go back to `redirect_uri` with `error` and `error_description`.
 *
 * With auto-approval set through the control API the endpoint redirects at once, so headless tests
 * can follow the 302 without a browser.
 */

const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;

export const handleAuthorize: RequestHandler = (request, response, context, params) => {
  const tenant = params.tenant ?? '';
  const query = request.url.searchParams;
  const tenantError = checkTenant(tenant);
  if (tenantError) return sendErrorPage(response, context, request.requestId, tenantError);
  const client = checkPublicClient(query);
  if (!client.ok) return sendErrorPage(response, context, request.requestId, client.error);
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri) return sendErrorPage(response, context, request.requestId, aadsts.missingParameter('redirect_uri'));
  if (!isLoopbackRedirect(redirectUri)) {
    return sendErrorPage(response, context, request.requestId, aadsts.redirectUriNotRegistered(redirectUri, client.clientId));
  }

  const responseMode = readResponseMode(query.get('response_mode'));
  const state = query.get('state') ?? undefined;
  const fail = (error: EntraErrorSpec, extra: Record<string, string> = {}): void =>
    redirectWithError(response, context, request.requestId, { redirectUri, responseMode, state }, error, extra);

  if (query.get('response_type') !== 'code') {
    return fail({ error: 'unsupported_response_type', code: 700054, message: "The provided value for the input parameter 'response_type' is not allowed for this request. Expected value is 'code'." });
  }
  const scope = query.get('scope');
  if (!scope) return fail(aadsts.missingParameter('scope'));
  const scopeRequest = parseScopeRequest(scope);
  const unknownScope = findUnknownScope(scopeRequest, client.clientId);
  if (unknownScope) return fail(unknownScope);
  const codeChallenge = query.get('code_challenge') ?? undefined;
  const codeChallengeMethod = codeChallenge === undefined ? undefined : (query.get('code_challenge_method') ?? 'plain');
  if (codeChallengeMethod !== undefined && codeChallengeMethod !== 'S256' && codeChallengeMethod !== 'plain') {
    return fail({ error: 'invalid_request', code: 501491, message: "The code_challenge_method is not valid. Supported values are 'plain' and 'S256'." });
  }

  const pending: PendingAuthorization = {
    id: newGuid(),
    tenantSegment: tenant,
    clientId: client.clientId,
    redirectUri,
    scopeRequest,
    state,
    nonce: query.get('nonce') ?? undefined,
    codeChallenge,
    codeChallengeMethod,
    responseMode,
    wantsClientInfo: query.get('client_info') === '1',
    loginHint: query.get('login_hint') ?? undefined,
  };
  const auto = context.state.autoApproval;
  if (auto.mode === 'approve') return approve(response, context, request.requestId, pending, findUserByOid(auto.userOid) ?? DEFAULT_USER);
  if (auto.mode === 'decline') return decline(response, context, request.requestId, pending);
  if (query.get('prompt') === 'none') {
    return fail({ error: 'login_required', code: 50058, message: 'A silent sign-in request was sent but no user is signed in.' });
  }
  context.state.pendingAuthorizations.add(pending);
  sendHtml(
    response,
    200,
    renderPage({
      title: 'Approve sign-in',
      body: renderConsentForm({
        action: request.path,
        clientId: pending.clientId,
        scopeRequest,
        hiddenFields: { request: pending.id },
        preselectedUpn: pending.loginHint,
      }),
    }),
  );
};

/** The consent form's POST back to the authorize URL. */
export const handleAuthorizeDecision: RequestHandler = (request, response, context) => {
  const pending = context.state.pendingAuthorizations.take(formField(request, 'request') ?? '');
  if (!pending) {
    return sendErrorPage(response, context, request.requestId, {
      error: 'invalid_request',
      code: 90056,
      message: 'This sign-in request is unknown or was already answered. Start the sign-in again from the app.',
    });
  }
  if (formField(request, 'decision') === 'approve') {
    return approve(response, context, request.requestId, pending, findUserByUpn(formField(request, 'user') ?? '') ?? DEFAULT_USER);
  }
  decline(response, context, request.requestId, pending);
};

function approve(response: ServerResponse, context: EmulatorContext, requestId: string, pending: PendingAuthorization, user: DirectoryUser): void {
  // After the person signed in, Entra sends AADSTS65002 back to the app (azure-cli #23485: "Authentication failed
  // invalid_request: AADSTS65002 … (https://login.microsoftonline.com/error?code=65002)").
  const unapproved = findUnapprovedScope(context.state.preauthorization, pending.clientId, pending.scopeRequest);
  if (unapproved) return redirectWithError(response, context, requestId, pending, unapproved);
  const now = context.clock.now();
  recordConsent(context.state.consent, user.oid, pending.clientId, pending.scopeRequest);
  const code = newAuthorizationCodeValue();
  context.state.authorizationCodes.add({
    code,
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    scopeRequest: pending.scopeRequest,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
    nonce: pending.nonce,
    userOid: user.oid,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + AUTHORIZATION_CODE_LIFETIME_MS),
    redeemed: false,
  });
  const parameters: Record<string, string> = { code };
  if (pending.wantsClientInfo) parameters.client_info = clientInfo(user);
  if (pending.state !== undefined) parameters.state = pending.state;
  parameters.session_state = newGuid();
  deliver(response, pending, parameters);
}

function decline(response: ServerResponse, context: EmulatorContext, requestId: string, pending: PendingAuthorization): void {
  redirectWithError(response, context, requestId, pending, aadsts.userDeclinedConsent(), { error_subcode: 'cancel' });
}

interface RedirectTarget {
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state: string | undefined;
}

function redirectWithError(
  response: ServerResponse,
  context: EmulatorContext,
  requestId: string,
  target: RedirectTarget,
  error: EntraErrorSpec,
  extra: Record<string, string> = {},
): void {
  const parameters: Record<string, string> = {
    error: error.error,
    ...extra,
    error_description: describe(error, requestId, context),
    error_uri: `https://login.microsoftonline.com/error?code=${error.code}`,
  };
  if (target.state !== undefined) parameters.state = target.state;
  deliver(response, target, parameters);
}

/**
 * Sends the answer to the app. With `response_mode=form_post` (what msal-node's
 * acquireTokenInteractive asks for) Entra answers 200 with a form that posts itself to the
 * redirect URI; otherwise it redirects with the parameters in the query or fragment.
 */
function deliver(response: ServerResponse, target: RedirectTarget, parameters: Record<string, string>): void {
  if (target.responseMode === 'form_post') {
    const page = renderFormPost(target.redirectUri, parameters);
    return sendHtml(response, 200, page.html, { 'Content-Security-Policy': page.contentSecurityPolicy });
  }
  sendRedirect(response, withParameters(target.redirectUri, target.responseMode, parameters));
}

function readResponseMode(value: string | null): ResponseMode {
  return value === 'fragment' || value === 'form_post' ? value : 'query';
}

function describe(error: EntraErrorSpec, requestId: string, context: EmulatorContext): string {
  return `${aadstsLine(error)}\r\nTrace ID: ${requestId}\r\nCorrelation ID: ${newGuid()}\r\nTimestamp: ${entraTimestamp(context.clock.now())}`;
}

function sendErrorPage(response: ServerResponse, context: EmulatorContext, requestId: string, error: EntraErrorSpec): void {
  const body = `<h1>Sorry, but we're having trouble signing you in.</h1>
<p class="error" role="alert">${escapeHtml(aadstsLine(error))}</p>
<p class="hint">Request Id: ${escapeHtml(requestId)}<br>Timestamp: ${escapeHtml(context.clock.now().toISOString())}</p>`;
  sendHtml(response, 400, renderPage({ title: 'Sign-in error', body }));
}

function withParameters(base: string, mode: 'query' | 'fragment', parameters: Record<string, string>): string {
  const encoded = new URLSearchParams(parameters).toString();
  if (mode === 'fragment') return `${base.split('#')[0] ?? base}#${encoded}`;
  return `${base}${base.includes('?') ? '&' : '?'}${encoded}`;
}

/** Public clients may use any port on the loopback interface (RFC 8252 §7.3). */
export function isLoopbackRedirect(redirectUri: string): boolean {
  try {
    const url = new URL(redirectUri);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

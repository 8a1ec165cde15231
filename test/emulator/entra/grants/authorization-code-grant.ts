import type { ServerResponse } from 'node:http';
import { findUserByOid } from '../../directory/directory.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { formField, type EmulatorRequest } from '../../http/emulator-request.js';
import { sha256Base64Url } from '../../ids.js';
import { aadsts } from '../aadsts.js';
import { sendEntraError, sendEntraJson } from '../entra-responses.js';
import { issueTokens } from '../token-issuer.js';

/** `grant_type=authorization_code` with PKCE: one redemption, same redirect URI, matching verifier. */
export function redeemAuthorizationCode(
  request: EmulatorRequest,
  response: ServerResponse,
  context: EmulatorContext,
  clientId: string,
): void {
  const code = formField(request, 'code');
  if (!code) return sendEntraError(request, response, context, aadsts.missingParameter('code'));
  const redirectUri = formField(request, 'redirect_uri');
  if (!redirectUri) return sendEntraError(request, response, context, aadsts.missingParameter('redirect_uri'));
  const grant = context.state.authorizationCodes.get(code);
  if (!grant || grant.clientId !== clientId) return sendEntraError(request, response, context, aadsts.malformedRequest());
  if (grant.redeemed) return sendEntraError(request, response, context, aadsts.authorizationCodeRedeemed());
  if (context.clock.now().getTime() >= grant.expiresAt.getTime()) {
    return sendEntraError(request, response, context, aadsts.authorizationCodeExpired());
  }
  if (redirectUri !== grant.redirectUri) {
    return sendEntraError(request, response, context, aadsts.replyAddressMismatch(redirectUri, grant.redirectUri));
  }
  if (grant.codeChallenge !== undefined) {
    const verifier = formField(request, 'code_verifier');
    if (!verifier) return sendEntraError(request, response, context, aadsts.missingParameter('code_verifier'));
    const expected = grant.codeChallengeMethod === 'plain' ? verifier : sha256Base64Url(verifier);
    if (expected !== grant.codeChallenge) return sendEntraError(request, response, context, aadsts.pkceMismatch());
  }
  grant.redeemed = true;
  const user = findUserByOid(grant.userOid);
  if (!user) return sendEntraError(request, response, context, aadsts.malformedRequest());
  const result = issueTokens(context, {
    user,
    clientId,
    scopeRequest: grant.scopeRequest,
    grantType: 'authorization_code',
    wantsClientInfo: request.form.get('client_info') === '1',
    authTime: grant.issuedAt,
    nonce: grant.nonce,
    approvedInThisFlow: true,
    claims: formField(request, 'claims'),
  });
  if (!result.ok) return sendEntraError(request, response, context, result.error);
  if (result.body.refresh_token) context.state.sessions.start(result.body.refresh_token, 'authorization-code');
  sendEntraJson(request, response, 200, result.body);
}

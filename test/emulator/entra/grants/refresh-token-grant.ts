import type { ServerResponse } from 'node:http';
import { findUserByOid } from '../../directory/directory.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { formField, type EmulatorRequest } from '../../http/emulator-request.js';
import { parseScopeRequest } from '../../scopes/scope-request.js';
import { protocolTrackingRefusal } from '../../policy/conditional-access-policy.js';
import { aadsts } from '../aadsts.js';
import { sendEntraError, sendEntraJson } from '../entra-responses.js';
import { issueTokens } from '../token-issuer.js';

/**
 * `grant_type=refresh_token`: checks revocation (AADSTS50173), then 90-day inactivity
 * (AADSTS700082), then protocol tracking (AADSTS530036, policy/conditional-access-policy.ts), then consent for the requested scopes (AADSTS65001), and rotates the token.
 */
export function redeemRefreshToken(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext, clientId: string): void {
  const refreshToken = formField(request, 'refresh_token');
  if (!refreshToken) return sendEntraError(request, response, context, aadsts.missingParameter('refresh_token'));
  const scope = formField(request, 'scope');
  if (!scope) return sendEntraError(request, response, context, aadsts.missingParameter('scope'));
  const record = context.state.refreshTokens.get(refreshToken);
  const user = record ? findUserByOid(record.userOid) : undefined;
  if (!record || !user || record.clientId !== clientId) {
    return sendEntraError(request, response, context, aadsts.invalidRefreshToken());
  }
  const validFrom = context.state.tokensValidFrom.get(user.oid);
  if (validFrom && record.issuedAt.getTime() < validFrom.getTime()) {
    return sendEntraError(request, response, context, aadsts.grantRevoked(record.issuedAt, validFrom));
  }
  if (context.clock.now().getTime() >= record.expiresAt.getTime()) {
    return sendEntraError(request, response, context, aadsts.refreshTokenInactive(record.issuedAt));
  }
  const tracked = protocolTrackingRefusal(context, refreshToken);
  if (tracked) return sendEntraError(request, response, context, tracked);
  const result = issueTokens(context, {
    user,
    clientId,
    scopeRequest: parseScopeRequest(scope),
    grantType: 'refresh_token',
    wantsClientInfo: request.form.get('client_info') === '1',
    authTime: record.authTime,
    approvedInThisFlow: false,
    claims: formField(request, 'claims'),
  });
  if (!result.ok) return sendEntraError(request, response, context, result.error);
  if (result.body.refresh_token) context.state.sessions.carry(refreshToken, result.body.refresh_token);
  sendEntraJson(request, response, 200, result.body);
}

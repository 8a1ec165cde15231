import type { ServerResponse } from 'node:http';
import { findUserByOid } from '../../directory/directory.js';
import type { EmulatorContext } from '../../emulator-context.js';
import { formField, type EmulatorRequest } from '../../http/emulator-request.js';
import { aadsts } from '../aadsts.js';
import { sendEntraError, sendEntraJson } from '../entra-responses.js';
import { issueTokens } from '../token-issuer.js';

/**
 * Polling with `grant_type=urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 §3.4–3.5).
 *
 * Polling speed is measured in real time between two polls of the same code: a client that comes
 * back sooner than the code's interval gets `slow_down`, and the interval grows by 5 seconds.
 */

export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
// Timers fire a little early or late; only a poll clearly inside the interval counts as too fast.
const POLL_TOLERANCE_MS = 100;
const SLOW_DOWN_STEP_SECONDS = 5;

export function redeemDeviceCode(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext, clientId: string): void {
  const deviceCode = formField(request, 'device_code');
  if (!deviceCode) return sendEntraError(request, response, context, aadsts.missingParameter('device_code'));
  const grant = context.state.deviceCodes.byDeviceCode(deviceCode);
  if (!grant || grant.clientId !== clientId) return sendEntraError(request, response, context, aadsts.badVerificationCode());
  if (context.clock.now().getTime() >= grant.expiresAt.getTime()) {
    return sendEntraError(request, response, context, aadsts.expiredDeviceCode());
  }
  if (grant.refusal) return sendEntraError(request, response, context, grant.refusal);
  if (grant.status === 'declined') return sendEntraError(request, response, context, aadsts.authorizationDeclined());
  if (grant.status === 'pending') {
    const nowMs = Date.now();
    const previousPollMs = grant.lastPollRealMs;
    grant.lastPollRealMs = nowMs;
    if (previousPollMs !== undefined && nowMs - previousPollMs < grant.intervalSeconds * 1000 - POLL_TOLERANCE_MS) {
      grant.intervalSeconds += SLOW_DOWN_STEP_SECONDS;
      return sendEntraError(request, response, context, aadsts.slowDown(grant.intervalSeconds));
    }
    return sendEntraError(request, response, context, aadsts.authorizationPending());
  }

  const user = grant.userOid ? findUserByOid(grant.userOid) : undefined;
  if (!user) return sendEntraError(request, response, context, aadsts.badVerificationCode());
  const result = issueTokens(context, {
    user,
    clientId,
    scopeRequest: grant.scopeRequest,
    grantType: DEVICE_CODE_GRANT_TYPE,
    wantsClientInfo: request.form.get('client_info') === '1',
    authTime: grant.approvedAt ?? context.clock.now(),
    approvedInThisFlow: true,
    claims: formField(request, 'claims'),
  });
  // A device code is good for one token response (RFC 8628 §3.5).
  context.state.deviceCodes.remove(deviceCode);
  if (!result.ok) return sendEntraError(request, response, context, result.error);
  if (result.body.refresh_token) context.state.sessions.start(result.body.refresh_token, 'device-code');
  sendEntraJson(request, response, 200, result.body);
}

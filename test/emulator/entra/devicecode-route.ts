import type { RequestHandler } from '../emulator-context.js';
import { formField } from '../http/emulator-request.js';
import { newUserCode } from '../ids.js';
import { parseScopeRequest } from '../scopes/scope-request.js';
import { newDeviceCodeValue } from '../tokens/token-minting.js';
import { aadsts } from './aadsts.js';
import { checkPublicClient, checkTenant } from './client-validation.js';
import { sendEntraError, sendEntraJson } from './entra-responses.js';

/** `POST /{tenant}/oauth2/v2.0/devicecode`: the device authorization request of RFC 8628 §3.1. */
export const handleDeviceCodeRequest: RequestHandler = (request, response, context, params) => {
  const tenantError = checkTenant(params.tenant ?? '');
  if (tenantError) return sendEntraError(request, response, context, tenantError);
  const client = checkPublicClient(request.form);
  if (!client.ok) return sendEntraError(request, response, context, client.error);
  const scope = formField(request, 'scope');
  if (!scope) return sendEntraError(request, response, context, aadsts.missingParameter('scope'));

  const now = context.clock.now();
  const { deviceCodeIntervalSeconds, deviceCodeExpiresInSeconds } = context.state.settings;
  const userCode = newUserCode();
  const deviceCode = newDeviceCodeValue();
  context.state.deviceCodes.add({
    deviceCode,
    userCode,
    clientId: client.clientId,
    scopeRequest: parseScopeRequest(scope),
    issuedAt: now,
    expiresAt: new Date(now.getTime() + deviceCodeExpiresInSeconds * 1000),
    intervalSeconds: deviceCodeIntervalSeconds,
    lastPollRealMs: undefined,
    status: 'pending',
    userOid: undefined,
    approvedAt: undefined,
  });
  const verificationUri = `${context.origin}/devicelogin`;
  sendEntraJson(request, response, 200, {
    user_code: userCode,
    device_code: deviceCode,
    verification_uri: verificationUri,
    expires_in: deviceCodeExpiresInSeconds,
    interval: deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
  });
};

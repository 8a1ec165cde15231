import type { RequestHandler } from '../emulator-context.js';
import { formField } from '../http/emulator-request.js';
import { aadsts } from './aadsts.js';
import { checkPublicClient, checkTenant } from './client-validation.js';
import { sendEntraError } from './entra-responses.js';
import { redeemAuthorizationCode } from './grants/authorization-code-grant.js';
import { DEVICE_CODE_GRANT_TYPE, redeemDeviceCode } from './grants/device-code-grant.js';
import { redeemRefreshToken } from './grants/refresh-token-grant.js';

/** `POST /{tenant}/oauth2/v2.0/token`: common checks, then one handler per grant type. */
export const handleTokenRequest: RequestHandler = (request, response, context, params) => {
  const tenantError = checkTenant(params.tenant ?? '');
  if (tenantError) return sendEntraError(request, response, context, tenantError);
  const grantType = formField(request, 'grant_type');
  if (!grantType) return sendEntraError(request, response, context, aadsts.missingParameter('grant_type'));
  const client = checkPublicClient(request.form);
  if (!client.ok) return sendEntraError(request, response, context, client.error);
  switch (grantType) {
    // RFC 8628 names the URN; MSAL sends the short `device_code`, which Entra accepts as well.
    case DEVICE_CODE_GRANT_TYPE:
    case 'device_code':
      return redeemDeviceCode(request, response, context, client.clientId);
    case 'refresh_token':
      return redeemRefreshToken(request, response, context, client.clientId);
    case 'authorization_code':
      return redeemAuthorizationCode(request, response, context, client.clientId);
    default:
      return sendEntraError(request, response, context, aadsts.unsupportedGrantType(grantType));
  }
};

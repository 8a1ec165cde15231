import type { EntraErrorSpec } from './entra-error.js';
import { entraInstant, entraWholeSecondInstant } from './entra-time.js';
import { TENANT_DISPLAY_NAME } from '../directory/directory.js';
import { newGuid } from '../ids.js';

/**
 * The AADSTS errors the emulator can answer with, one factory per case.
 *
 * Texts and field choices (`error`, `suberror`, `claims`, whether `error_uri` is present) follow
 * bodies captured from the real service; the README lists the sources. Where no capture was found
 * the text follows Microsoft's AADSTS reference, and the README says so.
 */

const INACTIVE_REFRESH_TOKEN_LIFETIME = '90.00:00:00';

export const aadsts = {
  /** RFC 8628 `authorization_pending`. */
  authorizationPending(): EntraErrorSpec {
    return {
      error: 'authorization_pending',
      code: 70016,
      message: 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    };
  },

  /** RFC 8628 §3.5 `slow_down`; Entra documents no text for it, so this reuses the device-flow code. */
  slowDown(intervalSeconds: number): EntraErrorSpec {
    return {
      error: 'slow_down',
      code: 70016,
      message: `OAuth 2.0 device flow error. Polling too frequently; wait at least ${intervalSeconds} seconds between requests.`,
    };
  },

  authorizationDeclined(): EntraErrorSpec {
    return { error: 'authorization_declined', code: 65004, message: 'User declined to consent to access the app.' };
  },

  expiredDeviceCode(): EntraErrorSpec {
    return {
      error: 'expired_token',
      code: 70020,
      message: "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
    };
  },

  badVerificationCode(): EntraErrorSpec {
    return {
      error: 'bad_verification_code',
      code: 70018,
      message: "The provided value for the input parameter 'device_code' is not valid.",
    };
  },

  /** AADSTS700082: `suberror: bad_token` as Entra sends it today; `legacy` drops it (pre-2023 bodies). */
  refreshTokenInactive(issuedAt: Date, variant: 'current' | 'legacy' = 'current'): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 700082,
      message:
        `The refresh token has expired due to inactivity. The token was issued on ${entraInstant(issuedAt)} ` +
        `and was inactive for ${INACTIVE_REFRESH_TOKEN_LIFETIME}.`,
      ...(variant === 'current' ? { suberror: 'bad_token' } : {}),
    };
  },

  grantRevoked(issuedAt: Date, tokensValidFrom: Date): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 50173,
      message:
        'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have ' +
        `changed or reset their password. The grant was issued on '${entraInstant(issuedAt)}' and the ` +
        `TokensValidFrom date (before which tokens are not valid) for this user is '${entraWholeSecondInstant(tokensValidFrom)}'.`,
      suberror: 'bad_token',
    };
  },

  /** AADSTS70043 comes as `invalid_grant` or as `interaction_required`, both with `suberror: token_expired`. */
  signInFrequency(issuedAt: Date, variant: 'invalid_grant' | 'interaction_required', maxLifetimeSeconds = 86400): EntraErrorSpec {
    return {
      error: variant,
      code: 70043,
      message:
        'The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. ' +
        `The token was issued on ${entraInstant(issuedAt)} and the maximum allowed lifetime for this request is ${maxLifetimeSeconds}.`,
      suberror: 'token_expired',
      omitErrorUri: true,
    };
  },

  mfaRequired(resourceAppId: string): EntraErrorSpec {
    return {
      error: 'interaction_required',
      code: 50076,
      message:
        'Due to a configuration change made by your administrator, or because you moved to a new location, you must ' +
        `use multi-factor authentication to access '${resourceAppId}'.`,
      suberror: 'basic_action',
    };
  },

  consentRequired(clientId: string, appName: string): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 65001,
      message:
        `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. ` +
        'Send an interactive authorization request for this user and resource.',
      suberror: 'consent_required',
      omitErrorUri: true,
    };
  },

  preauthorizationRequired(clientId: string, resourceAppId: string): EntraErrorSpec {
    return {
      error: 'invalid_request',
      code: 65002,
      message:
        `Consent between first party application '${clientId}' and first party resource '${resourceAppId}' must be ` +
        'configured via preauthorization - applications owned and operated by Microsoft must get approval from the ' +
        'API owner before requesting tokens for that API.',
    };
  },

  blockedByConditionalAccess(policyId: string = newGuid()): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 53003,
      message: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      suberror: 'message_only',
      claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [policyId] } } }),
    };
  },

  /**
   * Protocol tracking: a session started by device code, refreshed where the authentication flows policy applies.
   * Text from Microsoft's Conditional Access docs ("the refresh token is invalid due to authentication flow checks
   * by Conditional Access") and the AADSTS reference ("should be deleted"); no captured body was found, so
   * `error` is inferred as invalid_grant and the suberror is left to the policy switch.
   */
  authenticationFlowBlocked(): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 530036,
      message: 'The refresh token is invalid due to authentication flow checks by Conditional Access. The refresh token should be deleted.',
    };
  },

  /** Device-based Conditional Access (a compliant or joined device) that a device code sign-in can never satisfy. */
  deviceBasedAccessBlocked(): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 530033,
      message: 'Remote device flow blocked due to device-based conditional access.',
      suberror: 'message_only',
    };
  },

  scopesFromSeveralResources(scope: string): EntraErrorSpec {
    return {
      error: 'invalid_scope',
      code: 70011,
      message: `The provided value for the input parameter 'scope' is not valid. One or more scopes in '${scope}' are not compatible with each other.`,
    };
  },

  scopeDoesNotExist(appName: string, scope: string, resourceAppId: string): EntraErrorSpec {
    return {
      error: 'invalid_client',
      code: 650053,
      message: `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '${resourceAppId}'. Contact the app vendor.`,
      status: 400,
    };
  },

  missingParameter(name: string): EntraErrorSpec {
    return {
      error: 'invalid_request',
      code: 900144,
      message: `The request body must contain the following parameter: '${name}'.`,
    };
  },

  applicationNotFound(clientId: string): EntraErrorSpec {
    return {
      error: 'unauthorized_client',
      code: 700016,
      message:
        `Application with identifier '${clientId}' was not found in the directory '${TENANT_DISPLAY_NAME}'. This can happen ` +
        'if the application has not been installed by the administrator of the tenant or consented to by any user in ' +
        'the tenant. You may have sent your authentication request to the wrong tenant.',
    };
  },

  publicClientWithSecret(): EntraErrorSpec {
    return {
      error: 'invalid_client',
      code: 700025,
      message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    };
  },

  unsupportedGrantType(grantType: string): EntraErrorSpec {
    return {
      error: 'unsupported_grant_type',
      code: 70003,
      message: `The app requested an unsupported grant type '${grantType}'.`,
    };
  },

  tenantNotFound(tenant: string, error: 'invalid_tenant' | 'invalid_request' = 'invalid_request'): EntraErrorSpec {
    return {
      error,
      code: 90002,
      message:
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the ` +
        'correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.',
    };
  },

  invalidRefreshToken(): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 70000,
      message: "The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.",
    };
  },

  malformedRequest(): EntraErrorSpec {
    return { error: 'invalid_grant', code: 9002313, message: 'Invalid request. Request is malformed or invalid.' };
  },

  authorizationCodeRedeemed(): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 54005,
      message: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    };
  },

  authorizationCodeExpired(): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 70008,
      message:
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive ' +
        'authorization request for this user and resource.',
    };
  },

  pkceMismatch(): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 501481,
      message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    };
  },

  replyAddressMismatch(given: string, original: string): EntraErrorSpec {
    return {
      error: 'invalid_grant',
      code: 500112,
      message: `The reply address '${given}' does not match the reply address '${original}' provided when requesting Authorization code.`,
    };
  },

  redirectUriNotRegistered(redirectUri: string, clientId: string): EntraErrorSpec {
    return {
      error: 'invalid_request',
      code: 50011,
      message:
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the ` +
        `application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application ` +
        'in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.',
    };
  },

  userDeclinedConsent(): EntraErrorSpec {
    return { error: 'access_denied', code: 65004, message: 'User declined to consent to access the app.' };
  },

  serviceError(status: number): EntraErrorSpec {
    return {
      error: status === 503 || status === 429 ? 'temporarily_unavailable' : 'server_error',
      code: 50000,
      message: 'There was an error issuing a token or an issue with our sign-in service.',
      status,
    };
  },
};

import { resolveTenant, TENANT_ID } from '../directory/directory.js';
import type { EmulatorContext, RequestHandler } from '../emulator-context.js';
import { sendJson } from '../http/responses.js';
import { aadsts } from './aadsts.js';
import { checkTenant } from './client-validation.js';
import { sendEntraError } from './entra-responses.js';

/**
 * Discovery documents as Entra ID v2 serves them: OpenID configuration, instance discovery, JWKS.
 *
 * For `organizations` and `common` the issuer keeps the literal `{tenantid}` placeholder and the
 * endpoints keep the alias; for a concrete tenant (GUID or domain) everything names the tenant GUID.
 */

export function openIdConfiguration(context: EmulatorContext, tenantSegment: string): Record<string, unknown> {
  const resolution = resolveTenant(tenantSegment);
  const segment = resolution.kind === 'alias' ? resolution.segment : TENANT_ID;
  const issuerTenant = resolution.kind === 'alias' ? '{tenantid}' : TENANT_ID;
  const base = `${context.origin}/${segment}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${context.origin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${context.graphBaseUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud',
      'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: resolution.kind === 'alias' ? null : 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(context.graphBaseUrl).host,
    rbac_url: 'https://pas.windows.net',
  };
}

export const handleOpenIdConfiguration: RequestHandler = (request, response, context, params) => {
  const tenant = params.tenant ?? '';
  const tenantError = checkTenant(tenant, 'invalid_tenant');
  if (tenantError) return sendEntraError(request, response, context, tenantError);
  sendJson(response, 200, openIdConfiguration(context, tenant), { 'Cache-Control': 'max-age=86400, private' });
};

/** `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…` */
export const handleInstanceDiscovery: RequestHandler = (request, response, context) => {
  const authorizationEndpoint = request.url.searchParams.get('authorization_endpoint');
  if (!authorizationEndpoint) return sendEntraError(request, response, context, aadsts.missingParameter('authorization_endpoint'));
  let endpoint: URL;
  try {
    endpoint = new URL(authorizationEndpoint);
  } catch {
    return sendEntraError(request, response, context, aadsts.missingParameter('authorization_endpoint'));
  }
  const host = new URL(context.origin).host;
  const tenant = endpoint.pathname.split('/').filter((part) => part.length > 0)[0] ?? 'common';
  const port = new URL(context.origin).port;
  sendJson(response, 200, {
    tenant_discovery_endpoint: `${context.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host, `localhost:${port}`] }],
  });
};

export const handleKeys: RequestHandler = (request, response, context, params) => {
  const tenantError = checkTenant(params.tenant ?? '', 'invalid_tenant');
  if (tenantError) return sendEntraError(request, response, context, tenantError);
  const issuerTenant = resolveTenant(params.tenant ?? '').kind === 'alias' ? '{tenantid}' : TENANT_ID;
  sendJson(response, 200, { keys: [{ ...context.signingKey.jwk, issuer: `${context.origin}/${issuerTenant}/v2.0` }] });
};

import { isValidClientIdFormat, resolveTenant } from '../directory/directory.js';
import { aadsts } from './aadsts.js';
import type { EntraErrorSpec } from './entra-error.js';

/** The checks every Entra endpoint makes before looking at the grant: tenant, client ID, client type. */

export type ClientCheck = { readonly ok: true; readonly clientId: string } | { readonly ok: false; readonly error: EntraErrorSpec };

/** Any GUID is a registered public client here; anything else is an app the directory does not have. */
export function checkPublicClient(parameters: URLSearchParams): ClientCheck {
  const clientId = parameters.get('client_id');
  if (!clientId) return { ok: false, error: aadsts.missingParameter('client_id') };
  if (!isValidClientIdFormat(clientId)) return { ok: false, error: aadsts.applicationNotFound(clientId) };
  if (parameters.get('client_secret') || parameters.get('client_assertion')) {
    return { ok: false, error: aadsts.publicClientWithSecret() };
  }
  return { ok: true, clientId: clientId.toLowerCase() };
}

export function checkTenant(segment: string, error: 'invalid_tenant' | 'invalid_request' = 'invalid_request'): EntraErrorSpec | undefined {
  return resolveTenant(segment).kind === 'unknown' ? aadsts.tenantNotFound(segment, error) : undefined;
}

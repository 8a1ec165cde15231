import { OFFICE_CLIENT_ID } from './directory.js';
import { isSharePoint } from '../scopes/resources.js';

/**
 * Resources a first-party client may call without the user's consent.
 *
 * Office is pre-authorised for SharePoint, which is why Delegate's default client can get a
 * `https://<tenant>.sharepoint.com/.default` token silently from the Graph refresh token.
 */
const OFFICE_SHAREPOINT_SCOPES = ['AllSites.Manage', 'AllSites.Read', 'AllSites.Write', 'MyFiles.Read', 'MyFiles.Write'];

export function preauthorizedScopes(clientId: string, resource: string): readonly string[] {
  if (clientId.toLowerCase() === OFFICE_CLIENT_ID && isSharePoint(resource)) return OFFICE_SHAREPOINT_SCOPES;
  return [];
}

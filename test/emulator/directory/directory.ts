import { isGuid } from '../ids.js';

/**
 * The one tenant the emulator hosts, its users and the client IDs it recognises by name.
 *
 * IDs are fixed so tests, fixtures and the README demo can name them.
 */

export const TENANT_ID = '5d2c8a14-7b3e-4f09-9a61-2e8c0b7d4f13';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
export const TENANT_DISPLAY_NAME = 'Contoso';

export interface DirectoryUser {
  readonly upn: string;
  readonly oid: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly jobTitle: string;
  readonly mail: string;
  readonly mobilePhone: string | null;
  readonly officeLocation: string;
  readonly preferredLanguage: string;
  readonly businessPhones: readonly string[];
}

export const USERS: readonly DirectoryUser[] = [
  {
    upn: 'adele.vance@contoso.onmicrosoft.com',
    oid: '8b2f6c1e-3d4a-4e5b-9f60-7a1c2d3e4f50',
    displayName: 'Adele Vance',
    givenName: 'Adele',
    surname: 'Vance',
    jobTitle: 'Retail Manager',
    mail: 'adele.vance@contoso.onmicrosoft.com',
    mobilePhone: null,
    officeLocation: '18/2111',
    preferredLanguage: 'en-US',
    businessPhones: ['+1 425 555 0109'],
  },
  {
    upn: 'megan.bowen@contoso.onmicrosoft.com',
    oid: 'c4e1a9d7-52b8-4c63-8e1f-0d9a7b6c5e42',
    displayName: 'Megan Bowen',
    givenName: 'Megan',
    surname: 'Bowen',
    jobTitle: 'Marketing Manager',
    mail: 'megan.bowen@contoso.onmicrosoft.com',
    mobilePhone: null,
    officeLocation: '12/1110',
    preferredLanguage: 'en-US',
    businessPhones: ['+1 412 555 0109'],
  },
];

export const DEFAULT_USER: DirectoryUser = USERS[0] as DirectoryUser;

export function findUserByUpn(upn: string): DirectoryUser | undefined {
  const wanted = upn.trim().toLowerCase();
  return USERS.find((user) => user.upn === wanted);
}

export function findUserByOid(oid: string): DirectoryUser | undefined {
  return USERS.find((user) => user.oid === oid);
}

/** Microsoft's own public clients that Delegate offers as presets. */
export const OFFICE_CLIENT_ID = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
export const GRAPH_POWERSHELL_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

const WELL_KNOWN_CLIENT_NAMES: ReadonlyMap<string, string> = new Map([
  [OFFICE_CLIENT_ID, 'Microsoft Office'],
  [AZURE_CLI_CLIENT_ID, 'Microsoft Azure CLI'],
  [GRAPH_POWERSHELL_CLIENT_ID, 'Microsoft Graph Command Line Tools'],
]);

/** The name Entra shows for an app; any other GUID is treated as a registered public client. */
export function clientDisplayName(clientId: string): string {
  return WELL_KNOWN_CLIENT_NAMES.get(clientId.toLowerCase()) ?? 'Public client app';
}

export type TenantResolution =
  | { kind: 'alias'; segment: 'organizations' | 'common' }
  | { kind: 'tenant'; segment: string }
  | { kind: 'unknown'; segment: string };

/** Reads the `{tenant}` path segment the way Entra does: an alias, the tenant GUID or a verified domain. */
export function resolveTenant(segment: string): TenantResolution {
  const lower = segment.toLowerCase();
  if (lower === 'organizations' || lower === 'common') return { kind: 'alias', segment: lower };
  if (lower === TENANT_ID || lower === TENANT_DOMAIN) return { kind: 'tenant', segment: lower };
  return { kind: 'unknown', segment };
}

export function isValidClientIdFormat(clientId: string): boolean {
  return isGuid(clientId);
}

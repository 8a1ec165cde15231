/**
 * The Graph permissions Microsoft's own public clients were seen pre-authorised for, to suggest a client ID.
 *
 * Microsoft pre-authorises each of its apps for a fixed set of Graph permissions and changes the sets without
 * notice, so this is advice, never a check: Delegate asks Entra ID itself (scope-refusal.ts). The sets are the
 * `scp` of real `.default` Graph tokens of each client (public write-ups, 2025–2026):
 * - Office (d3590ed6): mail, calendars, files, tasks — no Teams chat/channel scopes, no Sites.*, no `.Shared` mail;
 * - Azure CLI (04b07795): directory administration only — no mail, files, chat or sites at all;
 * - Graph PowerShell (14d82eec): not limited — people may consent to any Graph delegated permission for it (an
 *   organisation may require an administrator to approve that consent).
 */
import type { ClientPreset } from './client-presets.js';

export const OBSERVED_PREAUTHORIZATION: Readonly<Record<ClientPreset['id'], readonly string[] | 'any'>> = {
  office: [
    'Calendars.Read.Shared', 'Calendars.ReadWrite', 'Contacts.ReadWrite', 'Directory.AccessAsUser.All', 'Directory.Read.All',
    'Files.Read', 'Files.Read.All', 'Files.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Mail.ReadWrite', 'Mail.Send',
    'Notes.Create', 'Organization.Read.All', 'People.Read', 'People.Read.All', 'Reports.Read.All', 'Tasks.ReadWrite',
    'TeamMember.ReadWrite.All', 'User.Read.All', 'User.ReadBasic.All', 'User.ReadWrite',
  ],
  'azure-cli': [
    'Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'AuditLog.Read.All', 'DelegatedPermissionGrant.ReadWrite.All',
    'Directory.AccessAsUser.All', 'Group.ReadWrite.All', 'User.Read.All', 'User.ReadWrite.All',
  ],
  'graph-powershell': 'any',
};

const PREFERENCE: readonly ClientPreset['id'][] = ['office', 'graph-powershell', 'azure-cli'];
const IDS: Readonly<Record<ClientPreset['id'], string>> = {
  office: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  'azure-cli': '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  'graph-powershell': '14d82eec-204b-4c2f-b7e8-296a70dab67e',
};

/** A preset other than the current client that was seen pre-authorised for every one of `scopes`, if any. */
export function suggestClientFor(scopes: readonly string[], currentClientId: string): ClientPreset['id'] | undefined {
  if (scopes.length === 0) return undefined;
  const wanted = scopes.map((scope) => scope.toLowerCase());
  return PREFERENCE.find((id) => {
    if (IDS[id] === currentClientId.toLowerCase()) return false;
    const known = OBSERVED_PREAUTHORIZATION[id];
    if (known === 'any') return true;
    const lower = new Set(known.map((name) => name.toLowerCase()));
    return wanted.every((scope) => lower.has(scope));
  });
}

/** The known pre-authorised list of a client ID: a preset's list, `'any'` for Graph PowerShell and custom IDs. */
export function preauthorizedListFor(clientId: string): readonly string[] | 'any' {
  const lower = clientId.toLowerCase();
  const preset = PREFERENCE.find((id) => IDS[id] === lower);
  return preset === undefined ? 'any' : OBSERVED_PREAUTHORIZATION[preset];
}

/**
 * Microsoft clients whose Graph permissions are limited to a pre-authorised set (so AADSTS65002 can happen and
 * nobody is ever asked to consent): Office and Azure CLI. Graph PowerShell and every non-Microsoft app use consent.
 */
export function isPreauthorizationGated(clientId: string): boolean {
  const lower = clientId.toLowerCase();
  return lower === IDS.office || lower === IDS['azure-cli'];
}

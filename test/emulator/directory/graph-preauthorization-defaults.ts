import { AZURE_CLI_CLIENT_ID, GRAPH_POWERSHELL_CLIENT_ID, OFFICE_CLIENT_ID } from './directory.js';

/**
 * Default Microsoft Graph pre-authorisation of Microsoft's own public clients (AADSTS65002 outside it).
 *
 * Microsoft's first-party apps cannot be consented to for just any Graph permission: Microsoft pre-authorises
 * each for a fixed set, and a request for anything else fails with AADSTS65002. The lists below come from the
 * `scp` of real `.default` Graph tokens (a `.default` token of a first-party client carries exactly its
 * pre-authorised set), as published in public write-ups:
 *
 * - Azure CLI: "Application.ReadWrite.All AppRoleAssignment.ReadWrite.All AuditLog.Read.All
 *   DelegatedPermissionGrant.ReadWrite.All Directory.AccessAsUser.All Group.ReadWrite.All User.Read.All
 *   User.ReadWrite.All" (GraphRunner `Invoke-BruteClientIDAccess`, 2025; the same set plus
 *   SubjectNameRegistration.ReadWrite seen in 2026). No Mail.*, Chat.*, Files.* or Sites.* at all (azure-cli #33062,
 *   #26471 ask for more and are told it is Microsoft's call).
 * - Office (d3590ed6): the token GraphRunner's `Get-GraphTokens` gets in 2025 (OFFICE_OBSERVED below). It has
 *   Mail.Send, Mail.ReadWrite, Calendars.*, Files.*, Tasks.ReadWrite, but NOT Chat.*, ChannelMessage.Send,
 *   Channel.ReadBasic.All, Team.ReadBasic.All, Sites.ReadWrite.All, Mail.ReadWrite.Shared or User.Read.
 * - Microsoft Graph Command Line Tools (Graph PowerShell, 14d82eec) is the exception: people may consent to any
 *   Graph delegated permission for it (that is what it is for), so it has no pre-authorisation limit: `'any'`.
 *
 * The emulator's defaults are these observed sets and nothing more: padding Office's list with what Delegate would
 * like to ask for would hide exactly the AADSTS65002 a real tenant answers. Microsoft changes the lists silently
 * (azure-cli #22775, #33062), so tests that need another list set it through the control API
 * (`PUT /_control/clients/{id}/preauthorized`). `preset: "observed"` is kept as a name for the default.
 * Names compare without regard to case, as Entra does.
 */

export const OFFICE_OBSERVED: readonly string[] = [
  'AuditLog.Create',
  'Calendar.ReadWrite',
  'Calendars.Read.Shared',
  'Calendars.ReadWrite',
  'Contacts.ReadWrite',
  'DataLossPreventionPolicy.Evaluate',
  'Directory.AccessAsUser.All',
  'Directory.Read.All',
  'Files.Read',
  'Files.Read.All',
  'Files.ReadWrite.All',
  'FileStorageContainer.Selected',
  'Group.Read.All',
  'Group.ReadWrite.All',
  'InformationProtectionPolicy.Read',
  'Mail.ReadWrite',
  'Mail.Send',
  'Notes.Create',
  'Organization.Read.All',
  'People.Read',
  'People.Read.All',
  'Printer.Read.All',
  'PrinterShare.ReadBasic.All',
  'PrintJob.Create',
  'PrintJob.ReadWriteBasic',
  'Reports.Read.All',
  'SensitiveInfoType.Detect',
  'SensitiveInfoType.Read.All',
  'SensitivityLabel.Evaluate',
  'Tasks.ReadWrite',
  'TeamMember.ReadWrite.All',
  'TeamsTab.ReadWriteForChat',
  'User.Read.All',
  'User.ReadBasic.All',
  'User.ReadWrite',
  'Users.Read',
];

export const AZURE_CLI_OBSERVED: readonly string[] = [
  'Application.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'AuditLog.Read.All',
  'DelegatedPermissionGrant.ReadWrite.All',
  'Directory.AccessAsUser.All',
  'Group.ReadWrite.All',
  'User.Read.All',
  'User.ReadWrite.All',
];

/** `'any'`: the client may ask for any Graph permission (user consent decides, as for apps outside Microsoft). */
export type GraphPreauthorization = readonly string[] | 'any';

export type PreauthorizationPreset = 'default' | 'observed' | 'any';

export function presetPreauthorization(clientId: string, preset: PreauthorizationPreset): GraphPreauthorization {
  if (preset === 'any') return 'any';
  switch (clientId.toLowerCase()) {
    case OFFICE_CLIENT_ID:
      return OFFICE_OBSERVED;
    case AZURE_CLI_CLIENT_ID:
      return AZURE_CLI_OBSERVED;
    case GRAPH_POWERSHELL_CLIENT_ID:
      return 'any';
    default:
      return 'any';
  }
}

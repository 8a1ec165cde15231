/**
 * Delegated permissions of Microsoft Graph the emulator knows, in Microsoft's casing.
 *
 * A scope name outside this list is refused the way Entra refuses it (AADSTS650053), which is how a
 * misspelling such as `Calendar.ReadWrite` (the real one is `Calendars.ReadWrite`) shows up.
 */
export const GRAPH_DELEGATED_PERMISSIONS: readonly string[] = [
  'AuditLog.Read.All',
  'Calendars.Read',
  'Calendars.Read.Shared',
  'Calendars.ReadBasic',
  'Calendars.ReadWrite',
  'Calendars.ReadWrite.Shared',
  'Channel.ReadBasic.All',
  'ChannelMessage.Read.All',
  'ChannelMessage.Send',
  'Chat.Create',
  'Chat.Read',
  'Chat.ReadBasic',
  'Chat.ReadWrite',
  'ChatMessage.Read',
  'ChatMessage.Send',
  'Contacts.Read',
  'Contacts.Read.Shared',
  'Contacts.ReadWrite',
  'Contacts.ReadWrite.Shared',
  'Directory.AccessAsUser.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Files.Read',
  'Files.Read.All',
  'Files.ReadWrite',
  'Files.ReadWrite.All',
  'Files.ReadWrite.AppFolder',
  'Group.Read.All',
  'Group.ReadWrite.All',
  'Mail.Read',
  'Mail.Read.Shared',
  'Mail.ReadBasic',
  'Mail.ReadWrite',
  'Mail.ReadWrite.Shared',
  'Mail.Send',
  'Mail.Send.Shared',
  'MailboxSettings.Read',
  'MailboxSettings.ReadWrite',
  'Notes.Read',
  'Notes.ReadWrite',
  'People.Read',
  'Presence.Read',
  'Presence.Read.All',
  'Sites.FullControl.All',
  'Sites.Manage.All',
  'Sites.Read.All',
  'Sites.ReadWrite.All',
  'Tasks.Read',
  'Tasks.ReadWrite',
  'Team.ReadBasic.All',
  'TeamMember.Read.All',
  'User.Read',
  'User.Read.All',
  'User.ReadBasic.All',
  'User.ReadWrite',
  'User.ReadWrite.All',
];

const BY_LOWER_NAME: ReadonlyMap<string, string> = new Map(
  GRAPH_DELEGATED_PERMISSIONS.map((name) => [name.toLowerCase(), name]),
);

/** Microsoft's casing for a Graph permission, or undefined when Graph has no such permission. */
export function canonicalGraphPermission(name: string): string | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/**
 * The broad scope set Delegate asks for when a profile names none.
 *
 * Mail, calendars, Teams chats and channels, files, To Do and people lookups. Microsoft marks none of them
 * as needing an administrator's consent, so one sign-in covers everyday automation and narrower requests
 * are then served silently from the same refresh token.
 *
 * In a file of its own so that code needing only this list (the cached-token path) does not load the whole
 * Graph permission catalogue.
 */
export const DEFAULT_SIGN_IN_SCOPES: readonly string[] = Object.freeze([
  'Mail.Send',
  'Mail.ReadWrite',
  'Mail.ReadWrite.Shared',
  'Calendars.ReadWrite',
  'Calendars.Read.Shared',
  'Chat.ReadWrite',
  'Chat.Create',
  'ChannelMessage.Send',
  'Channel.ReadBasic.All',
  'Team.ReadBasic.All',
  'Files.ReadWrite.All',
  'Sites.ReadWrite.All',
  'Tasks.ReadWrite',
  'User.Read',
  'User.ReadBasic.All',
]);

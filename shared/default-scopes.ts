/**
 * The scope set Delegate asks for when a profile names none, limited to what the profile's client can get.
 *
 * The broad set covers mail, calendars, Teams chats and channels, files, To Do and people lookups. Microsoft marks
 * none of them as needing an administrator's consent, so one sign-in covers everyday automation and narrower
 * requests are then served silently from the same refresh token.
 *
 * Microsoft's own Office and Azure CLI clients are pre-authorised for a fixed list of Graph permissions, and one
 * scope outside it fails the whole sign-in with AADSTS65002. Asking such a client for the broad set would break
 * the very first `delegate login`, so a profile on one of them asks for the broad set limited to the client's
 * known list (preauthorized-scopes.ts). Graph PowerShell and custom client IDs are limited by consent only: they
 * ask for the broad set.
 *
 * In a file of its own (with only the small pre-authorisation table) so that code needing only the defaults (the
 * cached-token path) does not load the whole Graph permission catalogue.
 */
import { preauthorizedListFor } from './preauthorized-scopes.js';

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

/**
 * Permissions that let Delegate read who signed in (`GET /me`), least privileged first (Graph's "Get user"
 * reference). A client that has none of the broad set still gets the first of these it is known to have.
 */
const READ_OWN_PROFILE: readonly string[] = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All'];

/** The scopes a profile on `clientId` asks for when it names none (a fresh array, in the broad set's order). */
export function defaultScopesFor(clientId: string): string[] {
  const known = preauthorizedListFor(clientId);
  if (known === 'any') return [...DEFAULT_SIGN_IN_SCOPES];
  const has = new Set(known.map((scope) => scope.toLowerCase()));
  const within = DEFAULT_SIGN_IN_SCOPES.filter((scope) => has.has(scope.toLowerCase()));
  if (within.length > 0) return within;
  const minimum = READ_OWN_PROFILE.find((scope) => has.has(scope.toLowerCase()));
  return minimum ? [minimum] : [...DEFAULT_SIGN_IN_SCOPES];
}

/** The broad set's scopes a profile on `clientId` leaves out by default, because the client is not known to get them. */
export function defaultScopesLeftOut(clientId: string): string[] {
  const chosen = new Set(defaultScopesFor(clientId).map((scope) => scope.toLowerCase()));
  return DEFAULT_SIGN_IN_SCOPES.filter((scope) => !chosen.has(scope.toLowerCase()));
}

/** True when `scopes` are exactly the default of `clientId` (any order or case): the profile never chose its own. */
export function isDefaultScopeSetFor(clientId: string, scopes: readonly string[]): boolean {
  const wanted = defaultScopesFor(clientId).map((scope) => scope.toLowerCase()).sort();
  const given = [...new Set(scopes.map((scope) => scope.toLowerCase()))].sort();
  return wanted.length === given.length && wanted.every((scope, index) => scope === given[index]);
}

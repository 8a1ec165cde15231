/**
 * URL shapes shared by the mail routes: `/me/…` or `/users/{id | userPrincipalName}/…`, and a
 * message reached through `/messages/{id}` or `/mailFolders/{id}/messages/{id}`.
 */

export const MAILBOX = String.raw`/v1\.0/(?:me|users/(?<user>[^/]+))`;

export const MESSAGES = String.raw`${MAILBOX}(?:/mailFolders/(?<folder>[^/]+))?/messages`;

export const MESSAGE = String.raw`${MESSAGES}/(?<messageId>[^/]+)`;

export function mailRoutePattern(source: string): RegExp {
  return new RegExp(`^${source}/?$`);
}

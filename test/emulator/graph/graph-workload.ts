import type { GraphErrorSpec } from './graph-error.js';

/**
 * The service behind a Graph path. Graph fronts several services and each refuses and throttles in
 * its own words: a token without the scope gets Azure AD's `Authorization_RequestDenied` on /me,
 * Exchange's `ErrorAccessDenied` on mail, SharePoint's `accessDenied` on files and Teams'
 * `Forbidden` with the scope list; a 429 says `TooManyRequests`, `ApplicationThrottled` or
 * `activityLimitReached`.
 */

export type GraphWorkload = 'directory' | 'mail' | 'files' | 'teams';

const MAILBOX = String.raw`/v1\.0/(?:me|users/[^/]+)/(?:messages|mailFolders|sendMail)(?:[/?]|$)`;
const FILES = String.raw`/v1\.0/(?:(?:me|users/[^/]+)/drives?(?:[/:?]|$)|drives(?:[/?]|$)|sites(?:[/:?]|$))`;
const TEAMS = String.raw`/v1\.0/(?:chats|teams)(?:[/?]|$)`;

/** By path: faults are applied before routing, and SharePoint content URLs are files too. */
export function workloadForPath(path: string, endpoint: 'graph' | 'sharepoint' = 'graph'): GraphWorkload {
  if (endpoint === 'sharepoint') return 'files';
  if (new RegExp(`^${MAILBOX}`).test(path)) return 'mail';
  if (new RegExp(`^${FILES}`).test(path)) return 'files';
  if (new RegExp(`^${TEAMS}`).test(path)) return 'teams';
  return 'directory';
}

/** 403 for a token that has none of the route's scopes. */
export function missingScopeError(workload: GraphWorkload, anyOfScopes: readonly string[], tokenScopes: ReadonlySet<string>): GraphErrorSpec {
  switch (workload) {
    case 'mail':
      return { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' };
    case 'files':
      return { status: 403, code: 'accessDenied', message: 'Access denied' };
    case 'teams':
      return {
        status: 403,
        code: 'Forbidden',
        message: `Missing scope permissions on the request. API requires one of '${anyOfScopes.join(', ')}'. Scopes on the request '${[...tokenScopes].join(', ')}'`,
      };
    case 'directory':
      return { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
  }
}

/** 429 in each service's words, with Retry-After when the fault gives one. */
export function throttledError(workload: GraphWorkload, retryAfterSeconds: number | undefined): GraphErrorSpec {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  switch (workload) {
    case 'mail':
      return { status: 429, code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.', headers };
    case 'files':
      return { status: 429, code: 'activityLimitReached', message: 'The request has been throttled', innerError: { code: 'throttledRequest' }, headers };
    case 'teams':
    case 'directory':
      return {
        status: 429,
        code: 'TooManyRequests',
        message: 'Please retry again later.',
        innerError: { code: '429', message: 'Please retry after', status: '429' },
        headers,
      };
  }
}

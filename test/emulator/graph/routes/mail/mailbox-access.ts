import { findMailbox, mayUseMailbox, type MailboxDefinition } from '../../../directory/mailboxes.js';
import type { GraphErrorSpec } from '../../graph-error.js';
import type { GraphCall } from '../../graph-route.js';
import { mailErrors } from './mail-errors.js';

/**
 * Whose mailbox a call reaches and whether it may. `/me` is the caller's own; `/users/{x}` may be
 * the caller again, or another mailbox, which needs a `.Shared` scope and a delegation in
 * Exchange (Full Access to read and change, Send As to send). Exchange refuses either lack with
 * 403 ErrorAccessDenied (ErrorSendAsDenied for sending).
 */

export type MailAccess = 'read' | 'write' | 'send';

const OWN_SCOPES: Readonly<Record<MailAccess, readonly string[]>> = {
  read: ['Mail.Read', 'Mail.ReadWrite', 'Mail.Read.Shared', 'Mail.ReadWrite.Shared'],
  write: ['Mail.ReadWrite', 'Mail.ReadWrite.Shared'],
  send: ['Mail.Send', 'Mail.Send.Shared'],
};

const SHARED_SCOPES: Readonly<Record<MailAccess, readonly string[]>> = {
  read: ['Mail.Read.Shared', 'Mail.ReadWrite.Shared'],
  write: ['Mail.ReadWrite.Shared'],
  send: ['Mail.Send.Shared'],
};

/** What a route lists as its scopes: any that could work for some mailbox. */
export function mailRouteScopes(access: MailAccess): readonly string[] {
  return OWN_SCOPES[access];
}

export type MailboxResolution = { readonly ok: true; readonly mailbox: MailboxDefinition } | { readonly ok: false; readonly error: GraphErrorSpec };

export function resolveMailbox(call: GraphCall, access: MailAccess): MailboxResolution {
  const { caller, params } = call;
  const named = params.user;
  const mailbox = findMailbox(named ?? caller.user.oid);
  if (mailbox === undefined) return { ok: false, error: mailErrors.invalidUser(named ?? caller.user.upn) };
  const own = mailbox.oid === caller.user.oid;
  const scopes = own ? OWN_SCOPES[access] : SHARED_SCOPES[access];
  if (!scopes.some((scope) => caller.scopes.has(scope))) return { ok: false, error: mailErrors.accessDenied() };
  if (!own && !mayUseMailbox(mailbox, caller.user.oid)) return { ok: false, error: access === 'send' ? mailErrors.sendAsDenied() : mailErrors.accessDenied() };
  return { ok: true, mailbox };
}

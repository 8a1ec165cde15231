import type { MailboxDefinition } from '../../../directory/mailboxes.js';
import type { MailMessage } from '../../../state/mailbox-store.js';
import type { GraphErrorSpec } from '../../graph-error.js';
import type { GraphCall } from '../../graph-route.js';
import { mailErrors } from './mail-errors.js';
import { resolveMailbox, type MailAccess } from './mailbox-access.js';

/** The message a `…/messages/{id}` URL names, once the caller may reach its mailbox. */
export function findMessage(
  call: GraphCall,
  access: MailAccess,
): { readonly ok: true; readonly mailbox: MailboxDefinition; readonly message: MailMessage } | { readonly ok: false; readonly error: GraphErrorSpec } {
  const resolution = resolveMailbox(call, access);
  if (!resolution.ok) return resolution;
  const message = call.context.state.mailboxes.message(resolution.mailbox.upn, call.params.messageId ?? '');
  if (message === undefined) return { ok: false, error: mailErrors.itemNotFound() };
  return { ok: true, mailbox: resolution.mailbox, message };
}

import { buildMessage, type MailMessage } from '../../../state/mailbox-store.js';
import { graphErrors } from '../../graph-error.js';
import { isRecord, parseJsonBody, type GraphRoute } from '../../graph-route.js';
import { mailErrors } from './mail-errors.js';
import { mailRoutePattern, MESSAGE, MESSAGES } from './mail-paths.js';
import { mailRouteScopes, resolveMailbox } from './mailbox-access.js';
import { findMessage } from './message-lookup.js';
import { messageJson } from './message-json.js';
import { deliverMail, parseMessageObject, sendingMailbox, type ParsedMessage } from './send-mail.js';

/**
 * Drafts, as Graph's two-step send works: `POST /{mailbox}/messages` (or `…/mailFolders/{folder}/messages`)
 * creates a draft — with `singleValueExtendedProperties` if given — and answers 201 with it;
 * `POST …/messages/{id}/send` sends a draft: 202 with no body, the draft moved to Sent Items under a new ID
 * (its extended properties kept, so a client can find it there), logged and delivered like sendMail.
 */

export const createDraftRoute: GraphRoute = {
  method: 'POST',
  pattern: mailRoutePattern(MESSAGES),
  anyOfScopes: mailRouteScopes('write'),
  handle: (call) => {
    const resolution = resolveMailbox(call, 'write');
    if (!resolution.ok) return { error: resolution.error };
    const json = parseJsonBody(call.request);
    if (!json.ok || !isRecord(json.value)) return { error: graphErrors.unreadableJson() };
    const parsed = parseMessageObject(json.value, false);
    if (!parsed.ok) return { error: parsed.error };
    const store = call.context.state.mailboxes;
    const folder = store.folder(resolution.mailbox.upn, call.params.folder ?? 'drafts');
    if (folder === undefined) return { error: mailErrors.itemNotFound() };
    const message = parsed.value;
    const now = call.context.clock.now();
    const draft = store.add(
      buildMessage({
        mailbox: resolution.mailbox.upn,
        folderId: folder.id,
        subject: message.subject,
        bodyType: message.bodyType,
        body: message.body,
        from: { name: resolution.mailbox.displayName, address: message.from ?? resolution.mailbox.upn },
        toRecipients: message.to,
        ccRecipients: message.cc,
        bccRecipients: message.bcc,
        receivedDateTime: now,
        isRead: true,
        importance: message.importance,
        attachments: message.attachments,
        isDraft: true,
        singleValueExtendedProperties: message.singleValueExtendedProperties,
      }),
    );
    return {
      status: 201,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(resolution.mailbox.upn)}')/messages/$entity`,
        ...messageJson(draft, { bodyType: message.bodyType, expandAttachments: false }),
      },
    };
  },
};

export const sendDraftRoute: GraphRoute = {
  method: 'POST',
  pattern: mailRoutePattern(`${MESSAGE}/send`),
  anyOfScopes: mailRouteScopes('send'),
  handle: (call) => {
    const found = findMessage(call, 'send');
    if (!found.ok) return { error: found.error };
    const draft = found.message;
    // Exchange refuses to send an item that is not a draft (one already sent has moved and is not found).
    if (!draft.isDraft) return { error: graphErrors.badRequest('Only draft messages can be sent.', 'ErrorInvalidOperation') };
    const message = draftAsParsed(draft);
    if (message.to.length + message.cc.length + message.bcc.length === 0) return { error: mailErrors.noRecipients() };
    const sender = sendingMailbox(call, found.mailbox, draft.from.address);
    if (!sender.ok) return { error: sender.error };
    deliverMail(call, sender.value, message, true, draft);
    return { status: 202, body: undefined };
  },
};

function draftAsParsed(draft: MailMessage): ParsedMessage {
  return {
    subject: draft.subject,
    bodyType: draft.bodyType,
    body: draft.body,
    to: [...draft.toRecipients],
    cc: [...draft.ccRecipients],
    bcc: [...draft.bccRecipients],
    importance: draft.importance,
    from: draft.from.address,
    attachments: draft.attachments.map((attachment) => ({ name: attachment.name, contentType: attachment.contentType, bytes: attachment.bytes, isInline: attachment.isInline })),
    singleValueExtendedProperties: [...draft.singleValueExtendedProperties],
  };
}

import { createHash } from 'node:crypto';
import { findMailbox, mayUseMailbox, type MailboxDefinition } from '../../../directory/mailboxes.js';
import { buildMessage, type BodyType, type EmailAddress, type ExtendedProperty, type Importance, type MailMessage } from '../../../state/mailbox-store.js';
import { graphErrors, type GraphErrorSpec } from '../../graph-error.js';
import { isRecord, parseJsonBody, type GraphCall, type GraphRoute } from '../../graph-route.js';
import { mailErrors } from './mail-errors.js';
import { MAILBOX, mailRoutePattern } from './mail-paths.js';
import { mailRouteScopes, resolveMailbox } from './mailbox-access.js';

/**
 * `POST /me/sendMail` and `/users/{id | upn}/sendMail`: `{message, saveToSentItems}` with
 * to/cc/bcc, a text or HTML body and `#microsoft.graph.fileAttachment` attachments (base64
 * `contentBytes`). Answers 202 with no body, as Graph does. The message is logged for the control
 * API, saved to Sent Items unless `saveToSentItems` is false, and delivered to the Inbox of any
 * recipient whose mailbox the emulator hosts.
 */

// Message properties Graph accepts in sendMail; any other name fails as RequestBodyRead.
const MESSAGE_PROPERTIES = new Set(
  [
    'subject',
    'body',
    'toRecipients',
    'ccRecipients',
    'bccRecipients',
    'replyTo',
    'attachments',
    'importance',
    'from',
    'sender',
    'categories',
    'internetMessageHeaders',
    'isDeliveryReceiptRequested',
    'isReadReceiptRequested',
    'flag',
    'singleValueExtendedProperties',
  ].map((name) => name.toLowerCase()),
);

const ATTACHMENT_PROPERTIES = new Set(['@odata.type', 'name', 'contenttype', 'contentbytes', 'isinline', 'contentid', 'size', 'lastmodifieddatetime']);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface ParsedAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly isInline: boolean;
}

export interface ParsedMessage {
  readonly subject: string;
  readonly bodyType: BodyType;
  readonly body: string;
  readonly to: EmailAddress[];
  readonly cc: EmailAddress[];
  readonly bcc: EmailAddress[];
  readonly importance: Importance;
  readonly from: string | undefined;
  readonly attachments: ParsedAttachment[];
  readonly singleValueExtendedProperties: ExtendedProperty[];
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GraphErrorSpec };

function property(record: Record<string, unknown>, name: string): unknown {
  const wanted = name.toLowerCase();
  return Object.entries(record).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

function parseRecipients(value: unknown, field: string): Parsed<EmailAddress[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) return { ok: false, error: graphErrors.badRequest(`'${field}' must be a collection of recipients.`) };
  const recipients: EmailAddress[] = [];
  for (const entry of value) {
    const emailAddress = isRecord(entry) ? property(entry, 'emailAddress') : undefined;
    const address = isRecord(emailAddress) ? property(emailAddress, 'address') : undefined;
    const name = isRecord(emailAddress) ? property(emailAddress, 'name') : undefined;
    if (typeof address !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address.trim())) {
      return { ok: false, error: mailErrors.invalidRecipient(typeof address === 'string' ? address : '') };
    }
    recipients.push({ address: address.trim(), name: typeof name === 'string' ? name : address.trim() });
  }
  return { ok: true, value: recipients };
}

function parseAttachments(value: unknown): Parsed<ParsedAttachment[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) return { ok: false, error: graphErrors.badRequest("'attachments' must be a collection.") };
  const attachments: ParsedAttachment[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) return { ok: false, error: graphErrors.badRequest('An attachment must be an object.') };
    const type = property(entry, '@odata.type');
    if (type === undefined) {
      // Without the derived type Graph reads the base type, which has no contentBytes.
      const extra = Object.keys(entry).find((key) => !['name', 'contenttype', 'isinline', 'size', 'lastmodifieddatetime'].includes(key.toLowerCase()));
      if (extra !== undefined) return { ok: false, error: graphErrors.unknownProperty(extra, 'microsoft.graph.attachment') };
    } else if (typeof type !== 'string' || type.replace(/^#/, '') !== 'microsoft.graph.fileAttachment') {
      return { ok: false, error: graphErrors.badRequest(`The emulator sends only #microsoft.graph.fileAttachment attachments, not '${String(type)}'.`) };
    }
    const unknown = Object.keys(entry).find((key) => !ATTACHMENT_PROPERTIES.has(key.toLowerCase()));
    if (unknown !== undefined) return { ok: false, error: graphErrors.unknownProperty(unknown, 'microsoft.graph.fileAttachment') };
    const name = property(entry, 'name');
    const contentBytes = property(entry, 'contentBytes');
    const contentType = property(entry, 'contentType');
    if (typeof name !== 'string' || name.length === 0) return { ok: false, error: graphErrors.badRequest('The attachment name is missing.', 'ErrorInvalidParameter') };
    const base64 = typeof contentBytes === 'string' ? contentBytes.replace(/\s/g, '') : '';
    if (typeof contentBytes !== 'string' || !BASE64.test(base64) || base64.length % 4 !== 0) {
      return { ok: false, error: graphErrors.badRequest(`Cannot convert the literal '${String(contentBytes).slice(0, 40)}' to the expected type 'Edm.Binary'.`, 'RequestBodyRead') };
    }
    attachments.push({
      name,
      contentType: typeof contentType === 'string' && contentType.length > 0 ? contentType : 'application/octet-stream',
      bytes: Buffer.from(base64, 'base64'),
      isInline: property(entry, 'isInline') === true,
    });
  }
  return { ok: true, value: attachments };
}

function parseMessage(body: unknown): Parsed<{ message: ParsedMessage; saveToSentItems: boolean }> {
  if (!isRecord(body)) return { ok: false, error: graphErrors.unreadableJson() };
  const message = property(body, 'message');
  if (!isRecord(message)) return { ok: false, error: graphErrors.badRequest("The value of the parameter 'Message' is empty.", 'ErrorInvalidParameter') };
  const parsed = parseMessageObject(message, true);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { message: parsed.value, saveToSentItems: property(body, 'saveToSentItems') !== false } };
}

function parseExtendedProperties(value: unknown): Parsed<ExtendedProperty[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) return { ok: false, error: graphErrors.badRequest("'singleValueExtendedProperties' must be a collection.") };
  const properties: ExtendedProperty[] = [];
  for (const entry of value) {
    const id = isRecord(entry) ? property(entry, 'id') : undefined;
    const propertyValue = isRecord(entry) ? property(entry, 'value') : undefined;
    // Graph takes `{type} {guid} Name {name}` or `{type} {guid} Id {0x…}`; the emulator checks the shape only.
    if (typeof id !== 'string' || !/^\w+ \{[0-9a-f-]{36}\} (Name \S.*|Id 0x[0-9a-f]+)$/i.test(id) || typeof propertyValue !== 'string') {
      return { ok: false, error: graphErrors.badRequest(`The extended property id '${String(id)}' is not valid.`, 'ErrorInvalidProperty') };
    }
    properties.push({ id, value: propertyValue });
  }
  return { ok: true, value: properties };
}

/** A message object as sendMail and `POST …/messages` take it; drafts may have no recipients yet. */
export function parseMessageObject(message: Record<string, unknown>, requireRecipients: boolean): Parsed<ParsedMessage> {
  const unknown = Object.keys(message).find((key) => !MESSAGE_PROPERTIES.has(key.toLowerCase()) && !key.startsWith('@odata.'));
  if (unknown !== undefined) return { ok: false, error: graphErrors.unknownProperty(unknown, 'microsoft.graph.message') };

  const bodyValue = property(message, 'body');
  const contentType = isRecord(bodyValue) ? property(bodyValue, 'contentType') : undefined;
  const content = isRecord(bodyValue) ? property(bodyValue, 'content') : undefined;
  const bodyType = typeof contentType === 'string' ? contentType.toLowerCase() : 'text';
  if (bodyType !== 'text' && bodyType !== 'html') {
    return { ok: false, error: graphErrors.badRequest(`Requested value '${String(contentType)}' was not found.`) };
  }
  const importanceValue = property(message, 'importance');
  const importance = typeof importanceValue === 'string' ? importanceValue.toLowerCase() : 'normal';
  if (importance !== 'low' && importance !== 'normal' && importance !== 'high') {
    return { ok: false, error: graphErrors.badRequest(`Requested value '${String(importanceValue)}' was not found.`) };
  }

  const to = parseRecipients(property(message, 'toRecipients'), 'toRecipients');
  if (!to.ok) return to;
  const cc = parseRecipients(property(message, 'ccRecipients'), 'ccRecipients');
  if (!cc.ok) return cc;
  const bcc = parseRecipients(property(message, 'bccRecipients'), 'bccRecipients');
  if (!bcc.ok) return bcc;
  if (requireRecipients && to.value.length + cc.value.length + bcc.value.length === 0) return { ok: false, error: mailErrors.noRecipients() };
  const attachments = parseAttachments(property(message, 'attachments'));
  if (!attachments.ok) return attachments;
  const fromValue = property(message, 'from');
  const fromAddress = isRecord(fromValue) ? property(fromValue, 'emailAddress') : undefined;
  const from = isRecord(fromAddress) ? property(fromAddress, 'address') : undefined;
  const subject = property(message, 'subject');
  const extended = parseExtendedProperties(property(message, 'singleValueExtendedProperties'));
  if (!extended.ok) return extended;

  return {
    ok: true,
    value: {
      subject: typeof subject === 'string' ? subject : '',
      bodyType,
      body: typeof content === 'string' ? content : '',
      to: to.value,
      cc: cc.value,
      bcc: bcc.value,
      importance,
      from: typeof from === 'string' ? from : undefined,
      attachments: attachments.value,
      singleValueExtendedProperties: extended.value,
    },
  };
}

/** A `from` other than the mailbox in the URL means sending as that mailbox: Send As rights needed. */
export function sendingMailbox(call: GraphCall, pathMailbox: MailboxDefinition, from: string | undefined): Parsed<MailboxDefinition> {
  if (from === undefined || from.toLowerCase() === pathMailbox.upn) return { ok: true, value: pathMailbox };
  const other = findMailbox(from);
  if (other === undefined || !call.caller.scopes.has('Mail.Send.Shared') || !mayUseMailbox(other, call.caller.user.oid)) {
    return { ok: false, error: mailErrors.sendAsDenied() };
  }
  return { ok: true, value: other };
}

export const sendMailRoute: GraphRoute = {
  method: 'POST',
  pattern: mailRoutePattern(`${MAILBOX}/sendMail`),
  anyOfScopes: mailRouteScopes('send'),
  handle: (call) => {
    const resolution = resolveMailbox(call, 'send');
    if (!resolution.ok) return { error: resolution.error };
    const json = parseJsonBody(call.request);
    if (!json.ok) return { error: graphErrors.unreadableJson() };
    const parsed = parseMessage(json.value);
    if (!parsed.ok) return { error: parsed.error };
    const { message, saveToSentItems } = parsed.value;
    const sender = sendingMailbox(call, resolution.mailbox, message.from);
    if (!sender.ok) return { error: sender.error };

    deliverMail(call, sender.value, message, saveToSentItems, undefined);
    return { status: 202, body: undefined };
  },
};

/**
 * What sending does, for sendMail and for `…/messages/{id}/send`: logs the mail for `/mail/sent`, puts it in
 * the sender's Sent Items (a draft is moved there, as Exchange does) and delivers it to the Inbox of every
 * recipient mailbox the emulator hosts.
 */
export function deliverMail(call: GraphCall, sender: MailboxDefinition, message: ParsedMessage, saveToSentItems: boolean, draft: MailMessage | undefined): void {
  const { state, clock } = call.context;
  const now = clock.now();
  const from: EmailAddress = { name: sender.displayName, address: sender.upn };
  state.sentMail.record({
    from: sender.upn,
    sentBy: call.caller.user.upn,
    to: message.to.map((recipient) => recipient.address),
    cc: message.cc.map((recipient) => recipient.address),
    bcc: message.bcc.map((recipient) => recipient.address),
    subject: message.subject,
    bodyType: message.bodyType,
    body: message.body,
    attachments: message.attachments.map((attachment) => ({
      name: attachment.name,
      contentType: attachment.contentType,
      size: attachment.bytes.length,
      sha256: createHash('sha256').update(attachment.bytes).digest('hex'),
    })),
    saveToSentItems,
    sentDateTime: now.toISOString(),
  });

  const fields = {
    subject: message.subject,
    bodyType: message.bodyType,
    body: message.body,
    from,
    toRecipients: message.to,
    ccRecipients: message.cc,
    receivedDateTime: now,
    importance: message.importance,
    attachments: message.attachments,
  };
  const mailboxes = state.mailboxes;
  const sentItems = mailboxes.folder(sender.upn, 'sentitems');
  if (draft !== undefined && sentItems) {
    draft.isDraft = false;
    draft.isRead = true;
    draft.sentDateTime = now;
    draft.receivedDateTime = now;
    mailboxes.move(draft, sentItems.id, now);
  } else if (saveToSentItems && sentItems) {
    mailboxes.add(buildMessage({ ...fields, mailbox: sender.upn, folderId: sentItems.id, bccRecipients: message.bcc, isRead: true, singleValueExtendedProperties: message.singleValueExtendedProperties }));
  }
  const delivered = new Set<string>();
  for (const recipient of [...message.to, ...message.cc, ...message.bcc]) {
    const mailbox = findMailbox(recipient.address);
    if (mailbox === undefined || delivered.has(mailbox.upn)) continue;
    delivered.add(mailbox.upn);
    const inbox = mailboxes.folder(mailbox.upn, 'inbox');
    if (inbox) mailboxes.add(buildMessage({ ...fields, mailbox: mailbox.upn, folderId: inbox.id, isRead: false }));
  }
}

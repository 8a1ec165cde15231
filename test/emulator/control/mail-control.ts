import { createHash } from 'node:crypto';
import { z } from 'zod';
import { seededBuffer } from '../content/seeded-bytes.js';
import { findMailbox, MAILBOXES } from '../directory/mailboxes.js';
import type { RequestHandler } from '../emulator-context.js';
import { sendJson } from '../http/responses.js';
import type { Router } from '../http/router.js';
import { buildMessage, type EmailAddress, type MailMessage, type MailboxStore } from '../state/mailbox-store.js';
import { ControlError, queryParameter, readJson } from './control-support.js';

/**
 * Mail in the control API: deliver a message into any mailbox (the outside world writing to us),
 * list a mailbox as it stands (read state, folder), and read back what `sendMail` sent.
 */

// Outlook's limit for one attachment; mail attachments are kept in memory.
const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;

const addressSchema = z.union([z.string().min(3), z.strictObject({ name: z.string().optional(), address: z.string().min(3) })]);

const attachmentSchema = z
  .strictObject({
    name: z.string().min(1),
    contentType: z.string().min(1).optional(),
    contentBase64: z.string().optional(),
    sizeBytes: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES).optional(),
    seed: z.union([z.string(), z.number()]).optional(),
  })
  .refine((attachment) => (attachment.contentBase64 === undefined) !== (attachment.sizeBytes === undefined), {
    message: 'an attachment needs exactly one of contentBase64 or sizeBytes',
  });

const newMessageSchema = z.strictObject({
  mailbox: z.string().min(3),
  folder: z.string().min(1).default('inbox'),
  from: addressSchema,
  to: z.array(addressSchema).optional(),
  cc: z.array(addressSchema).optional(),
  subject: z.string(),
  body: z.string().default(''),
  bodyType: z.enum(['text', 'html']).default('text'),
  importance: z.enum(['low', 'normal', 'high']).optional(),
  isRead: z.boolean().default(false),
  receivedDateTime: z.iso.datetime({ offset: true }).optional(),
  attachments: z.array(attachmentSchema).default([]),
});

function toAddress(value: z.infer<typeof addressSchema>): EmailAddress {
  return typeof value === 'string' ? { name: value, address: value } : { name: value.name ?? value.address, address: value.address };
}

function mailboxOrFail(name: string): string {
  const mailbox = findMailbox(name);
  if (!mailbox) throw new ControlError(404, `control API: no mailbox '${name}'; known mailboxes: ${MAILBOXES.map((known) => known.upn).join(', ')}`);
  return mailbox.upn;
}

function folderName(store: MailboxStore, message: MailMessage): string {
  const folder = store.folderById(message.folderId);
  return folder?.wellKnownName ?? folder?.displayName ?? '';
}

function describe(store: MailboxStore, message: MailMessage): Record<string, unknown> {
  return {
    id: message.id,
    mailbox: message.mailbox,
    folder: folderName(store, message),
    folderId: message.folderId,
    subject: message.subject,
    from: message.from.address,
    to: message.toRecipients.map((recipient) => recipient.address),
    isRead: message.isRead,
    importance: message.importance,
    receivedDateTime: message.receivedDateTime.toISOString(),
    attachments: message.attachments.map((attachment) => ({
      id: attachment.id,
      name: attachment.name,
      contentType: attachment.contentType,
      size: attachment.bytes.length,
      sha256: createHash('sha256').update(attachment.bytes).digest('hex'),
    })),
  };
}

const addMessage: RequestHandler = (request, response, context) => {
  const body = readJson(request, newMessageSchema);
  const mailbox = mailboxOrFail(body.mailbox);
  const store = context.state.mailboxes;
  const folder = store.folder(mailbox, body.folder) ?? store.foldersOf(mailbox).find((candidate) => candidate.displayName.toLowerCase() === body.folder.toLowerCase());
  if (!folder) throw new ControlError(404, `control API: no folder '${body.folder}' in ${mailbox}; use a well-known name (inbox, archive, …), a display name or an ID`);
  const message = store.add(
    buildMessage({
      mailbox,
      folderId: folder.id,
      subject: body.subject,
      bodyType: body.bodyType,
      body: body.body,
      from: toAddress(body.from),
      toRecipients: (body.to ?? [mailbox]).map(toAddress),
      ccRecipients: (body.cc ?? []).map(toAddress),
      receivedDateTime: body.receivedDateTime === undefined ? context.clock.now() : new Date(body.receivedDateTime),
      isRead: body.isRead,
      importance: body.importance,
      attachments: body.attachments.map((attachment) => ({
        name: attachment.name,
        contentType: attachment.contentType ?? 'application/octet-stream',
        bytes:
          attachment.contentBase64 !== undefined
            ? Buffer.from(attachment.contentBase64, 'base64')
            : seededBuffer(attachment.seed ?? `mail:${attachment.name}`, attachment.sizeBytes ?? 0),
      })),
    }),
  );
  sendJson(response, 201, describe(store, message));
};

const listMessages: RequestHandler = (request, response, context) => {
  const mailbox = mailboxOrFail(queryParameter(request, 'mailbox'));
  const store = context.state.mailboxes;
  const folderParameter = request.url.searchParams.get('folder');
  const folder = folderParameter === null ? undefined : store.folder(mailbox, folderParameter);
  if (folderParameter !== null && folder === undefined) throw new ControlError(404, `control API: no folder '${folderParameter}' in ${mailbox}`);
  sendJson(
    response,
    200,
    store.messagesIn(mailbox, folder?.id).map((message) => describe(store, message)),
  );
};

export function addMailControlRoutes(router: Router<RequestHandler>): Router<RequestHandler> {
  return router
    .on('POST', /^\/mail\/messages\/?$/, addMessage)
    .on('GET', /^\/mail\/messages\/?$/, listMessages)
    .on('GET', /^\/mail\/sent\/?$/, (_request, response, context) => sendJson(response, 200, context.state.sentMail.all()));
}

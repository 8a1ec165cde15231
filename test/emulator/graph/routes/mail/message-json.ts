import type { EmailAddress, MailAttachment, MailMessage } from '../../../state/mailbox-store.js';
import { graphDateTime } from '../../graph-date-time.js';
import { bodyPreview, htmlToText, textToHtml } from './body-format.js';

/**
 * A message and its attachments in Graph's JSON, with the properties Graph returns by default in
 * its order. Dates are whole seconds with `Z`, as Exchange writes them.
 */

function recipient(address: EmailAddress): { emailAddress: { name: string; address: string } } {
  return { emailAddress: { name: address.name, address: address.address } };
}

export function attachmentJson(attachment: MailAttachment, includeContent: boolean): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    '@odata.mediaContentType': attachment.contentType,
    id: attachment.id,
    lastModifiedDateTime: graphDateTime(attachment.lastModifiedDateTime),
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.bytes.length,
    isInline: attachment.isInline,
    contentId: null,
    contentLocation: null,
    ...(includeContent ? { contentBytes: attachment.bytes.toString('base64') } : {}),
  };
}

export interface MessageJsonOptions {
  readonly bodyType: 'text' | 'html';
  readonly expandAttachments: boolean;
}

export function messageJson(message: MailMessage, options: MessageJsonOptions): Record<string, unknown> {
  const content =
    options.bodyType === message.bodyType ? message.body : options.bodyType === 'html' ? textToHtml(message.body) : htmlToText(message.body);
  return {
    '@odata.etag': `W/"${message.changeKey}"`,
    id: message.id,
    createdDateTime: graphDateTime(message.createdDateTime),
    lastModifiedDateTime: graphDateTime(message.lastModifiedDateTime),
    changeKey: message.changeKey,
    categories: message.categories,
    receivedDateTime: graphDateTime(message.receivedDateTime),
    sentDateTime: graphDateTime(message.sentDateTime),
    hasAttachments: message.attachments.some((attachment) => !attachment.isInline),
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    bodyPreview: bodyPreview(message.bodyType, message.body),
    importance: message.importance,
    parentFolderId: message.folderId,
    conversationId: message.conversationId,
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: message.isRead,
    isDraft: message.isDraft,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(message.id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body: { contentType: options.bodyType, content },
    sender: recipient(message.from),
    from: recipient(message.from),
    toRecipients: message.toRecipients.map(recipient),
    ccRecipients: message.ccRecipients.map(recipient),
    bccRecipients: message.bccRecipients.map(recipient),
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
    ...(options.expandAttachments ? { attachments: message.attachments.map((attachment) => attachmentJson(attachment, true)) } : {}),
  };
}

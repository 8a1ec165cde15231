/**
 * `mail.send`: sends mail as the signed-in person, with file attachments.
 */
import { basename } from 'node:path';
import { DelegateError } from '../../errors/delegate-error.js';
import { readLocalFile, readMessageBody } from './message-body.js';
import type { Job } from '../job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type MailSend = Extract<Job['action'], { kind: 'mail.send' }>;

/** Graph's limit for a sendMail request with inline attachments is 4 MB in all; keep a margin for base64. */
const MAX_INLINE_ATTACHMENT_BYTES = 3 * 1024 * 1024;

export async function sendMail(context: KindContext, action: MailSend): Promise<KindResult> {
  const body = await readMessageBody(context, action.body);
  let total = 0;
  const attachments = [];
  for (const attachment of action.attachments) {
    const path = context.resolvePath(attachment);
    const bytes = await readLocalFile(path, 'the attachment');
    total += bytes.length;
    attachments.push({ '@odata.type': '#microsoft.graph.fileAttachment', name: basename(path), contentBytes: bytes.toString('base64') });
  }
  if (total > MAX_INLINE_ATTACHMENT_BYTES) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `The attachments add up to ${(total / 1024 / 1024).toFixed(1)} MB; Graph accepts at most about 3 MB attached to one message.`,
      action: 'Upload large files with a files.upload job and send a link instead.',
    });
  }
  const address = (list: readonly string[] | undefined) => (list ?? []).map((emailAddress) => ({ emailAddress: { address: emailAddress } }));
  await context.graph.request('POST', '/me/sendMail', {
    signal: context.signal,
    body: {
      message: { subject: action.subject, body, toRecipients: address(action.to), ccRecipients: address(action.cc), bccRecipients: address(action.bcc), attachments },
      saveToSentItems: action.saveToSentItems,
    },
  });
  const recipients = action.to.length + (action.cc?.length ?? 0) + (action.bcc?.length ?? 0);
  return { summary: `Sent "${action.subject}" to ${recipients} recipient${recipients === 1 ? '' : 's'}${attachments.length > 0 ? ` with ${attachments.length} attachment${attachments.length === 1 ? '' : 's'}` : ''}` };
}

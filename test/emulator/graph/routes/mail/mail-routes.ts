import type { GraphRoute } from '../../graph-route.js';
import { getAttachmentRoute, getAttachmentValueRoute, listAttachmentsRoute } from './attachments.js';
import { createDraftRoute, sendDraftRoute } from './draft-routes.js';
import { getMessageRoute } from './get-message.js';
import { listMessagesRoute } from './list-messages.js';
import { getMailFolderRoute, listChildFoldersRoute, listMailFoldersRoute } from './mail-folders.js';
import { moveMessageRoute } from './move-message.js';
import { sendMailRoute } from './send-mail.js';
import { updateMessageRoute } from './update-message.js';

/** Outlook mail on Graph: sending (at once, or as a draft then sent), reading (own and shared mailboxes), attachments, marking read, moving. */
export const MAIL_ROUTES: readonly GraphRoute[] = [
  sendMailRoute,
  createDraftRoute,
  sendDraftRoute,
  listMessagesRoute,
  getMessageRoute,
  updateMessageRoute,
  moveMessageRoute,
  listAttachmentsRoute,
  getAttachmentRoute,
  getAttachmentValueRoute,
  listMailFoldersRoute,
  getMailFolderRoute,
  listChildFoldersRoute,
];

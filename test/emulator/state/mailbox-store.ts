import { MAILBOXES } from '../directory/mailboxes.js';
import { outlookId } from '../ids.js';

/**
 * Every mailbox's folders and messages. Folder IDs are fixed per mailbox; a message gets a new ID
 * when it moves, as in Exchange, so clients must use the ID the move returns.
 */

export interface EmailAddress {
  readonly name: string;
  readonly address: string;
}

export interface MailAttachment {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly isInline: boolean;
  readonly lastModifiedDateTime: Date;
}

export interface MailFolder {
  readonly id: string;
  readonly mailbox: string;
  readonly displayName: string;
  /** `inbox`, `sentitems`, …; undefined for folders people made. */
  readonly wellKnownName: string | undefined;
  readonly parentFolderId: string;
}

export type BodyType = 'text' | 'html';

/** A `singleValueExtendedProperty`: a MAPI property by its Graph id (`String {guid} Name X`) and its value. */
export interface ExtendedProperty {
  readonly id: string;
  readonly value: string;
}
export type Importance = 'low' | 'normal' | 'high';

export interface MailMessage {
  id: string;
  readonly mailbox: string;
  folderId: string;
  readonly subject: string;
  readonly bodyType: BodyType;
  readonly body: string;
  readonly from: EmailAddress;
  readonly toRecipients: readonly EmailAddress[];
  readonly ccRecipients: readonly EmailAddress[];
  readonly bccRecipients: readonly EmailAddress[];
  receivedDateTime: Date;
  sentDateTime: Date;
  readonly createdDateTime: Date;
  lastModifiedDateTime: Date;
  isRead: boolean;
  importance: Importance;
  categories: string[];
  /** True from `POST …/messages` until `…/send`. */
  isDraft: boolean;
  readonly singleValueExtendedProperties: readonly ExtendedProperty[];
  readonly internetMessageId: string;
  readonly conversationId: string;
  changeKey: string;
  readonly attachments: readonly MailAttachment[];
}

/** Graph's well-known folder names with Exchange's English display names. */
export const WELL_KNOWN_FOLDERS: ReadonlyArray<readonly [wellKnownName: string, displayName: string]> = [
  ['inbox', 'Inbox'],
  ['drafts', 'Drafts'],
  ['sentitems', 'Sent Items'],
  ['deleteditems', 'Deleted Items'],
  ['junkemail', 'Junk Email'],
  ['archive', 'Archive'],
  ['outbox', 'Outbox'],
];

/** A folder under Inbox in every mailbox, as a target for "move processed mail". */
export const PROCESSED_FOLDER_NAME = 'Processed';

export class MailboxStore {
  private folders: MailFolder[] = [];
  private messages: MailMessage[] = [];

  constructor() {
    this.clear();
  }

  foldersOf(mailbox: string): MailFolder[] {
    return this.folders.filter((folder) => folder.mailbox === mailbox);
  }

  rootFolderId(mailbox: string): string {
    return outlookId(`folder:${mailbox}:msgfolderroot`);
  }

  /** A folder by ID or by well-known name (any case), as Graph resolves `mailFolders/{id}`. */
  folder(mailbox: string, idOrWellKnownName: string): MailFolder | undefined {
    const lower = idOrWellKnownName.toLowerCase();
    return this.foldersOf(mailbox).find((folder) => folder.id === idOrWellKnownName || folder.wellKnownName === lower);
  }

  folderById(id: string): MailFolder | undefined {
    return this.folders.find((folder) => folder.id === id);
  }

  /** Messages of one folder, or of the whole mailbox (`/messages`), newest first. */
  messagesIn(mailbox: string, folderId: string | undefined): MailMessage[] {
    return this.messages
      .filter((message) => message.mailbox === mailbox && (folderId === undefined || message.folderId === folderId))
      .sort((left, right) => right.receivedDateTime.getTime() - left.receivedDateTime.getTime());
  }

  message(mailbox: string, id: string): MailMessage | undefined {
    return this.messages.find((message) => message.mailbox === mailbox && message.id === id);
  }

  add(message: MailMessage): MailMessage {
    this.messages.push(message);
    return message;
  }

  /** Exchange gives a moved item a new ID. */
  move(message: MailMessage, folderId: string, now: Date): MailMessage {
    message.folderId = folderId;
    message.id = outlookId();
    message.changeKey = newChangeKey();
    message.lastModifiedDateTime = now;
    return message;
  }

  all(): readonly MailMessage[] {
    return this.messages;
  }

  clear(): void {
    this.messages = [];
    this.folders = MAILBOXES.flatMap((mailbox) => {
      const rootId = this.rootFolderId(mailbox.upn);
      const wellKnown = WELL_KNOWN_FOLDERS.map(
        ([wellKnownName, displayName]): MailFolder => ({
          id: outlookId(`folder:${mailbox.upn}:${wellKnownName}`),
          mailbox: mailbox.upn,
          displayName,
          wellKnownName,
          parentFolderId: rootId,
        }),
      );
      const inboxId = outlookId(`folder:${mailbox.upn}:inbox`);
      const processed: MailFolder = {
        id: outlookId(`folder:${mailbox.upn}:inbox/${PROCESSED_FOLDER_NAME}`),
        mailbox: mailbox.upn,
        displayName: PROCESSED_FOLDER_NAME,
        wellKnownName: undefined,
        parentFolderId: inboxId,
      };
      return [...wellKnown, processed];
    });
  }
}

/** Exchange's change key: an opaque version stamp that changes on every update. */
export function newChangeKey(): string {
  return `CQAAABYAAAD${outlookId().slice(8, 36)}`;
}

export interface NewMessageFields {
  readonly mailbox: string;
  readonly folderId: string;
  readonly subject: string;
  readonly bodyType: BodyType;
  readonly body: string;
  readonly from: EmailAddress;
  readonly toRecipients: readonly EmailAddress[];
  readonly ccRecipients?: readonly EmailAddress[];
  readonly bccRecipients?: readonly EmailAddress[];
  readonly receivedDateTime: Date;
  readonly isRead: boolean;
  readonly importance?: Importance;
  readonly attachments?: ReadonlyArray<{ readonly name: string; readonly contentType: string; readonly bytes: Buffer; readonly isInline?: boolean }>;
  /** Makes the IDs repeatable (seeded mail); omitted, they are random. */
  readonly key?: string;
  readonly isDraft?: boolean;
  readonly singleValueExtendedProperties?: readonly ExtendedProperty[];
}

/** A message as Exchange stores it, with its IDs, change key and attachment records. */
export function buildMessage(fields: NewMessageFields): MailMessage {
  const key = fields.key;
  const id = outlookId(key === undefined ? undefined : `message:${key}`);
  return {
    id,
    mailbox: fields.mailbox,
    folderId: fields.folderId,
    subject: fields.subject,
    bodyType: fields.bodyType,
    body: fields.body,
    from: fields.from,
    toRecipients: fields.toRecipients,
    ccRecipients: fields.ccRecipients ?? [],
    bccRecipients: fields.bccRecipients ?? [],
    receivedDateTime: fields.receivedDateTime,
    sentDateTime: new Date(fields.receivedDateTime.getTime() - 2000),
    createdDateTime: fields.receivedDateTime,
    lastModifiedDateTime: fields.receivedDateTime,
    isRead: fields.isRead,
    importance: fields.importance ?? 'normal',
    categories: [],
    isDraft: fields.isDraft ?? false,
    singleValueExtendedProperties: fields.singleValueExtendedProperties ?? [],
    internetMessageId: `<${outlookId(key === undefined ? undefined : `imid:${key}`).slice(8, 40)}@${fields.from.address.split('@')[1] ?? 'contoso.onmicrosoft.com'}>`,
    conversationId: outlookId(key === undefined ? undefined : `conversation:${key}`).replace('AAMkAGI2', 'AAQkAGI2'),
    changeKey: newChangeKey(),
    attachments: (fields.attachments ?? []).map(
      (attachment, index): MailAttachment => ({
        id: outlookId(key === undefined ? undefined : `attachment:${key}:${index}`),
        name: attachment.name,
        contentType: attachment.contentType,
        bytes: attachment.bytes,
        isInline: attachment.isInline ?? false,
        lastModifiedDateTime: fields.receivedDateTime,
      }),
    ),
  };
}

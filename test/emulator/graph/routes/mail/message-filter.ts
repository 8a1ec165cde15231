import type { CollectionLookup, CollectionSchema, FilterValue, PropertyLookup } from '../../odata/filter.js';
import type { MailMessage } from '../../../state/mailbox-store.js';
import { bodyPreview } from './body-format.js';

/**
 * The message properties `$filter` and `$orderby` can name, and their values for one message.
 * Paths are matched ignoring case, as OData property names are on Graph.
 */

const PROPERTIES: ReadonlyMap<string, (message: MailMessage) => FilterValue> = new Map<string, (message: MailMessage) => FilterValue>([
  ['subject', (message) => message.subject],
  ['isread', (message) => message.isRead],
  ['isdraft', (message) => message.isDraft],
  ['hasattachments', (message) => message.attachments.some((attachment) => !attachment.isInline)],
  ['importance', (message) => message.importance],
  ['receiveddatetime', (message) => message.receivedDateTime],
  ['sentdatetime', (message) => message.sentDateTime],
  ['createddatetime', (message) => message.createdDateTime],
  ['lastmodifieddatetime', (message) => message.lastModifiedDateTime],
  ['bodypreview', (message) => bodyPreview(message.bodyType, message.body)],
  ['conversationid', (message) => message.conversationId],
  ['internetmessageid', (message) => message.internetMessageId],
  ['parentfolderid', (message) => message.folderId],
  ['from/emailaddress/address', (message) => message.from.address],
  ['from/emailaddress/name', (message) => message.from.name],
  ['sender/emailaddress/address', (message) => message.from.address],
  ['sender/emailaddress/name', (message) => message.from.name],
]);

function key(path: readonly string[]): string {
  return path.join('/').toLowerCase();
}

export function isMessageProperty(path: readonly string[]): boolean {
  return PROPERTIES.has(key(path));
}

export function messageLookup(message: MailMessage): PropertyLookup {
  return (path) => {
    const read = PROPERTIES.get(key(path));
    return read === undefined ? undefined : { value: read(message) };
  };
}

const EXTENDED_PROPERTIES = 'singlevalueextendedproperties';

/** `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`: each item has `id` and `value`. */
export const messageCollections: CollectionSchema = (path) =>
  key(path) === EXTENDED_PROPERTIES ? (itemPath) => ['id', 'value'].includes(key(itemPath)) : undefined;

export function messageCollectionLookup(message: MailMessage): CollectionLookup {
  return (path) => {
    if (key(path) !== EXTENDED_PROPERTIES) return undefined;
    return message.singleValueExtendedProperties.map((property): PropertyLookup => (itemPath) => {
      const name = key(itemPath);
      return name === 'id' ? { value: property.id } : name === 'value' ? { value: property.value } : undefined;
    });
  };
}

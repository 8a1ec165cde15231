import { newChangeKey, type Importance } from '../../../state/mailbox-store.js';
import { graphErrors } from '../../graph-error.js';
import { isRecord, parseJsonBody, type GraphRoute } from '../../graph-route.js';
import { mailRoutePattern, MESSAGE } from './mail-paths.js';
import { mailRouteScopes } from './mailbox-access.js';
import { findMessage } from './message-lookup.js';
import { messageJson } from './message-json.js';

/**
 * `PATCH …/messages/{id}`: marks read or unread, sets importance or categories. Needs write
 * access (Mail.ReadWrite, or Mail.ReadWrite.Shared for another mailbox); answers the updated
 * message.
 */

// Properties a message has that the emulator does not change, so a PATCH naming them is refused
// plainly rather than silently ignored.
const OTHER_MESSAGE_PROPERTIES = new Set([
  'subject',
  'body',
  'from',
  'sender',
  'torecipients',
  'ccrecipients',
  'bccrecipients',
  'replyto',
  'flag',
  'inferenceclassification',
  'isdeliveryreceiptrequested',
  'isreadreceiptrequested',
  'internetmessageid',
  'id',
  'changekey',
  'parentfolderid',
  'receiveddatetime',
  'sentdatetime',
]);

const IMPORTANCE = new Set<Importance>(['low', 'normal', 'high']);

export const updateMessageRoute: GraphRoute = {
  method: 'PATCH',
  pattern: mailRoutePattern(MESSAGE),
  anyOfScopes: mailRouteScopes('write'),
  handle: (call) => {
    const found = findMessage(call, 'write');
    if (!found.ok) return { error: found.error };
    const parsed = parseJsonBody(call.request);
    if (!parsed.ok || !isRecord(parsed.value)) return { error: graphErrors.unreadableJson() };
    const { message } = found;
    const changes = parsed.value;
    for (const [property, value] of Object.entries(changes)) {
      const lower = property.toLowerCase();
      if (lower === 'isread') {
        if (typeof value !== 'boolean') return { error: graphErrors.badRequest(`Cannot convert a value to target type 'Edm.Boolean' for property 'isRead'.`) };
      } else if (lower === 'importance') {
        if (typeof value !== 'string' || !IMPORTANCE.has(value.toLowerCase() as Importance)) return { error: graphErrors.badRequest(`The value '${String(value)}' is not valid for 'importance'.`) };
      } else if (lower === 'categories') {
        if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return { error: graphErrors.badRequest(`'categories' must be an array of strings.`) };
      } else if (OTHER_MESSAGE_PROPERTIES.has(lower)) {
        return { error: graphErrors.badRequest(`The emulator does not update the message property '${property}'; it supports isRead, importance and categories.`) };
      } else {
        return { error: graphErrors.unknownProperty(property, 'microsoft.graph.message') };
      }
    }
    for (const [property, value] of Object.entries(changes)) {
      const lower = property.toLowerCase();
      if (lower === 'isread') message.isRead = value === true;
      if (lower === 'importance') message.importance = String(value).toLowerCase() as Importance;
      if (lower === 'categories') message.categories = (value as string[]).slice();
    }
    message.changeKey = newChangeKey();
    message.lastModifiedDateTime = call.context.clock.now();
    return {
      status: 200,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(found.mailbox.upn)}')/messages/$entity`,
        ...messageJson(message, { bodyType: 'html', expandAttachments: false }),
      },
    };
  },
};

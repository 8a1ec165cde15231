import { graphErrors, type GraphErrorSpec } from '../../graph-error.js';
import { isRecord, parseJsonBody, type GraphCall } from '../../graph-route.js';

/**
 * Posting a chatMessage (to a chat or a channel): reading `{"body": {"contentType", "content"}}`
 * and the 201 JSON Graph answers with, in its property order.
 */

export interface PostedBody {
  readonly contentType: 'text' | 'html';
  readonly content: string;
  readonly subject: string | null;
}

export function readPostedBody(call: GraphCall): { readonly ok: true; readonly value: PostedBody } | { readonly ok: false; readonly error: GraphErrorSpec } {
  const json = parseJsonBody(call.request);
  if (!json.ok || !isRecord(json.value)) return { ok: false, error: graphErrors.unreadableJson() };
  const body = json.value.body;
  if (!isRecord(body) || typeof body.content !== 'string' || body.content.length === 0) {
    return { ok: false, error: graphErrors.badRequest('Message body content is required: send {"body": {"contentType": "html" or "text", "content": "…"}}.') };
  }
  const contentType = body.contentType === undefined ? 'text' : String(body.contentType).toLowerCase();
  if (contentType !== 'text' && contentType !== 'html') return { ok: false, error: graphErrors.badRequest(`Requested value '${String(body.contentType)}' was not found.`) };
  const subject = json.value.subject;
  return { ok: true, value: { contentType, content: body.content, subject: typeof subject === 'string' ? subject : null } };
}

export interface ChatMessageFields {
  readonly id: string;
  readonly createdDateTime: string;
  readonly chatId: string | null;
  readonly channelIdentity: { readonly teamId: string; readonly channelId: string } | null;
  readonly webUrl: string | null;
  readonly body: PostedBody;
  readonly from: { readonly id: string; readonly displayName: string };
}

export function chatMessageJson(context: string, fields: ChatMessageFields): Record<string, unknown> {
  return {
    '@odata.context': context,
    id: fields.id,
    replyToId: null,
    etag: fields.id,
    messageType: 'message',
    createdDateTime: fields.createdDateTime,
    lastModifiedDateTime: fields.createdDateTime,
    lastEditedDateTime: null,
    deletedDateTime: null,
    subject: fields.body.subject,
    summary: null,
    chatId: fields.chatId,
    importance: 'normal',
    locale: 'en-us',
    webUrl: fields.webUrl,
    channelIdentity: fields.channelIdentity,
    policyViolation: null,
    eventDetail: null,
    from: { application: null, device: null, user: { '@odata.type': '#microsoft.graph.teamworkUserIdentity', id: fields.from.id, displayName: fields.from.displayName, userIdentityType: 'aadUser' } },
    body: { contentType: fields.body.contentType, content: fields.body.content },
    attachments: [],
    mentions: [],
    reactions: [],
    messageHistory: [],
  };
}

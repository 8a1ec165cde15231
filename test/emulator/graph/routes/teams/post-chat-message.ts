import { findChat } from '../../../directory/teams.js';
import type { GraphRoute } from '../../graph-route.js';
import { chatMessageJson, readPostedBody } from './chat-message.js';
import { teamsErrors } from './teams-errors.js';

/** `POST /chats/{chat-id}/messages`: 201 and the new chatMessage (ChatMessage.Send, Chat.ReadWrite or Group.ReadWrite.All). */
export const postChatMessageRoute: GraphRoute = {
  method: 'POST',
  pattern: /^\/v1\.0\/chats\/(?<chatId>[^/]+)\/messages\/?$/,
  anyOfScopes: ['ChatMessage.Send', 'Chat.ReadWrite', 'Group.ReadWrite.All'],
  handle: (call) => {
    const chatId = call.params.chatId ?? '';
    const chat = findChat(chatId);
    if (chat === undefined) return { error: teamsErrors.chatNotFound(chatId) };
    const posted = readPostedBody(call);
    if (!posted.ok) return { error: posted.error };
    const { state, clock, graphBaseUrl } = call.context;
    const now = clock.now();
    const id = state.teamsMessages.nextId(now);
    state.teamsMessages.record({
      id,
      kind: 'chat',
      chatId: chat.id,
      teamId: null,
      channelId: null,
      from: call.caller.user.upn,
      contentType: posted.value.contentType,
      content: posted.value.content,
      subject: posted.value.subject,
      createdDateTime: now.toISOString(),
    });
    return {
      status: 201,
      body: chatMessageJson(`${graphBaseUrl}/v1.0/$metadata#chats('${encodeURIComponent(chat.id)}')/messages/$entity`, {
        id,
        createdDateTime: now.toISOString(),
        chatId: chat.id,
        channelIdentity: null,
        webUrl: null,
        body: posted.value,
        from: { id: call.caller.user.oid, displayName: call.caller.user.displayName },
      }),
    };
  },
};

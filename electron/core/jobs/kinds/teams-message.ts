/**
 * `teams.message`: posts to a chat or a channel as the signed-in person.
 */
import { readMessageBody } from './message-body.js';
import type { Job } from '../job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type TeamsMessage = Extract<Job['action'], { kind: 'teams.message' }>;

export async function postTeamsMessage(context: KindContext, action: TeamsMessage): Promise<KindResult> {
  const body = await readMessageBody(context, action.body);
  const path = action.chatId
    ? `/chats/${encodeURIComponent(action.chatId)}/messages`
    : `/teams/${encodeURIComponent(action.teamId as string)}/channels/${encodeURIComponent(action.channelId as string)}/messages`;
  const response = await context.graph.request<{ id?: string }>('POST', path, { body: { body }, signal: context.signal });
  return { summary: `Posted to ${action.chatId ? 'the chat' : 'the channel'} (message ${response.body.id ?? 'created'})` };
}

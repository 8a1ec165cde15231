/**
 * `teams.message`: posts to a chat or a channel as the signed-in person, at most once: a post whose answer was
 * lost is never sent again (Teams has no way to look a post up by a key of ours); the history says to check.
 */
import { atMostOnce } from './action-outcome.js';
import { readMessageBody } from './message-body.js';
import type { Job } from '../../../../shared/jobs/job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type TeamsMessage = Extract<Job['action'], { kind: 'teams.message' }>;

export async function postTeamsMessage(context: KindContext, action: TeamsMessage): Promise<KindResult> {
  const body = await readMessageBody(context, action.body);
  const path = action.chatId
    ? `/chats/${encodeURIComponent(action.chatId)}/messages`
    : `/teams/${encodeURIComponent(action.teamId as string)}/channels/${encodeURIComponent(action.channelId as string)}/messages`;
  const where = action.chatId ? 'the chat' : 'the channel';
  const response = await atMostOnce(
    () => context.graph.request<{ id?: string }>('POST', path, { body: { body }, signal: context.signal }),
    `The message may have been posted to ${where}; Delegate did not post it again.`,
    `Check ${where} in Teams before running the job again.`,
  );
  return { summary: `Posted to ${where} (message ${response.body.id ?? 'created'})` };
}

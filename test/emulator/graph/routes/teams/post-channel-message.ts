import { TENANT_ID } from '../../../directory/directory.js';
import { findTeam } from '../../../directory/teams.js';
import type { GraphRoute } from '../../graph-route.js';
import { chatMessageJson, readPostedBody } from './chat-message.js';
import { teamsErrors } from './teams-errors.js';

/** `POST /teams/{team-id}/channels/{channel-id}/messages`: 201 and the new chatMessage (ChannelMessage.Send or Group.ReadWrite.All). */
export const postChannelMessageRoute: GraphRoute = {
  method: 'POST',
  pattern: /^\/v1\.0\/teams\/(?<teamId>[^/]+)\/channels\/(?<channelId>[^/]+)\/messages\/?$/,
  anyOfScopes: ['ChannelMessage.Send', 'Group.ReadWrite.All'],
  handle: (call) => {
    const teamId = call.params.teamId ?? '';
    const channelId = call.params.channelId ?? '';
    const team = findTeam(teamId);
    if (team === undefined) return { error: teamsErrors.teamNotFound(teamId) };
    const channel = team.channels.find((candidate) => candidate.id === channelId);
    if (channel === undefined) return { error: teamsErrors.channelNotFound(channelId) };
    const posted = readPostedBody(call);
    if (!posted.ok) return { error: posted.error };
    const { state, clock, graphBaseUrl } = call.context;
    const now = clock.now();
    const id = state.teamsMessages.nextId(now);
    state.teamsMessages.record({
      id,
      kind: 'channel',
      chatId: null,
      teamId: team.id,
      channelId: channel.id,
      from: call.caller.user.upn,
      contentType: posted.value.contentType,
      content: posted.value.content,
      subject: posted.value.subject,
      createdDateTime: now.toISOString(),
    });
    const webUrl = `https://teams.microsoft.com/l/message/${encodeURIComponent(channel.id)}/${id}?groupId=${team.id}&tenantId=${TENANT_ID}&createdTime=${id}&parentMessageId=${id}`;
    return {
      status: 201,
      body: chatMessageJson(`${graphBaseUrl}/v1.0/$metadata#teams('${team.id}')/channels('${encodeURIComponent(channel.id)}')/messages/$entity`, {
        id,
        createdDateTime: now.toISOString(),
        chatId: null,
        channelIdentity: { teamId: team.id, channelId: channel.id },
        webUrl,
        body: posted.value,
        from: { id: call.caller.user.oid, displayName: call.caller.user.displayName },
      }),
    };
  },
};

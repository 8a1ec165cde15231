import type { GraphErrorSpec } from '../../graph-error.js';

/** Teams' not-found answers for IDs it does not know. */
export const teamsErrors = {
  chatNotFound(chatId: string): GraphErrorSpec {
    return { status: 404, code: 'NotFound', message: `Chat '${chatId}' was not found.` };
  },

  teamNotFound(teamId: string): GraphErrorSpec {
    return { status: 404, code: 'NotFound', message: `No team found with Group Id ${teamId}` };
  },

  channelNotFound(channelId: string): GraphErrorSpec {
    return { status: 404, code: 'NotFound', message: `Channel '${channelId}' was not found in the team.` };
  },
};

import type { GraphRoute } from '../../graph-route.js';
import { postChannelMessageRoute } from './post-channel-message.js';
import { postChatMessageRoute } from './post-chat-message.js';

/** Microsoft Teams on Graph: posting to chats and channels. */
export const TEAMS_ROUTES: readonly GraphRoute[] = [postChatMessageRoute, postChannelMessageRoute];

import type { RequestHandler } from '../emulator-context.js';
import { sendJson } from '../http/responses.js';
import type { Router } from '../http/router.js';

/** Teams in the control API: what was posted to chats and channels, oldest first. */
export function addTeamsControlRoutes(router: Router<RequestHandler>): Router<RequestHandler> {
  return router.on('GET', /^\/teams\/messages\/?$/, (_request, response, context) => sendJson(response, 200, context.state.teamsMessages.all()));
}

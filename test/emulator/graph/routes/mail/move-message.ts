import { graphErrors } from '../../graph-error.js';
import { isRecord, parseJsonBody, type GraphRoute } from '../../graph-route.js';
import { mailErrors } from './mail-errors.js';
import { mailRoutePattern, MESSAGE } from './mail-paths.js';
import { mailRouteScopes } from './mailbox-access.js';
import { findMessage } from './message-lookup.js';
import { messageJson } from './message-json.js';

/**
 * `POST …/messages/{id}/move` with `{"destinationId": folder ID or well-known name}`: 201 and the
 * message at its new place, under a new ID (Exchange re-identifies moved items).
 */
export const moveMessageRoute: GraphRoute = {
  method: 'POST',
  pattern: mailRoutePattern(`${MESSAGE}/move`),
  anyOfScopes: mailRouteScopes('write'),
  handle: (call) => {
    const found = findMessage(call, 'write');
    if (!found.ok) return { error: found.error };
    const parsed = parseJsonBody(call.request);
    if (!parsed.ok || !isRecord(parsed.value)) return { error: graphErrors.unreadableJson() };
    const destinationId = parsed.value.destinationId;
    if (typeof destinationId !== 'string' || destinationId.length === 0) {
      return { error: graphErrors.badRequest("The parameter 'destinationId' is required.", 'ErrorInvalidParameter') };
    }
    const store = call.context.state.mailboxes;
    const destination = store.folder(found.mailbox.upn, destinationId);
    if (destination === undefined) return { error: mailErrors.itemNotFound() };
    const moved = store.move(found.message, destination.id, call.context.clock.now());
    return {
      status: 201,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(found.mailbox.upn)}')/messages/$entity`,
        ...messageJson(moved, { bodyType: 'html', expandAttachments: false }),
      },
    };
  },
};

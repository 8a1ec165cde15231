import { headerValue } from '../../../http/emulator-request.js';
import type { GraphRoute } from '../../graph-route.js';
import { applySelect, readQueryOptions } from '../../odata/query-options.js';
import { preferenceApplied, preferredBodyType } from './body-format.js';
import { mailRoutePattern, MESSAGE } from './mail-paths.js';
import { mailRouteScopes } from './mailbox-access.js';
import { findMessage } from './message-lookup.js';
import { messageJson } from './message-json.js';
import { expandedProperties, expandedPropertyIds } from './extended-property-expand.js';

/** `GET …/messages/{id}`, with `$select` and `$expand=attachments`. */
export const getMessageRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(MESSAGE),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => {
    const found = findMessage(call, 'read');
    if (!found.ok) return { error: found.error };
    const query = readQueryOptions(call.request.url, 1000);
    if (!query.ok) return { error: query.error };
    const bodyType = preferredBodyType(headerValue(call.request.headers, 'prefer'));
    const expandAttachments = query.options.expand?.some((name) => name.toLowerCase() === 'attachments') ?? false;
    return {
      status: 200,
      headers: preferenceApplied(bodyType),
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(found.mailbox.upn)}')/messages/$entity`,
        ...applySelect(messageJson(found.message, { bodyType, expandAttachments }), query.options.select),
        // An expanded navigation property stays whatever $select says, as on Graph.
        ...expandedProperties(found.message, expandedPropertyIds(query.options.expand)),
      },
    };
  },
};

import { headerValue } from '../../../http/emulator-request.js';
import type { MailMessage } from '../../../state/mailbox-store.js';
import { graphErrors } from '../../graph-error.js';
import type { GraphRoute } from '../../graph-route.js';
import { compileFilter, type FilterValue } from '../../odata/filter.js';
import { pageOf } from '../../odata/paging.js';
import { applySelect, readQueryOptions } from '../../odata/query-options.js';
import { preferenceApplied, preferredBodyType } from './body-format.js';
import { mailErrors } from './mail-errors.js';
import { mailRoutePattern, MESSAGES } from './mail-paths.js';
import { mailRouteScopes, resolveMailbox } from './mailbox-access.js';
import { isMessageProperty, messageCollectionLookup, messageCollections, messageLookup } from './message-filter.js';
import { messageJson } from './message-json.js';
import { expandedProperties, expandedPropertyIds } from './extended-property-expand.js';

/**
 * `GET /me/messages`, `/me/mailFolders/{id | wellKnownName}/messages` and the same under
 * `/users/{id | upn}`: newest first, 10 to a page unless `$top` says otherwise (up to 1000), with
 * `$filter`, `$orderby`, `$select`, `$expand=attachments` and `@odata.nextLink`.
 */

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

type Ordering = { readonly path: string[]; readonly descending: boolean };

function parseOrderBy(orderby: string | undefined): Ordering[] | string {
  if (orderby === undefined) return [{ path: ['receivedDateTime'], descending: true }];
  const orderings: Ordering[] = [];
  for (const clause of orderby.split(',')) {
    const [property = '', direction = 'asc', ...rest] = clause.trim().split(/\s+/);
    const path = property.split('/');
    if (rest.length > 0 || !/^(asc|desc)$/i.test(direction)) return `Invalid $orderby clause '${clause.trim()}'.`;
    if (!isMessageProperty(path)) return `Could not find a property named '${property}' on type 'microsoft.graph.message'.`;
    orderings.push({ path, descending: direction.toLowerCase() === 'desc' });
  }
  return orderings;
}

function compareValues(left: FilterValue, right: FilterValue): number {
  const normalise = (value: FilterValue): string | number => (value instanceof Date ? value.getTime() : typeof value === 'string' ? value.toLowerCase() : Number(value));
  const a = normalise(left);
  const b = normalise(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortMessages(messages: MailMessage[], orderings: readonly Ordering[]): MailMessage[] {
  return messages.sort((left, right) => {
    for (const ordering of orderings) {
      const result = compareValues(messageLookup(left)(ordering.path)?.value ?? null, messageLookup(right)(ordering.path)?.value ?? null);
      if (result !== 0) return ordering.descending ? -result : result;
    }
    return 0;
  });
}

export const listMessagesRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(MESSAGES),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => {
    const { request, context, params } = call;
    const resolution = resolveMailbox(call, 'read');
    if (!resolution.ok) return { error: resolution.error };
    const { mailbox } = resolution;
    const store = context.state.mailboxes;
    const folder = params.folder === undefined ? undefined : store.folder(mailbox.upn, params.folder);
    if (params.folder !== undefined && folder === undefined) return { error: mailErrors.itemNotFound() };

    const query = readQueryOptions(request.url, MAX_PAGE_SIZE);
    if (!query.ok) return { error: query.error };
    const { options } = query;
    let messages = store.messagesIn(mailbox.upn, folder?.id);
    if (options.filter !== undefined) {
      const filter = compileFilter(options.filter, isMessageProperty, 'microsoft.graph.message', messageCollections);
      if (!filter.ok) return { error: graphErrors.badRequest(filter.message) };
      messages = messages.filter((message) => filter.test(messageLookup(message), messageCollectionLookup(message)));
    }
    const orderings = parseOrderBy(options.orderby);
    if (typeof orderings === 'string') return { error: graphErrors.badRequest(orderings) };
    const page = pageOf(sortMessages(messages, orderings), request.url, options.skip, options.top ?? DEFAULT_PAGE_SIZE);

    const bodyType = preferredBodyType(headerValue(request.headers, 'prefer'));
    const extendedIds = expandedPropertyIds(options.expand);
    const expandAttachments = options.expand?.some((name) => name.toLowerCase() === 'attachments') ?? false;
    const selection = options.select === undefined ? '' : `(${options.select.join(',')})`;
    const owner = params.user === undefined ? `users('${call.caller.user.oid}')` : `users('${encodeURIComponent(params.user)}')`;
    return {
      status: 200,
      headers: preferenceApplied(bodyType),
      body: {
        '@odata.context': `${context.graphBaseUrl}/v1.0/$metadata#${owner}${folder ? `/mailFolders('${folder.id}')` : ''}/messages${selection}`,
        // An expanded navigation property stays whatever $select says, as on Graph.
        value: page.items.map((message) => ({ ...applySelect(messageJson(message, { bodyType, expandAttachments }), options.select), ...expandedProperties(message, extendedIds) })),
        ...(page.nextLink === undefined ? {} : { '@odata.nextLink': page.nextLink }),
      },
    };
  },
};

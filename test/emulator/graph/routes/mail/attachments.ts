import type { GraphRoute } from '../../graph-route.js';
import { applySelect, readQueryOptions } from '../../odata/query-options.js';
import { mailErrors } from './mail-errors.js';
import { mailRoutePattern, MESSAGE } from './mail-paths.js';
import { mailRouteScopes } from './mailbox-access.js';
import { findMessage } from './message-lookup.js';
import { attachmentJson } from './message-json.js';

/**
 * A message's attachments: the list and one attachment as `fileAttachment` JSON with base64
 * `contentBytes`, and `/$value` for the raw bytes.
 */

const ATTACHMENTS = `${MESSAGE}/attachments`;

export const listAttachmentsRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(ATTACHMENTS),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => {
    const found = findMessage(call, 'read');
    if (!found.ok) return { error: found.error };
    const query = readQueryOptions(call.request.url, 1000);
    if (!query.ok) return { error: query.error };
    return {
      status: 200,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(found.mailbox.upn)}')/messages('${found.message.id}')/attachments`,
        value: found.message.attachments.map((attachment) => applySelect(attachmentJson(attachment, true), query.options.select)),
      },
    };
  },
};

export const getAttachmentRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(`${ATTACHMENTS}/(?<attachmentId>[^/]+)`),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => {
    const found = findMessage(call, 'read');
    if (!found.ok) return { error: found.error };
    const attachment = found.message.attachments.find((candidate) => candidate.id === call.params.attachmentId);
    if (attachment === undefined) return { error: mailErrors.itemNotFound() };
    return {
      status: 200,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(found.mailbox.upn)}')/messages('${found.message.id}')/attachments/$entity`,
        ...attachmentJson(attachment, true),
      },
    };
  },
};

export const getAttachmentValueRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(String.raw`${ATTACHMENTS}/(?<attachmentId>[^/]+)/(?:\$|%24)value`),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => {
    const found = findMessage(call, 'read');
    if (!found.ok) return { error: found.error };
    const attachment = found.message.attachments.find((candidate) => candidate.id === call.params.attachmentId);
    if (attachment === undefined) return { error: mailErrors.itemNotFound() };
    return { status: 200, bytes: attachment.bytes, contentType: attachment.contentType };
  },
};

import type { EmulatorContext } from '../../../emulator-context.js';
import type { MailFolder } from '../../../state/mailbox-store.js';
import { graphErrors } from '../../graph-error.js';
import type { GraphCall, GraphResult, GraphRoute } from '../../graph-route.js';
import { compileFilter } from '../../odata/filter.js';
import { pageOf } from '../../odata/paging.js';
import { applySelect, readQueryOptions } from '../../odata/query-options.js';
import { mailErrors } from './mail-errors.js';
import { MAILBOX, mailRoutePattern } from './mail-paths.js';
import { mailRouteScopes, resolveMailbox } from './mailbox-access.js';

/**
 * Mail folders: `GET …/mailFolders` (top level), `…/mailFolders/{id | wellKnownName}` and
 * `…/childFolders`, so a client can find a folder's ID by display name
 * (`$filter=displayName eq 'Processed'`) before moving mail there.
 */

function folderJson(folder: MailFolder, context: EmulatorContext): Record<string, unknown> {
  const store = context.state.mailboxes;
  const messages = store.messagesIn(folder.mailbox, folder.id);
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentFolderId,
    childFolderCount: store.foldersOf(folder.mailbox).filter((candidate) => candidate.parentFolderId === folder.id).length,
    unreadItemCount: messages.filter((message) => !message.isRead).length,
    totalItemCount: messages.length,
    sizeInBytes: messages.reduce((total, message) => total + message.body.length + message.attachments.reduce((sum, attachment) => sum + attachment.bytes.length, 0), 0),
    isHidden: false,
  };
}

function listFolders(call: GraphCall, parentOf: (mailbox: string) => string | undefined): GraphResult {
  const resolution = resolveMailbox(call, 'read');
  if (!resolution.ok) return { error: resolution.error };
  const parentId = parentOf(resolution.mailbox.upn);
  if (parentId === undefined) return { error: mailErrors.itemNotFound() };
  const query = readQueryOptions(call.request.url, 1000);
  if (!query.ok) return { error: query.error };
  let folders = call.context.state.mailboxes.foldersOf(resolution.mailbox.upn).filter((folder) => folder.parentFolderId === parentId);
  if (query.options.filter !== undefined) {
    const filter = compileFilter(query.options.filter, (path) => path.length === 1 && path[0]?.toLowerCase() === 'displayname', 'microsoft.graph.mailFolder');
    if (!filter.ok) return { error: graphErrors.badRequest(filter.message) };
    folders = folders.filter((folder) => filter.test(() => ({ value: folder.displayName })));
  }
  const page = pageOf(folders, call.request.url, query.options.skip, query.options.top ?? 10);
  return {
    status: 200,
    body: {
      '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(resolution.mailbox.upn)}')/mailFolders`,
      value: page.items.map((folder) => applySelect(folderJson(folder, call.context), query.options.select)),
      ...(page.nextLink === undefined ? {} : { '@odata.nextLink': page.nextLink }),
    },
  };
}

export const listMailFoldersRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(`${MAILBOX}/mailFolders`),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => listFolders(call, (mailbox) => call.context.state.mailboxes.rootFolderId(mailbox)),
};

export const listChildFoldersRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(`${MAILBOX}/mailFolders/(?<folder>[^/]+)/childFolders`),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => listFolders(call, (mailbox) => call.context.state.mailboxes.folder(mailbox, call.params.folder ?? '')?.id),
};

export const getMailFolderRoute: GraphRoute = {
  method: 'GET',
  pattern: mailRoutePattern(`${MAILBOX}/mailFolders/(?<folder>[^/]+)`),
  anyOfScopes: mailRouteScopes('read'),
  handle: (call) => {
    const resolution = resolveMailbox(call, 'read');
    if (!resolution.ok) return { error: resolution.error };
    const folder = call.context.state.mailboxes.folder(resolution.mailbox.upn, call.params.folder ?? '');
    if (folder === undefined) return { error: mailErrors.itemNotFound() };
    return {
      status: 200,
      body: {
        '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#users('${encodeURIComponent(resolution.mailbox.upn)}')/mailFolders/$entity`,
        ...folderJson(folder, call.context),
      },
    };
  },
};

/**
 * Finds a mail Delegate created for one occurrence of a job, by the extended property that carries the
 * occurrence key: in Sent Items (it was sent) or in Drafts (created, not sent yet).
 *
 * Graph: a named `singleValueExtendedProperty` (`String {guid} Name …`) set when the draft is created stays on
 * the item when it is sent and moved to Sent Items, and a folder's messages can be filtered on it with
 * `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`.
 */
import { DelegateError } from '../../errors/delegate-error.js';
import type { KindContext } from './kind-context.js';

/** Delegate's own property set: a fixed GUID, so every version of Delegate finds the mail of the others. */
const DELEGATE_PROPERTY_SET = 'a3f742d4-6988-478a-81f3-a92e792ea68f';

/** The extended property that holds the occurrence key on every mail a mail.send job sends. */
export const OCCURRENCE_PROPERTY_ID = `String {${DELEGATE_PROPERTY_SET}} Name DelegateOccurrenceKey`;

export type FoundMail = { where: 'sent items'; id: string } | { where: 'drafts'; id: string } | { where: 'nowhere' };

/** Sent Items first: a copy there settles it, whatever drafts are left. */
export async function findMailByKey(context: KindContext, mailbox: string, key: string): Promise<FoundMail> {
  const sent = await findIn(context, `${mailbox}/mailFolders/sentitems/messages`, key);
  if (sent) return { where: 'sent items', id: sent };
  const draft = await findIn(context, `${mailbox}/mailFolders/drafts/messages`, key);
  if (draft) return { where: 'drafts', id: draft };
  return { where: 'nowhere' };
}

async function findIn(context: KindContext, path: string, key: string): Promise<string | undefined> {
  const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${quote(OCCURRENCE_PROPERTY_ID)}' and ep/value eq '${quote(key)}')`;
  const response = await context.graph.request<unknown>('GET', path, {
    query: { $filter: filter, $select: 'id', $top: '1' },
    signal: context.signal,
  });
  // Only a collection answers the question: anything else (a proxy's page, a cut body) read as "not there"
  // would make a retry send a mail an earlier try already sent.
  const value = typeof response.body === 'object' && response.body !== null ? (response.body as { value?: unknown }).value : undefined;
  if (!Array.isArray(value)) {
    throw new DelegateError({
      code: 'graph-error',
      message: `Microsoft Graph's answer to GET ${path} was not a list of messages (a proxy or gateway may have changed it), so Delegate cannot tell whether the mail is there.`,
      action: 'Run the job again; if it lasts, check for a proxy between this computer and Microsoft 365.',
    });
  }
  const id = (value[0] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function quote(value: string): string {
  return value.replace(/'/g, "''");
}

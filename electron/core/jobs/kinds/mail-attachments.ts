/**
 * `mail.attachments`: saves the attachments of messages in my or a delegated shared mailbox folder that match
 * a filter; optionally marks those messages read or moves them.
 */
import { mkdir, writeFile, rename, access } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DelegateError } from '../../errors/delegate-error.js';
import type { Job } from '../job-schema.js';
import type { GraphApi, KindContext, KindResult } from './kind-context.js';

type MailAttachments = Extract<Job['action'], { kind: 'mail.attachments' }>;

interface Message {
  id: string;
  subject?: string;
}
interface Attachment {
  '@odata.type'?: string;
  id: string;
  name?: string;
  contentBytes?: string;
}

export async function saveMailAttachments(context: KindContext, action: MailAttachments): Promise<KindResult> {
  const mailbox = action.mailbox ? `/users/${encodeURIComponent(action.mailbox)}` : '/me';
  const folder = `${mailbox}/mailFolders/${encodeURIComponent(action.folder)}`;
  const saveTo = context.resolvePath(action.saveTo);
  await mkdir(saveTo, { recursive: true });
  const namePattern = action.filter.attachmentNamePattern ? globToRegExp(action.filter.attachmentNamePattern) : null;

  const messages: Message[] = [];
  try {
    for await (const message of context.graph.paged<Message>(`${folder}/messages`, { query: { $filter: messageFilter(action), $select: 'id,subject', $top: '50' }, signal: context.signal })) messages.push(message);
  } catch (error) {
    throw explainAccessDenied(error, action.mailbox);
  }

  let saved = 0;
  const touched: string[] = [];
  for (const message of messages) {
    const attachments = await listFileAttachments(context.graph, `${folder}/messages/${encodeURIComponent(message.id)}`, context.signal);
    const wanted = attachments.filter((attachment) => !namePattern || namePattern.test(attachment.name ?? ''));
    if (wanted.length === 0) continue;
    for (const attachment of wanted) {
      await saveAtomically(saveTo, attachment.name ?? `${attachment.id}.bin`, Buffer.from(attachment.contentBytes ?? '', 'base64'));
      saved++;
    }
    touched.push(message.id);
  }
  for (const id of touched) {
    const path = `${mailbox}/messages/${encodeURIComponent(id)}`;
    if (action.markRead) await context.graph.request('PATCH', path, { body: { isRead: true }, signal: context.signal });
    if (action.moveTo) await context.graph.request('POST', `${path}/move`, { body: { destinationId: action.moveTo }, signal: context.signal });
  }
  const where = action.mailbox ?? 'your mailbox';
  return { summary: `Saved ${saved} attachment${saved === 1 ? '' : 's'} from ${touched.length} of ${messages.length} matching message${messages.length === 1 ? '' : 's'} in ${where}/${action.folder} to ${saveTo}` };
}

/** The OData filter Graph evaluates on messages. */
export function messageFilter(action: MailAttachments): string {
  const parts = ['hasAttachments eq true'];
  if (action.filter.unreadOnly) parts.push('isRead eq false');
  if (action.filter.from) parts.push(`from/emailAddress/address eq '${quote(action.filter.from)}'`);
  if (action.filter.subjectContains) parts.push(`contains(subject,'${quote(action.filter.subjectContains)}')`);
  if (action.filter.receivedWithinDays) parts.push(`receivedDateTime ge ${new Date(Date.now() - action.filter.receivedWithinDays * 86_400_000).toISOString()}`);
  return parts.join(' and ');
}

async function listFileAttachments(graph: GraphApi, messagePath: string, signal: AbortSignal): Promise<Attachment[]> {
  const result: Attachment[] = [];
  for await (const attachment of graph.paged<Attachment>(`${messagePath}/attachments`, { signal })) {
    if (attachment['@odata.type'] === '#microsoft.graph.fileAttachment') result.push(attachment);
  }
  return result;
}

/** Writes beside the target and renames; never overwrites an existing file: "name (2).ext". */
async function saveAtomically(folder: string, name: string, bytes: Buffer): Promise<void> {
  const safe = basename(name).replace(/[\\/:*?"<>|]/g, '_') || 'attachment';
  let target = join(folder, safe);
  for (let copy = 2; await exists(target); copy++) {
    const extension = extname(safe);
    target = join(folder, `${safe.slice(0, safe.length - extension.length)} (${copy})${extension}`);
  }
  const partial = `${target}.partial`;
  await writeFile(partial, bytes, { mode: 0o600 });
  await rename(partial, target);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

function explainAccessDenied(error: unknown, mailbox: string | undefined): unknown {
  const code = (error as { code?: string }).code;
  if (mailbox && (code === 'ErrorAccessDenied' || code === 'ErrorItemNotFound' || (error as { status?: number }).status === 403)) {
    return new DelegateError({
      code: 'invalid-input',
      message: `Access to the mailbox ${mailbox} is denied (Graph: ${code ?? 'HTTP 403'}).`,
      action: `Ask the mailbox's owner (or IT) to give you Full Access or folder permission on ${mailbox} in Outlook; a shared mailbox you are not delegated to cannot be read with your sign-in.`,
      detail: (error as { requestId?: string }).requestId ? `request-id ${(error as { requestId?: string }).requestId}` : undefined,
    }, { cause: error });
  }
  return error;
}

function quote(value: string): string {
  return value.replace(/'/g, "''");
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

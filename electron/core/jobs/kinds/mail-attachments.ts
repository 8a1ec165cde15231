/**
 * `mail.attachments`: saves the attachments of messages in my or a delegated shared mailbox folder that match
 * a filter; optionally marks those messages read or moves them. Idempotent:
 *
 * - names from Graph are made safe (safe-file-name.ts) and the final path is proven inside `saveTo`;
 * - an attachment saved once, for (message id, attachment id), is never saved again (saved-attachments.ts);
 * - one attachment that cannot be saved fails the run, naming it and why, after the others were saved;
 * - a message is marked read or moved only once ALL its wanted attachments are saved, so a failure leaves it
 *   to come back on the next run, which then saves only what is missing.
 */
import { mkdir, writeFile, rename, readFile, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { DelegateError, isDelegateError } from '../../errors/delegate-error.js';
import { cutToBytes, MAX_NAME_BYTES, pathInside, safeFileName } from '../../fs/safe-file-name.js';
import { isGraphError } from '../../graph/graph-error.js';
import { SavedAttachments } from './saved-attachments.js';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { Job } from '../../../../shared/jobs/job-schema.js';
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
interface Failure {
  name: string;
  subject: string;
  reason: string;
  code: ErrorCode;
}

export async function saveMailAttachments(context: KindContext, action: MailAttachments): Promise<KindResult> {
  const mailbox = action.mailbox ? `/users/${encodeURIComponent(action.mailbox)}` : '/me';
  const folder = `${mailbox}/mailFolders/${encodeURIComponent(action.folder)}`;
  const saveTo = context.resolvePath(action.saveTo);
  await mkdir(saveTo, { recursive: true });
  const namePattern = action.filter.attachmentNamePattern ? globToRegExp(action.filter.attachmentNamePattern) : null;
  const record = SavedAttachments.load(context.stateDir, context.job.id, context.now());

  const messages: Message[] = [];
  try {
    for await (const message of context.graph.paged<Message>(`${folder}/messages`, { query: { $filter: messageFilter(action), $select: 'id,subject', $top: '50' }, signal: context.signal })) messages.push(message);
  } catch (error) {
    throw explainAccessDenied(error, action.mailbox);
  }

  let saved = 0;
  let already = 0;
  const done: string[] = [];
  const failures: Failure[] = [];
  for (const message of messages) {
    const messagePath = `${folder}/messages/${encodeURIComponent(message.id)}`;
    const attachments = await listFileAttachments(context.graph, messagePath, context.signal);
    const wanted = attachments.filter((attachment) => !namePattern || namePattern.test(attachment.name ?? ''));
    if (wanted.length === 0) continue;
    let complete = true;
    for (const attachment of wanted) {
      if (record.has(message.id, attachment.id)) {
        already++;
        continue;
      }
      try {
        const content = await context.graph.request<Attachment>('GET', `${messagePath}/attachments/${encodeURIComponent(attachment.id)}`, { signal: context.signal });
        const file = await saveOnce(saveTo, safeFileName(attachment.name ?? '', `${attachment.id.slice(-12)}.bin`), contentOf(content.body));
        record.add(message.id, attachment.id, file, context.now());
        saved++;
      } catch (error) {
        if (context.signal.aborted) throw error;
        complete = false;
        failures.push(failureOf(attachment.name ?? attachment.id, message.subject ?? '(no subject)', error));
      }
    }
    if (complete) done.push(message.id);
  }
  for (const id of done) {
    const path = `${mailbox}/messages/${encodeURIComponent(id)}`;
    if (action.markRead) await context.graph.request('PATCH', path, { body: { isRead: true }, signal: context.signal });
    if (action.moveTo) await context.graph.request('POST', `${path}/move`, { body: { destinationId: action.moveTo }, signal: context.signal });
  }
  const where = action.mailbox ?? 'your mailbox';
  const earlier = already > 0 ? ` (${already} saved by an earlier run, not again)` : '';
  const damaged = record.damagedCopy ? ` The record of saved attachments was damaged and is kept as ${record.damagedCopy}; attachments it listed are matched by name and content instead.` : '';
  if (failures.length > 0) {
    const first = failures[0] as Failure;
    const list = failures.map((failure) => `"${failure.name}" from "${failure.subject}" (${failure.reason})`).join('; ');
    throw new DelegateError({
      code: first.code,
      message: `Could not save ${failures.length} attachment${failures.length === 1 ? '' : 's'}: ${list}. Saved ${saved} other${saved === 1 ? '' : 's'}${earlier}; a message with a missing attachment stays ${action.moveTo ? 'where it is' : 'unread'} and the next run saves only what is missing.${damaged}`,
      action: 'If it lasts, check the named attachment in Outlook (and free space or permissions in the folder it is saved to).',
    });
  }
  return {
    summary: `Saved ${saved} attachment${saved === 1 ? '' : 's'}${earlier} from ${done.length} of ${messages.length} matching message${messages.length === 1 ? '' : 's'} in ${where}/${action.folder} to ${saveTo}.${damaged}`,
  };
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

/** The file attachments of a message, without their content (fetched one by one, so one failure is one name). */
async function listFileAttachments(graph: GraphApi, messagePath: string, signal: AbortSignal): Promise<Attachment[]> {
  const result: Attachment[] = [];
  for await (const attachment of graph.paged<Attachment>(`${messagePath}/attachments`, { query: { $select: 'id,name,size,isInline' }, signal })) {
    if (attachment['@odata.type'] === '#microsoft.graph.fileAttachment') result.push(attachment);
  }
  return result;
}

/**
 * Writes beside the target and renames; never overwrites another file ("name (2).ext"), and a file already
 * there with the same bytes is this attachment, saved before its record was: it is kept, not copied again.
 * Resolves with the file name used.
 */
async function saveOnce(folder: string, name: string, bytes: Buffer): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let copy = 1; ; copy++) {
    const suffix = `${copy === 1 ? '' : ` (${copy})`}${extension}`;
    const candidate = copy === 1 ? name : `${cutToBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(suffix))}${suffix}`;
    const target = pathInside(folder, candidate);
    const existing = await readFile(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      // A folder of the person's own with that name: the name is taken, like by a file with other bytes.
      if (error.code === 'EISDIR') return null;
      throw error;
    });
    if (existing?.equals(bytes)) return candidate;
    if (existing !== undefined) continue;
    const partial = `${target}.partial`;
    try {
      await writeFile(partial, bytes, { mode: 0o600 });
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      throw error;
    }
    return candidate;
  }
}

/**
 * The bytes of a fileAttachment as Graph sent them. An answer without base64 `contentBytes` (a proxy's page, a
 * body cut short) is not the attachment: saving it would record an empty or wrong file as saved, for good.
 */
function contentOf(body: unknown): Buffer {
  const contentBytes = typeof body === 'object' && body !== null ? (body as Attachment).contentBytes : undefined;
  if (typeof contentBytes !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(contentBytes.replace(/\s/g, ''))) {
    throw new DelegateError({
      code: 'graph-error',
      message: 'Microsoft Graph answered without the attachment\'s content (a proxy or gateway may have changed the answer), so nothing was saved',
      action: 'Run the job again; if it lasts, check for a proxy between this computer and Microsoft 365.',
    });
  }
  return Buffer.from(contentBytes, 'base64');
}

function failureOf(name: string, subject: string, error: unknown): Failure {
  if (isGraphError(error)) return { name, subject, reason: error.message, code: 'graph-error' };
  if (isDelegateError(error)) return { name, subject, reason: error.message, code: error.code };
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string') return { name, subject, reason: `${errno.code}: ${errno.message}`, code: 'file-access' };
  return { name, subject, reason: error instanceof Error ? error.message : String(error), code: 'unexpected' };
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

/**
 * `mail.send`: sends mail as the signed-in person, with file attachments — exactly once per occurrence.
 *
 * The mail is created as a draft carrying the occurrence key in an extended property, then sent
 * (`POST /me/messages`, `POST /me/messages/{id}/send`). Every try looks first: a copy with that key in Sent
 * Items means an earlier try already sent it; a draft with it is reused. After a send whose answer was lost,
 * Sent Items decides; only a draft still unsent there is sent again. So the runner's retries are safe here.
 *
 * Without Sent Items to look in (`saveToSentItems: false`) or without permission to create drafts
 * (Mail.ReadWrite), the mail goes out with one `sendMail` and at most once: after an ambiguous failure the
 * history says it may have been sent, and nothing retries it.
 */
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DelegateError } from '../../errors/delegate-error.js';
import { isGraphError } from '../../graph/graph-error.js';
import { ActionOutcomeError, mayHaveTakenEffect } from './action-outcome.js';
import { readLocalFile, readMessageBody } from './message-body.js';
import { findMailByKey, OCCURRENCE_PROPERTY_ID, type FoundMail } from './sent-mail-finder.js';
import type { Job } from '../../../../shared/jobs/job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type MailSend = Extract<Job['action'], { kind: 'mail.send' }>;

/** Graph's limit for a sendMail request with inline attachments is 4 MB in all; keep a margin for base64. */
const MAX_INLINE_ATTACHMENT_BYTES = 3 * 1024 * 1024;
/** Graph refuses a request body over 4 MB (its documented request size limit) with 413. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/**
 * Exchange moves a sent draft to Sent Items a moment after accepting the send. When the answer was lost and
 * the draft is still in Drafts, wait this long and look again before concluding the send did not happen.
 */
const SEND_SETTLE_MS = 5_000;
const MAILBOX = '/me';
/**
 * What becomes of a draft left by a try that did not send it: only a retry of the same run (same key) finds it;
 * the next scheduled or manual run makes its own, so without a retry the person decides.
 */
const DRAFT_LEFT = 'a retry of this run sends that one (with no retry left, send or delete it in Outlook).';

interface Composed {
  message: Record<string, unknown>;
  subject: string;
  summary: string;
}

export async function sendMail(context: KindContext, action: MailSend): Promise<KindResult> {
  const composed = await compose(context, action);
  if (!action.saveToSentItems) return sendDirectly(context, action, composed);
  return sendExactlyOnce(context, action, composed);
}

async function compose(context: KindContext, action: MailSend): Promise<Composed> {
  const body = await readMessageBody(context, action.body);
  let total = 0;
  const attachments = [];
  for (const attachment of action.attachments) {
    const path = context.resolvePath(attachment);
    const bytes = await readLocalFile(path, 'the attachment');
    total += bytes.length;
    attachments.push({ '@odata.type': '#microsoft.graph.fileAttachment', name: basename(path), contentBytes: bytes.toString('base64') });
  }
  if (total > MAX_INLINE_ATTACHMENT_BYTES) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `The attachments add up to ${megabytes(total)} MB; Graph accepts at most about 3 MB attached to one message.`,
      action: 'Upload large files with a files.upload job and send a link instead.',
    });
  }
  const address = (list: readonly string[] | undefined) => (list ?? []).map((emailAddress) => ({ emailAddress: { address: emailAddress } }));
  const message = { subject: action.subject, body, toRecipients: address(action.to), ccRecipients: address(action.cc), bccRecipients: address(action.bcc), attachments };
  const size = Buffer.byteLength(JSON.stringify(message));
  if (size > MAX_REQUEST_BYTES) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `The mail "${action.subject}" is ${megabytes(size)} MB as sent to Microsoft Graph (body ${megabytes(Buffer.byteLength(body.content))} MB, attachments base64-encoded); Graph takes at most 4 MB in one request, so it was not sent.`,
      action: 'Make the body shorter (link to large content instead of including it), or upload big files with a files.upload job and send a link.',
    });
  }
  const recipients = action.to.length + (action.cc?.length ?? 0) + (action.bcc?.length ?? 0);
  const summary = `Sent "${action.subject}" to ${recipients} recipient${recipients === 1 ? '' : 's'}${attachments.length > 0 ? ` with ${attachments.length} attachment${attachments.length === 1 ? '' : 's'}` : ''}`;
  return { message, subject: action.subject, summary };
}

async function sendExactlyOnce(context: KindContext, action: MailSend, composed: Composed): Promise<KindResult> {
  const key = context.occurrenceKey;
  let found: FoundMail;
  try {
    found = await findMailByKey(context, MAILBOX, key);
  } catch (error) {
    // Without read access to the mailbox there is nothing to look in: one plain sendMail, at most once.
    if (isAccessDenied(error)) return sendDirectly(context, action, composed);
    throw notSent(composed, error, 'Delegate could not first check Sent Items for a copy from an earlier try.');
  }
  if (found.where === 'drafts') {
    // An earlier try created it; if that try's send was under way when it ended, Exchange may still be moving it.
    await sleep(SEND_SETTLE_MS, undefined, { signal: context.signal });
    let settled: FoundMail;
    try {
      settled = await findMailByKey(context, MAILBOX, key);
    } catch (error) {
      throw notSent(composed, error, 'Its draft from an earlier try stays in Drafts; the next try looks again.');
    }
    if (settled.where === 'nowhere') throw mayHaveBeenSent(composed, new Error('The draft from an earlier try has left Drafts.'), 'it is in neither Sent Items nor Drafts yet; it may be in the Outbox');
    found = settled;
  }
  if (found.where === 'sent items') return { summary: `${composed.summary} (an earlier try of this run had sent it: found in Sent Items, not sent again)` };

  let draftId = found.where === 'drafts' ? found.id : undefined;
  if (draftId === undefined) {
    try {
      const created = await context.graph.request<{ id?: string }>('POST', `${MAILBOX}/messages`, {
        body: { ...composed.message, singleValueExtendedProperties: [{ id: OCCURRENCE_PROPERTY_ID, value: key }] },
        signal: context.signal,
      });
      draftId = created.body?.id;
    } catch (error) {
      if (isAccessDenied(error)) return sendDirectly(context, action, composed);
      if (!mayHaveTakenEffect(error)) throw notSent(composed, error);
      // The draft may exist: reuse it if it can be found; creating a second one is only for a provable failure.
      const after = await findQuietly(context, key);
      if (after?.where === 'sent items') return { summary: `${composed.summary} (found in Sent Items)` };
      if (after?.where !== 'drafts') throw notSent(composed, error, `Its draft may have been created; ${DRAFT_LEFT}`);
      draftId = after.id;
    }
    if (draftId === undefined) {
      // Created (201), but the answer lost its ID on the way: find the draft by its key rather than leave it behind.
      const after = await findQuietly(context, key);
      if (after?.where !== 'drafts') throw notSent(composed, new Error('Microsoft Graph created the draft but did not say its ID.'), `Its draft may be in Drafts; ${DRAFT_LEFT}`);
      draftId = after.id;
    }
  }
  return sendDraft(context, composed, draftId);
}

/** Sends the draft; after a lost answer, Sent Items decides, and a draft still unsent is sent once more. */
async function sendDraft(context: KindContext, composed: Composed, firstId: string): Promise<KindResult> {
  let id = firstId;
  for (let round = 1; ; round++) {
    try {
      await context.graph.request('POST', `${MAILBOX}/messages/${encodeURIComponent(id)}/send`, { signal: context.signal });
      return { summary: round === 1 ? composed.summary : `${composed.summary} (sent again after a lost answer: the first send had not happened)` };
    } catch (error) {
      if (!mayHaveTakenEffect(error)) {
        // Graph refused this send, but an earlier one for the same draft (a slow or queued send) may have gone
        // through meanwhile: Exchange then no longer finds a draft to send. Sent Items says which.
        const sent = isGraphError(error) ? await findQuietly(context, context.occurrenceKey) : undefined;
        if (sent?.where === 'sent items') return { summary: `${composed.summary} (confirmed in Sent Items: an earlier send of its draft went through)` };
        throw notSent(composed, error, `Its draft stays in Drafts; ${DRAFT_LEFT}`);
      }
      let after = await findQuietly(context, context.occurrenceKey);
      if (after?.where === 'drafts') {
        await sleep(SEND_SETTLE_MS, undefined, { signal: context.signal });
        after = await findQuietly(context, context.occurrenceKey);
      }
      if (after?.where === 'sent items') return { summary: `${composed.summary} (confirmed in Sent Items after the answer was lost)` };
      if (after?.where === 'drafts' && round === 1) {
        id = after.id;
        continue;
      }
      if (after?.where === 'drafts') throw notSent(composed, error, `Its draft is still unsent in Drafts; ${DRAFT_LEFT}`);
      throw mayHaveBeenSent(composed, error, after === undefined ? 'Delegate could not look there after the answer was lost' : 'it is in neither Sent Items nor Drafts yet; it may be in the Outbox');
    }
  }
}

/** One `sendMail`: used when Delegate cannot look for the mail afterwards, so never repeated after a lost answer. */
async function sendDirectly(context: KindContext, action: MailSend, composed: Composed): Promise<KindResult> {
  const stoppedBefore = context.signal.aborted;
  try {
    await context.graph.request('POST', `${MAILBOX}/sendMail`, {
      signal: context.signal,
      body: { message: composed.message, saveToSentItems: action.saveToSentItems },
    });
  } catch (error) {
    // A sendMail stopped by the run's timeout (or shutdown) after it was written may still be carried out by
    // Graph: nothing here can look for it afterwards, so it counts as may-have-been-sent, never as not sent.
    if (mayHaveTakenEffect(error) || (context.signal.aborted && !stoppedBefore)) throw mayHaveBeenSent(composed, error, action.saveToSentItems ? '' : 'or ask a recipient: this job does not save to Sent Items');
    throw notSent(composed, error);
  }
  return { summary: composed.summary };
}

async function findQuietly(context: KindContext, key: string): Promise<FoundMail | undefined> {
  try {
    return await findMailByKey(context, MAILBOX, key);
  } catch {
    return undefined;
  }
}

function isAccessDenied(error: unknown): boolean {
  return isGraphError(error) && error.status === 403;
}

function notSent(composed: Composed, cause: unknown, note = ''): ActionOutcomeError {
  return new ActionOutcomeError('not-done', `The mail "${composed.subject}" was not sent.${note ? ` ${note}` : ''}`, undefined, { cause });
}

/** The history row's words when Delegate cannot know: `note` is a clause, e.g. "Delegate could not look in Sent Items". */
function mayHaveBeenSent(composed: Composed, cause: unknown, note: string): ActionOutcomeError {
  return new ActionOutcomeError('unknown', `The mail "${composed.subject}" may have been sent: check Sent Items${note ? ` (${note})` : ''}.`, 'Check Sent Items in Outlook before running the job again.', { cause });
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { ADELE, AZURE_CLI, CUSTOM_CLIENT, EmulatorClient, MEGAN } from './support/emulator-client.js';
import { expectGraphError, expectRequestIds } from './support/graph-assertions.js';

const OPS = 'ops@contoso.onmicrosoft.com';
const FINANCE = 'finance@contoso.onmicrosoft.com';
const MAIL_SCOPES = 'Mail.ReadWrite Mail.Send Mail.ReadWrite.Shared Mail.Send.Shared offline_access';

interface Message {
  id: string;
  subject: string;
  isRead: boolean;
  hasAttachments: boolean;
  receivedDateTime: string;
  parentFolderId: string;
  from: { emailAddress: { address: string; name: string } };
  body: { contentType: string; content: string };
  attachments?: Attachment[];
}

interface Attachment {
  '@odata.type': string;
  id: string;
  name: string;
  contentType: string;
  size: number;
  contentBytes: string;
}

interface Collection<T> {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: T[];
}

let emulator: RunningEmulator;
let client: EmulatorClient;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  client = new EmulatorClient(emulator);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await client.control('POST', '/reset');
  token = (await client.signIn(CUSTOM_CLIENT, MAIL_SCOPES)).access_token;
});

function list<T = Message>(path: string, accessToken = token): Promise<Collection<T>> {
  return client.graph('GET', path, accessToken).then((response) => {
    expect(response.status, response.text).toBe(200);
    return response.json as Collection<T>;
  });
}

describe('sending mail', () => {
  const PROPERTY = 'String {a3f742d4-6988-478a-81f3-a92e792ea68f} Name RunKey';
  const tagged = (key: string) => `singleValueExtendedProperties/Any(ep: ep/id eq '${PROPERTY}' and ep/value eq '${key}')`;

  it('creates a draft with an extended property, sends it to Sent Items, and finds it there by that property', async () => {
    const created = await client.graph('POST', '/me/messages', token, {
      json: {
        subject: 'Two-step',
        body: { contentType: 'Text', content: 'draft first' },
        toRecipients: [{ emailAddress: { address: MEGAN } }],
        singleValueExtendedProperties: [{ id: PROPERTY, value: 'job@2026-12-03T07:00:00.000Z' }],
      },
    });
    expect(created.status, created.text).toBe(201);
    const draft = created.json as Message & { isDraft: boolean };
    expect(draft.isDraft).toBe(true);
    const inDrafts = await list(`/me/mailFolders/drafts/messages?$filter=${encodeURIComponent(tagged('job@2026-12-03T07:00:00.000Z'))}`);
    expect(inDrafts.value.map((message) => message.id)).toEqual([draft.id]);
    expect(await client.control('GET', '/mail/sent')).toEqual([]);

    const sent = await client.graph('POST', `/me/messages/${encodeURIComponent(draft.id)}/send`, token);
    expect(sent.status).toBe(202);
    expect(sent.text).toBe('');
    expect((await list(`/me/mailFolders/drafts/messages?$filter=${encodeURIComponent(tagged('job@2026-12-03T07:00:00.000Z'))}`)).value).toEqual([]);
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${PROPERTY}')`);
    const inSent = await list<Message & { isDraft: boolean; singleValueExtendedProperties: unknown }>(`/me/mailFolders/sentitems/messages?$filter=${encodeURIComponent(tagged('job@2026-12-03T07:00:00.000Z'))}&$select=id,isDraft&$expand=${expand}`);
    expect(inSent.value).toEqual([expect.objectContaining({ isDraft: false, singleValueExtendedProperties: [{ id: PROPERTY, value: 'job@2026-12-03T07:00:00.000Z' }] })]);
    expect(inSent.value[0]?.id).not.toBe(draft.id);
    expect((await list(`/me/mailFolders/sentitems/messages?$filter=${encodeURIComponent(tagged('another key'))}`)).value).toEqual([]);
    expect(await client.control<unknown[]>('GET', '/mail/sent')).toHaveLength(1);

    const again = await client.graph('POST', `/me/messages/${encodeURIComponent(draft.id)}/send`, token);
    expectGraphError(again, 404, 'ErrorItemNotFound');
  });

  it('with the resetAfter fault, carries the request out and then drops the connection without an answer', async () => {
    await client.control('POST', '/faults', { endpoint: 'graph', method: 'POST', path: '/sendMail', resetAfter: true });
    const send = client.graph('POST', '/me/sendMail', token, {
      json: { message: { subject: 'Lost answer', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'a@fabrikam.example' } }] } },
    });
    await expect(send).rejects.toThrow(/socket hang up|ECONNRESET/);
    const sent = await client.control<Array<{ subject: string }>>('GET', '/mail/sent');
    expect(sent.map((mail) => mail.subject)).toEqual(['Lost answer']);
  });

  it('with the replaceBody fault, carries the request out and answers its real status with the given text', async () => {
    await client.control('POST', '/faults', { endpoint: 'graph', method: 'POST', path: '/sendMail', replaceBody: '<html>proxy</html>' });
    const send = await client.graph('POST', '/me/sendMail', token, {
      json: { message: { subject: 'Mangled answer', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'a@fabrikam.example' } }] } },
    });
    expect(send.status).toBe(202);
    expect(send.text).toBe('<html>proxy</html>');
    const sent = await client.control<Array<{ subject: string }>>('GET', '/mail/sent');
    expect(sent.map((mail) => mail.subject)).toEqual(['Mangled answer']);
  });

  it('refuses a filter on an extended property path that does not exist', async () => {
    const response = await client.graph('GET', `/me/messages?$filter=${encodeURIComponent("singleValueExtendedProperties/Any(ep: ep/nope eq 'x')")}`, token);
    expectGraphError(response, 400, 'BadRequest');
  });

  it('sends a message with to, cc, bcc, an HTML body and a file attachment, answering 202 with no body', async () => {
    const pdf = Buffer.from('%PDF-1.7 fake invoice');
    const response = await client.graph('POST', '/me/sendMail', token, {
      json: {
        message: {
          subject: 'Invoice run',
          body: { contentType: 'HTML', content: '<p>Attached.</p>' },
          toRecipients: [{ emailAddress: { address: 'partner@fabrikam.example', name: 'Partner' } }],
          ccRecipients: [{ emailAddress: { address: OPS } }],
          bccRecipients: [{ emailAddress: { address: MEGAN } }],
          attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'invoice.pdf', contentType: 'application/pdf', contentBytes: pdf.toString('base64') }],
        },
      },
      headers: { 'client-request-id': 'b4a1c9e2-1d2f-4e3a-8b5c-6d7e8f9a0b1c' },
    });
    expect(response.status).toBe(202);
    expect(response.text).toBe('');
    expect(response.headers['client-request-id']).toBe('b4a1c9e2-1d2f-4e3a-8b5c-6d7e8f9a0b1c');
    expectRequestIds(response);

    const sent = await client.control<Array<Record<string, unknown>>>('GET', '/mail/sent');
    expect(sent).toEqual([
      expect.objectContaining({
        from: ADELE,
        to: ['partner@fabrikam.example'],
        cc: [OPS],
        bcc: [MEGAN],
        subject: 'Invoice run',
        bodyType: 'html',
        body: '<p>Attached.</p>',
        attachments: [{ name: 'invoice.pdf', contentType: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') }],
      }),
    ]);
    const opsInbox = await client.control<Array<{ subject: string; isRead: boolean }>>('GET', `/mail/messages?mailbox=${OPS}&folder=inbox`);
    expect(opsInbox[0]).toMatchObject({ subject: 'Invoice run', isRead: false });
    const sentItems = await list(`/me/mailFolders/sentitems/messages`);
    expect(sentItems.value.map((message) => message.subject)).toEqual(['Invoice run']);
  });

  it('sends through /users/{upn}/sendMail as the signed-in user, and as a shared mailbox only with Send As', async () => {
    const message = { subject: 'Hello', body: { contentType: 'Text', content: 'Hi' }, toRecipients: [{ emailAddress: { address: MEGAN } }] };
    expect((await client.graph('POST', `/users/${ADELE}/sendMail`, token, { json: { message } })).status).toBe(202);
    expect((await client.graph('POST', `/users/${OPS}/sendMail`, token, { json: { message, saveToSentItems: false } })).status).toBe(202);
    expectGraphError(await client.graph('POST', `/users/${FINANCE}/sendMail`, token, { json: { message } }), 403, 'ErrorSendAsDenied');
    const sent = await client.control<Array<{ from: string; sentBy: string }>>('GET', '/mail/sent');
    expect(sent.map((entry) => `${entry.from} by ${entry.sentBy}`)).toEqual([`${ADELE} by ${ADELE}`, `${OPS} by ${ADELE}`]);
  });

  it('refuses what Graph refuses: no recipients, an attachment without @odata.type, a body that is not JSON', async () => {
    expectGraphError(
      await client.graph('POST', '/me/sendMail', token, { json: { message: { subject: 'x', body: { content: 'x' } } } }),
      400,
      'ErrorInvalidRecipients',
      "At least one recipient isn't valid., A message can't be sent because it contains no recipients.",
    );
    expectGraphError(
      await client.graph('POST', '/me/sendMail', token, {
        json: { message: { toRecipients: [{ emailAddress: { address: MEGAN } }], attachments: [{ name: 'a.txt', contentBytes: 'aGk=' }] } },
      }),
      400,
      'RequestBodyRead',
      "The property 'contentBytes' does not exist on type 'microsoft.graph.attachment'. Make sure to only use property names that are defined by the type or mark the type as open type.",
    );
    expectGraphError(
      await client.graph('POST', '/me/sendMail', token, { raw: Buffer.from('{not json'), headers: { 'content-type': 'application/json' } }),
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
    expect(await client.control('GET', '/mail/sent')).toEqual([]);
  });

  it('refuses a request over Graph\'s 4 MB limit with 413', async () => {
    const big = Buffer.alloc(3_200_000, 1).toString('base64');
    const response = await client.graph('POST', '/me/sendMail', token, {
      json: { message: { toRecipients: [{ emailAddress: { address: MEGAN } }], attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'big.bin', contentBytes: big }] } },
    });
    expectGraphError(response, 413, 'BadRequest', 'Maximum request length exceeded.');
  });
});

describe('reading mail', () => {
  it('lists the inbox newest first, ten to a page, with an @odata.nextLink that fetches the rest', async () => {
    const first = await list('/me/mailFolders/inbox/messages');
    expect(first.value).toHaveLength(10);
    expect(first['@odata.context']).toContain('/v1.0/$metadata#');
    const times = first.value.map((message) => Date.parse(message.receivedDateTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first['@odata.nextLink']).toMatch(/\/v1\.0\/me\/mailFolders\/inbox\/messages\?%24skip=10$/);
    const second = await list(first['@odata.nextLink'] ?? '');
    expect(second.value).toHaveLength(3);
    expect(second['@odata.nextLink']).toBeUndefined();
    const all = new Set([...first.value, ...second.value].map((message) => message.id));
    expect(all.size).toBe(13);
  });

  it('pages by $top, keeps $top in the nextLink and trims properties with $select', async () => {
    const page = await list('/me/messages?$top=4&$select=subject,isRead');
    expect(page.value).toHaveLength(4);
    expect(Object.keys(page.value[0] ?? {}).sort()).toEqual(['@odata.etag', 'id', 'isRead', 'subject']);
    expect(page['@odata.nextLink']).toContain('%24top=4');
    expect(page['@odata.nextLink']).toContain('%24skip=4');
    expect(page['@odata.context']).toMatch(/messages\(subject,isRead\)$/);
  });

  it('filters by isRead, hasAttachments, subject, sender and received time', async () => {
    const unread = await list("/me/mailFolders/inbox/messages?$filter=isRead eq false&$top=50");
    expect(unread.value.every((message) => !message.isRead)).toBe(true);
    expect(unread.value.length).toBe(7);
    const withAttachments = await list('/me/messages?$filter=hasAttachments eq true');
    expect(withAttachments.value.map((message) => message.subject).sort()).toEqual(['Invoice INV-1001 from Northwind', 'Weekly sales report']);
    expect((await list("/me/messages?$filter=contains(subject,'inv')")).value.map((message) => message.subject)).toEqual(['Invoice INV-1001 from Northwind']);
    expect((await list("/me/messages?$filter=startswith(subject,'Contoso News')&$top=100")).value).toHaveLength(10);
    const fromMegan = await list(`/me/messages?$filter=from/emailAddress/address eq '${MEGAN.toUpperCase()}'`);
    expect(fromMegan.value.map((message) => message.subject).sort()).toEqual(['Lunch on Friday?', 'Weekly sales report']);
    const since = new Date(emulator.clock.now().getTime() - 6 * 3_600_000).toISOString();
    const recent = await list(`/me/messages?$filter=receivedDateTime ge ${since} and hasAttachments eq true`);
    expect(recent.value.map((message) => message.subject)).toEqual(['Invoice INV-1001 from Northwind']);
  });

  it('answers a filter on a property messages do not have, or one it cannot parse, with 400', async () => {
    expectGraphError(await client.graph('GET', "/me/messages?$filter=colour eq 'red'", token), 400, 'BadRequest', "Could not find a property named 'colour' on type 'microsoft.graph.message'.");
    expectGraphError(await client.graph('GET', '/me/messages?$filter=isRead eq', token), 400, 'BadRequest', /^Invalid filter clause/);
  });

  it('reads a delegated shared mailbox and refuses one that is not delegated with ErrorAccessDenied', async () => {
    const ops = await list(`/users/${OPS}/mailFolders/Inbox/messages?$filter=isRead eq false`);
    expect(ops.value.map((message) => message.subject).sort()).toEqual(['Alert: disk space low on SRV-01', 'Daily export']);
    expectGraphError(await client.graph('GET', `/users/${FINANCE}/mailFolders/inbox/messages`, token), 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  });

  it('refuses a shared mailbox to a token without a .Shared scope, and mail to a token without a mail scope', async () => {
    const plain = (await client.signIn(CUSTOM_CLIENT, 'Mail.Read offline_access', MEGAN)).access_token;
    expect((await client.graph('GET', '/me/messages', plain)).status).toBe(200);
    expectGraphError(await client.graph('GET', `/users/${OPS}/messages`, plain), 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    // Consent only grows per client, so a profile-only token has to come from another client.
    const profileOnly = (await client.signIn(AZURE_CLI, 'User.Read.All offline_access', MEGAN)).access_token;
    expectGraphError(await client.graph('GET', '/me/messages', profileOnly), 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    expectGraphError(await client.graph('PATCH', '/me/messages/x', plain, { json: { isRead: true } }), 403, 'ErrorAccessDenied');
  });

  it('lists mail folders with their counts and returns one by well-known name', async () => {
    const folders = await list<{ id: string; displayName: string; totalItemCount: number; unreadItemCount: number; childFolderCount: number }>('/me/mailFolders?$top=20');
    expect(folders.value.map((folder) => folder.displayName)).toEqual(['Inbox', 'Drafts', 'Sent Items', 'Deleted Items', 'Junk Email', 'Archive', 'Outbox']);
    expect(folders.value[0]).toMatchObject({ totalItemCount: 13, unreadItemCount: 7, childFolderCount: 1 });
    const inbox = await client.graph('GET', '/me/mailFolders/Inbox', token);
    expect(inbox.json).toMatchObject({ id: folders.value[0]?.id, displayName: 'Inbox' });
    const byId = await list(`/me/mailFolders/${encodeURIComponent(folders.value[0]?.id ?? '')}/messages?$top=1`);
    expect(byId.value).toHaveLength(1);
  });

  it('answers unknown users, folders and messages with Exchange\'s 404s', async () => {
    expectGraphError(await client.graph('GET', '/users/nobody@contoso.onmicrosoft.com/messages', token), 404, 'ErrorInvalidUser', "The requested user 'nobody@contoso.onmicrosoft.com' is invalid.");
    expectGraphError(await client.graph('GET', '/me/mailFolders/nowhere/messages', token), 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    expectGraphError(await client.graph('GET', '/me/messages/AAMkAGI2missing=', token), 404, 'ErrorItemNotFound');
  });

  it('returns attachments as fileAttachment JSON with contentBytes, and the raw bytes through $value', async () => {
    const [invoice] = (await list("/users/" + OPS + "/messages?$filter=subject eq 'Daily export'")).value;
    expect(invoice?.hasAttachments).toBe(true);
    const attachments = await list<Attachment>(`/users/${OPS}/messages/${encodeURIComponent(invoice?.id ?? '')}/attachments`);
    expect(attachments.value.map((attachment) => attachment.name)).toEqual(['export.csv', 'export.zip']);
    const zip = attachments.value[1];
    expect(zip).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', contentType: 'application/x-zip-compressed', size: 65536 });
    const one = await client.graph('GET', `/users/${OPS}/messages/${encodeURIComponent(invoice?.id ?? '')}/attachments/${encodeURIComponent(zip?.id ?? '')}`, token);
    expect((one.json as Attachment).contentBytes).toBe(zip?.contentBytes);
    const raw = await client.graph('GET', `/users/${OPS}/messages/${encodeURIComponent(invoice?.id ?? '')}/attachments/${encodeURIComponent(zip?.id ?? '')}/$value`, token);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/x-zip-compressed');
    expect(raw.bytes.equals(Buffer.from(zip?.contentBytes ?? '', 'base64'))).toBe(true);
    const expanded = await list(`/users/${OPS}/messages?$expand=attachments&$filter=hasAttachments eq true`);
    expect(expanded.value.every((message) => (message.attachments?.length ?? 0) > 0)).toBe(true);
  });

  it('returns bodies as HTML unless the caller prefers text', async () => {
    const [lunch] = (await list("/me/messages?$filter=subject eq 'Lunch on Friday?'")).value;
    expect(lunch?.body.contentType).toBe('html');
    expect(lunch?.body.content).toContain('<div>Are you free on Friday?</div>');
    const text = await client.graph('GET', `/me/messages/${encodeURIComponent(lunch?.id ?? '')}`, token, { headers: { prefer: 'outlook.body-content-type="text"' } });
    expect(text.headers['preference-applied']).toBe('outlook.body-content-type="text"');
    expect((text.json as Message).body).toEqual({ contentType: 'text', content: 'Are you free on Friday?' });
  });
});

describe('changing mail', () => {
  it('marks a message read with PATCH and moves it to a folder found by name, under a new ID', async () => {
    const [alert] = (await list(`/users/${OPS}/mailFolders/inbox/messages?$filter=importance eq 'high'`)).value;
    const id = encodeURIComponent(alert?.id ?? '');
    const patched = await client.graph('PATCH', `/users/${OPS}/messages/${id}`, token, { json: { isRead: true } });
    expect(patched.status).toBe(200);
    expect((patched.json as Message).isRead).toBe(true);

    const folders = await list<{ id: string; displayName: string }>(`/users/${OPS}/mailFolders/inbox/childFolders?$filter=displayName eq 'Processed'`);
    const processed = folders.value[0];
    expect(processed?.displayName).toBe('Processed');
    const moved = await client.graph('POST', `/users/${OPS}/messages/${id}/move`, token, { json: { destinationId: processed?.id } });
    expect(moved.status).toBe(201);
    const movedMessage = moved.json as Message;
    expect(movedMessage.id).not.toBe(alert?.id);
    expect(movedMessage.parentFolderId).toBe(processed?.id);
    expectGraphError(await client.graph('GET', `/users/${OPS}/messages/${id}`, token), 404, 'ErrorItemNotFound');
    const state = await client.control<Array<{ subject: string; folder: string; isRead: boolean }>>('GET', `/mail/messages?mailbox=${OPS}`);
    expect(state.find((message) => message.subject.startsWith('Alert'))).toMatchObject({ folder: 'Processed', isRead: true });

    const archived = await client.graph('POST', `/users/${OPS}/messages/${encodeURIComponent(movedMessage.id)}/move`, token, { json: { destinationId: 'archive' } });
    expect(archived.status).toBe(201);
  });

  it('refuses to patch properties a message does not have', async () => {
    const [first] = (await list('/me/messages?$top=1')).value;
    expectGraphError(await client.graph('PATCH', `/me/messages/${encodeURIComponent(first?.id ?? '')}`, token, { json: { colour: 'red' } }), 400, 'RequestBodyRead');
  });

  it('delivers messages added through the control API, with given or seeded attachments', async () => {
    const added = await client.control<{ id: string; attachments: Array<{ size: number; sha256: string }> }>('POST', '/mail/messages', {
      mailbox: OPS,
      from: { name: 'Fabrikam', address: 'exports@fabrikam.example' },
      subject: 'Export 2026-05-01',
      attachments: [
        { name: 'a.csv', contentType: 'text/csv', contentBase64: Buffer.from('a,b\n1,2\n').toString('base64') },
        { name: 'big.bin', sizeBytes: 100_000, seed: 7 },
      ],
    });
    expect(added.attachments.map((attachment) => attachment.size)).toEqual([8, 100_000]);
    const found = await list(`/users/${OPS}/messages?$filter=subject eq 'Export 2026-05-01'&$expand=attachments`);
    const bytes = Buffer.from(found.value[0]?.attachments?.[1]?.contentBytes ?? '', 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(added.attachments[1]?.sha256);
    expect(found.value[0]?.isRead).toBe(false);
  });
});

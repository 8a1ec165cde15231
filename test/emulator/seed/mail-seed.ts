import { seededBuffer } from '../content/seeded-bytes.js';
import { USERS } from '../directory/directory.js';
import { FINANCE_MAILBOX, OPS_MAILBOX } from '../directory/mailboxes.js';
import { buildMessage, type EmailAddress, type MailboxStore, type NewMessageFields } from '../state/mailbox-store.js';

/**
 * The mail every fresh (or reset) emulator starts with. Content and IDs are fixed; received
 * times count back from the emulator clock at seeding, so "mail from the last day" filters find
 * the recent ones whatever the clock says.
 *
 * Adele's inbox holds 13 messages, so a default page of 10 has an `@odata.nextLink`.
 */

const HOUR_MS = 3_600_000;

const [ADELE_USER, MEGAN_USER] = USERS;
const ADELE: EmailAddress = { name: ADELE_USER?.displayName ?? 'Adele Vance', address: ADELE_USER?.upn ?? '' };
const MEGAN: EmailAddress = { name: MEGAN_USER?.displayName ?? 'Megan Bowen', address: MEGAN_USER?.upn ?? '' };
const OPS: EmailAddress = { name: 'Contoso Operations', address: OPS_MAILBOX };
const FINANCE: EmailAddress = { name: 'Contoso Finance', address: FINANCE_MAILBOX };
const NORTHWIND_BILLING: EmailAddress = { name: 'Northwind Billing', address: 'billing@northwind.example' };
const MONITORING: EmailAddress = { name: 'Monitoring', address: 'monitoring@contoso.onmicrosoft.com' };
const FABRIKAM_EXPORTS: EmailAddress = { name: 'Fabrikam Exports', address: 'exports@fabrikam.example' };

type SeedMessage = Omit<NewMessageFields, 'folderId' | 'receivedDateTime' | 'key'> & { readonly folder: string; readonly hoursAgo: number };

const CSV_REPORT = Buffer.from('region,units,revenue\nNorth,120,18400\nSouth,95,14250\nEast,143,21450\nWest,88,13200\n');
const DIAGNOSTICS = Buffer.from('host=SRV-01\nvolume=D:\nfree=2.1GB\nthreshold=5GB\n');

function seedMessages(): SeedMessage[] {
  const newsletters = Array.from(
    { length: 10 },
    (_unused, index): SeedMessage => ({
      mailbox: ADELE.address,
      folder: 'inbox',
      subject: `Contoso News #${index + 1}`,
      bodyType: 'html',
      body: `<html><body><p>Issue ${index + 1} of the Contoso newsletter.</p></body></html>`,
      from: { name: 'Contoso News', address: 'news@contoso.onmicrosoft.com' },
      toRecipients: [ADELE],
      isRead: index % 2 === 0,
      hoursAgo: 24 * (index + 2),
    }),
  );
  return [
    {
      mailbox: ADELE.address,
      folder: 'inbox',
      subject: 'Invoice INV-1001 from Northwind',
      bodyType: 'html',
      body: '<html><body><p>Please find invoice INV-1001 attached.</p></body></html>',
      from: NORTHWIND_BILLING,
      toRecipients: [ADELE],
      isRead: false,
      hoursAgo: 1,
      attachments: [{ name: 'INV-1001.pdf', contentType: 'application/pdf', bytes: seededBuffer('mail:INV-1001.pdf', 24 * 1024) }],
    },
    {
      mailbox: ADELE.address,
      folder: 'inbox',
      subject: 'Weekly sales report',
      bodyType: 'text',
      body: 'Hi Adele,\n\nthe weekly numbers are attached.\n\nMegan',
      from: MEGAN,
      toRecipients: [ADELE],
      ccRecipients: [OPS],
      isRead: true,
      hoursAgo: 20,
      attachments: [{ name: 'weekly-sales.csv', contentType: 'text/csv', bytes: CSV_REPORT }],
    },
    {
      mailbox: ADELE.address,
      folder: 'inbox',
      subject: 'Lunch on Friday?',
      bodyType: 'text',
      body: 'Are you free on Friday?',
      from: MEGAN,
      toRecipients: [ADELE],
      isRead: false,
      hoursAgo: 3,
    },
    ...newsletters,
    {
      mailbox: OPS.address,
      folder: 'inbox',
      subject: 'Alert: disk space low on SRV-01',
      bodyType: 'text',
      body: 'Volume D: on SRV-01 has 2.1 GB free (threshold 5 GB).',
      from: MONITORING,
      toRecipients: [OPS],
      isRead: false,
      hoursAgo: 2,
      importance: 'high',
      attachments: [{ name: 'diagnostics.txt', contentType: 'text/plain', bytes: DIAGNOSTICS }],
    },
    {
      mailbox: OPS.address,
      folder: 'inbox',
      subject: 'Daily export',
      bodyType: 'html',
      body: '<html><body><p>Today&#39;s export is attached.</p></body></html>',
      from: FABRIKAM_EXPORTS,
      toRecipients: [OPS],
      isRead: false,
      hoursAgo: 5,
      attachments: [
        { name: 'export.csv', contentType: 'text/csv', bytes: CSV_REPORT },
        { name: 'export.zip', contentType: 'application/x-zip-compressed', bytes: seededBuffer('mail:export.zip', 64 * 1024) },
      ],
    },
    {
      mailbox: OPS.address,
      folder: 'inbox',
      subject: 'Re: maintenance window',
      bodyType: 'text',
      body: 'Saturday 22:00 works for us.',
      from: MEGAN,
      toRecipients: [OPS],
      isRead: true,
      hoursAgo: 30,
    },
    {
      mailbox: FINANCE.address,
      folder: 'inbox',
      subject: 'Quarterly statements',
      bodyType: 'text',
      body: 'Statements for the quarter are attached.',
      from: NORTHWIND_BILLING,
      toRecipients: [FINANCE],
      isRead: false,
      hoursAgo: 4,
      attachments: [{ name: 'statements.pdf', contentType: 'application/pdf', bytes: seededBuffer('mail:statements.pdf', 16 * 1024) }],
    },
    {
      mailbox: MEGAN.address,
      folder: 'inbox',
      subject: 'Welcome to Contoso',
      bodyType: 'text',
      body: 'Welcome aboard, Megan.',
      from: ADELE,
      toRecipients: [MEGAN],
      isRead: true,
      hoursAgo: 72,
    },
  ];
}

export function seedMail(store: MailboxStore, now: Date): void {
  seedMessages().forEach((seed, index) => {
    const { folder: folderName, hoursAgo, ...fields } = seed;
    const folder = store.folder(seed.mailbox, folderName);
    if (!folder) throw new Error(`mail seed: no folder ${folderName} in ${seed.mailbox}`);
    store.add(
      buildMessage({
        ...fields,
        folderId: folder.id,
        receivedDateTime: new Date(Math.floor((now.getTime() - hoursAgo * HOUR_MS) / 1000) * 1000),
        key: `seed:${index}`,
      }),
    );
  });
}

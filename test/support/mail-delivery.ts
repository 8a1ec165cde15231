/**
 * Delivers a mail with attachments into Adele's inbox on the emulator, as billing would send an invoice.
 */
import { expect } from 'vitest';
import type { TestEmulator } from './emulator.js';

export const ADELE = 'adele.vance@contoso.onmicrosoft.com';

export interface DeliveredMail {
  id: string;
  attachments: Array<{ id: string; name: string }>;
}

export async function deliverMail(
  emulator: TestEmulator,
  subject: string,
  attachments: Array<{ name: string; text: string }>,
  contentType = 'application/octet-stream',
): Promise<DeliveredMail> {
  const response = await emulator.control<DeliveredMail>('POST', '/mail/messages', {
    mailbox: ADELE,
    from: 'billing@northwind.example',
    subject,
    body: 'See attached.',
    attachments: attachments.map((attachment) => ({ name: attachment.name, contentType, contentBase64: Buffer.from(attachment.text).toString('base64') })),
  });
  expect(response.status).toBe(201);
  return response.body;
}

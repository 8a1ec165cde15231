/**
 * Hostile mail for a mail.attachments job: attachment names from outside (300 characters, `../../evil`) are
 * saved safely inside saveTo; running again never saves an attachment twice; one attachment Graph will not
 * give fails the run by name, leaves its message unread, and the next run saves only what is missing.
 * Files are counted in saveTo; read state is checked on the emulator's side.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { ADELE, deliverMail } from '../support/mail-delivery.js';

const setup = useEmulatorHome({ signedIn: true });

const deliver = (subject: string, attachments: Array<{ name: string; text: string }>) => deliverMail(setup.emulator, subject, attachments);

async function isRead(subject: string): Promise<boolean> {
  const messages = (await setup.emulator.control<Array<{ subject: string; isRead: boolean }>>('GET', `/mail/messages?mailbox=${ADELE}&folder=inbox`)).body;
  const message = messages.find((candidate) => candidate.subject === subject);
  if (!message) throw new Error(`no message "${subject}" in the inbox`);
  return message.isRead;
}

function job(subject: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'invoices', schedule: '0 7 * * *', profile: 'emu', action: { kind: 'mail.attachments', folder: 'inbox', filter: { subjectContains: subject }, saveTo: 'invoices', markRead: true, ...extra } };
}

function saved(): string[] {
  const folder = join(setup.home, 'invoices');
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

describe('mail.attachments saves each attachment once, safely, and marks mail read only when all are saved', () => {
  it('an attachment with a 300-character name is saved under a shortened name and the message is marked read', async () => {
    const longName = `${'Rechnung-Über-'.repeat(22).slice(0, 296)}.pdf`;
    expect(longName).toHaveLength(300);
    writeJobs(setup.home, [job('Long name')]);
    await deliver('Long name', [{ name: longName, text: 'long-named invoice' }]);
    const { run } = await runJob(setup.home, 'invoices');
    expect(run.status).toBe('succeeded');
    const files = saved();
    expect(files).toHaveLength(1);
    const [file = ''] = files;
    expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255);
    expect(file.endsWith('.pdf')).toBe(true);
    expect(longName.startsWith(file.slice(0, -4))).toBe(true);
    expect(readFileSync(join(setup.home, 'invoices', file), 'utf8')).toBe('long-named invoice');
    expect(await isRead('Long name')).toBe(true);
  });

  it('running the job three times saves each attachment exactly once', async () => {
    writeJobs(setup.home, [job('Monthly', { markRead: false })]);
    await deliver('Monthly invoice', [
      { name: 'inv.pdf', text: 'invoice' },
      { name: 'terms.txt', text: 'terms' },
    ]);
    for (let round = 1; round <= 3; round++) expect((await runJob(setup.home, 'invoices')).run.status).toBe('succeeded');
    expect(saved()).toEqual(['inv.pdf', 'terms.txt']);
    const third = await runJob(setup.home, 'invoices');
    expect(third.run.summary).toMatch(/^Saved 0 attachments \(2 saved by an earlier run, not again\)/);
  });

  it('an attachment named ../../evil is saved inside saveTo and nothing is written outside it', async () => {
    writeJobs(setup.home, [job('Sneaky')]);
    await deliver('Sneaky', [{ name: '../../evil', text: 'payload' }, { name: '..', text: 'dots' }]);
    const { run } = await runJob(setup.home, 'invoices');
    expect(run.status).toBe('succeeded');
    const files = saved();
    expect(files).toHaveLength(2);
    expect(files).toContain('.._.._evil');
    expect(existsSync(join(setup.home, 'evil'))).toBe(false);
    expect(existsSync(join(dirname(setup.home), 'evil'))).toBe(false);
    expect(readFileSync(join(setup.home, 'invoices', '.._.._evil'), 'utf8')).toBe('payload');
  });

  it('an attachment Graph will not give fails the run by name, leaves the message unread, and the next run saves only what is missing', async () => {
    writeJobs(setup.home, [job('Quarter')]);
    const message = await deliver('Quarter close', [
      { name: 'q3.pdf', text: 'quarter' },
      { name: 'broken.xlsx', text: 'sheet' },
    ]);
    const broken = message.attachments.find((attachment) => attachment.name === 'broken.xlsx');
    expect(broken).toBeDefined();
    const fault = await setup.emulator.control('POST', '/faults', { endpoint: 'graph', method: 'GET', path: `/attachments/${encodeURIComponent(broken?.id ?? '')}`, status: 500 });
    expect(fault.status).toBe(201);

    const first = await runJob(setup.home, 'invoices');
    expect(first.run.status).toBe('failed');
    expect(first.run.error?.message).toMatch(/^Could not save 1 attachment: "broken\.xlsx" from "Quarter close" \(Microsoft Graph refused .*HTTP 500/);
    expect(first.run.error?.message).toContain('stays unread');
    expect(saved()).toEqual(['q3.pdf']);
    expect(await isRead('Quarter close')).toBe(false);

    const second = await runJob(setup.home, 'invoices');
    expect(second.run.status).toBe('succeeded');
    expect(second.run.summary).toMatch(/^Saved 1 attachment \(1 saved by an earlier run, not again\) from 1 of 1 matching message/);
    expect(saved()).toEqual(['broken.xlsx', 'q3.pdf']);
    expect(readFileSync(join(setup.home, 'invoices', 'broken.xlsx'), 'utf8')).toBe('sheet');
    expect(await isRead('Quarter close')).toBe(true);
  });

  it('a damaged record of saved attachments is kept aside, and files already there are not saved a second time', async () => {
    writeJobs(setup.home, [job('Monthly', { markRead: false })]);
    await deliver('Monthly invoice', [{ name: 'inv.pdf', text: 'invoice' }]);
    expect((await runJob(setup.home, 'invoices')).run.status).toBe('succeeded');
    const record = join(setup.home, 'state', 'mail-attachments', 'invoices.json');
    writeFileSync(record, '{"version": 1, "saved": ');
    const { run } = await runJob(setup.home, 'invoices');
    expect(run.status).toBe('succeeded');
    expect(run.summary).toContain('The record of saved attachments was damaged and is kept as');
    const aside = readdirSync(dirname(record)).filter((name) => name.startsWith('invoices.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dirname(record), aside[0] ?? ''), 'utf8')).toBe('{"version": 1, "saved": ');
    expect(saved()).toEqual(['inv.pdf']);
  });
});

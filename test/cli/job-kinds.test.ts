import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';

const setup = useEmulatorHome({ signedIn: true });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const daily = { schedule: '0 7 * * *', profile: 'emu' };
// Teams posts, shared mailboxes and SharePoint sites are outside what Microsoft pre-authorises the Office client
// (`emu`) for, so those jobs run as a second profile on Graph PowerShell, as the README tells people to.
const onPowerShell = { schedule: '0 7 * * *', profile: 'gp' };

async function addPowerShellProfile(): Promise<void> {
  expect((await setup.emulator.addProfile(setup.home, 'gp', ['--client-id', 'graph-powershell'])).code).toBe(0);
  expect((await setup.emulator.signIn(setup.home, 'gp')).code).toBe(0);
}
const OPS = 'ops@contoso.onmicrosoft.com';
const FINANCE = 'finance@contoso.onmicrosoft.com';

describe('each job kind, end to end against the emulator', () => {
  it('mail.send sends the mail with its attachments, as the emulator received it', async () => {
    const report = Buffer.from('quarter,revenue\nQ3,42\n');
    const chart = Buffer.alloc(200_000, 7);
    writeFileSync(join(setup.home, 'report.csv'), report);
    writeFileSync(join(setup.home, 'chart.png'), chart);
    writeJobs(setup.home, [{ id: 'mail', ...daily, action: { kind: 'mail.send', to: ['ops@example.com', 'cfo@example.com'], cc: 'team@example.com', subject: 'Daily report', body: { html: '<p>Attached.</p>' }, attachments: ['report.csv', 'chart.png'] } }]);
    const { result, run } = await runJob(setup.home, 'mail');
    expect(result.code).toBe(0);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', summary: 'Sent "Daily report" to 3 recipients with 2 attachments' });
    const sent = (await setup.emulator.control<Array<{ to: string[]; cc: string[]; subject: string; bodyType: string; attachments: Array<{ name: string; sha256: string }> }>>('GET', '/mail/sent')).body;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['ops@example.com', 'cfo@example.com'], cc: ['team@example.com'], subject: 'Daily report', bodyType: 'html' });
    expect(sent[0]?.attachments.map((attachment) => [attachment.name, attachment.sha256])).toEqual([
      ['report.csv', sha256(report)],
      ['chart.png', sha256(chart)],
    ]);
  });

  it('files.download brings a SharePoint file down with equal bytes, then skips it when unchanged', async () => {
    await addPowerShellProfile();
    const seeded = await setup.emulator.control<{ sha256: string }>('POST', '/files', { drive: '/sites/Finance', path: 'Reports/Q3 results.xlsx', sizeBytes: 3_000_000, seed: 'q3' });
    writeJobs(setup.home, [{ id: 'pull', ...onPowerShell, action: { kind: 'files.download', source: { site: 'https://contoso.sharepoint.com/sites/Finance', path: 'Reports/Q3 results.xlsx' }, destination: 'downloads/q3.xlsx' } }]);
    const first = await runJob(setup.home, 'pull');
    expect(first.run.status).toBe('succeeded');
    expect(sha256(readFileSync(join(setup.home, 'downloads', 'q3.xlsx')))).toBe(seeded.body.sha256);
    const second = await runJob(setup.home, 'pull');
    expect(second.run).toMatchObject({ status: 'succeeded', summary: expect.stringContaining('unchanged') });
  });

  it('files.upload puts a large local file into OneDrive through an upload session, bytes equal', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024);
    for (let index = 0; index < big.length; index += 4096) big.writeUInt32LE(index, index);
    writeFileSync(join(setup.home, 'export.bin'), big);
    writeJobs(setup.home, [{ id: 'push', ...daily, action: { kind: 'files.upload', source: 'export.bin', destination: { drive: 'me', path: 'Exports' } } }]);
    const { run } = await runJob(setup.home, 'push');
    expect(run).toMatchObject({ status: 'succeeded', summary: expect.stringContaining('Uploaded export.bin (6.0 MB)') });
    const stored = await setup.emulator.control<{ sha256: string; size: number }>('GET', '/files?path=Exports/export.bin');
    expect(stored.body).toMatchObject({ size: big.length, sha256: sha256(big) });
  });

  it('teams.message posts to a chat and to a channel', async () => {
    await addPowerShellProfile();
    writeJobs(setup.home, [
      { id: 'chat', ...onPowerShell, action: { kind: 'teams.message', chatId: '19:d2c8e5a1f7b34c69a0e4b8d1c5f92a37@thread.v2', body: { html: '<b>ETL done</b>' } } },
      { id: 'channel', ...onPowerShell, action: { kind: 'teams.message', teamId: '3f6c9a2e-8d41-4b7a-9e05-6c2d1f8a7b34', channelId: '19:a7e3c1b95d2f4068b4e1c9d7a3f52e60@thread.tacv2', body: { text: 'Nightly load failed twice' } } },
    ]);
    expect((await runJob(setup.home, 'chat')).run.status).toBe('succeeded');
    expect((await runJob(setup.home, 'channel')).run.status).toBe('succeeded');
    const posted = JSON.stringify((await setup.emulator.control('GET', '/teams/messages')).body);
    expect(posted).toContain('<b>ETL done</b>');
    expect(posted).toContain('Nightly load failed twice');
  });

  it('mail.attachments saves attachments from a delegated shared mailbox and marks the mail read', async () => {
    await addPowerShellProfile();
    const invoice = Buffer.from('%PDF-1.7 invoice 4711');
    await setup.emulator.control('POST', '/mail/messages', { mailbox: OPS, from: 'supplier@fabrikam.com', subject: 'Invoice 4711', attachments: [{ name: 'invoice-4711.pdf', contentBase64: invoice.toString('base64') }] });
    await setup.emulator.control('POST', '/mail/messages', { mailbox: OPS, from: 'someone@else.com', subject: 'Lunch?', attachments: [{ name: 'menu.pdf', contentBase64: 'AAAA' }] });
    writeJobs(setup.home, [{ id: 'invoices', ...onPowerShell, action: { kind: 'mail.attachments', mailbox: OPS, filter: { from: 'supplier@fabrikam.com' }, saveTo: 'invoices', markRead: true } }]);
    const { run } = await runJob(setup.home, 'invoices');
    expect(run).toMatchObject({ status: 'succeeded', summary: expect.stringContaining('Saved 1 attachment from 1 of 1 matching message') });
    expect(readFileSync(join(setup.home, 'invoices', 'invoice-4711.pdf'))).toEqual(invoice);
    const mailbox = (await setup.emulator.control<Array<{ subject: string; isRead: boolean }>>('GET', `/mail/messages?mailbox=${OPS}`)).body;
    expect(mailbox.find((message) => message.subject === 'Invoice 4711')?.isRead).toBe(true);
    expect(mailbox.find((message) => message.subject === 'Lunch?')?.isRead).toBe(false);
  });

  it('mail.attachments on a shared mailbox not delegated to you fails saying who must grant access', async () => {
    await addPowerShellProfile();
    writeJobs(setup.home, [{ id: 'finance', ...onPowerShell, action: { kind: 'mail.attachments', mailbox: FINANCE, saveTo: 'finance' } }]);
    const { result, run } = await runJob(setup.home, 'finance');
    expect(result.code).toBe(1);
    expect(run.status).toBe('failed');
    expect(run.error?.message).toContain(`Access to the mailbox ${FINANCE} is denied (Graph: ErrorAccessDenied)`);
    expect(run.error?.action).toMatch(/Full Access/);
  });

  it('graph.request calls Graph and saves the response', async () => {
    writeJobs(setup.home, [{ id: 'whoami', ...daily, action: { kind: 'graph.request', path: '/me', saveTo: 'out/me.json' } }]);
    const { run } = await runJob(setup.home, 'whoami');
    expect(run).toMatchObject({ status: 'succeeded', summary: expect.stringMatching(/^GET \/me → HTTP 200; .* saved to/) });
    expect(JSON.parse(readFileSync(join(setup.home, 'out', 'me.json'), 'utf8')).userPrincipalName).toBe('adele.vance@contoso.onmicrosoft.com');
  });

  it('a job whose profile needs sign-in is skipped with that reason, and run exits 3', async () => {
    mkdirSync(join(setup.home, 'x'), { recursive: true });
    expect((await setup.emulator.addProfile(setup.home, 'nobody')).code).toBe(0);
    writeJobs(setup.home, [{ id: 'orphan', schedule: '0 7 * * *', profile: 'nobody', action: { kind: 'graph.request', path: '/me' } }]);
    const { result, run } = await runJob(setup.home, 'orphan');
    expect(result.code).toBe(3);
    expect(run).toMatchObject({ status: 'skipped', error: { code: 'sign-in-required', message: expect.stringContaining('profile "nobody" needs you to sign in') } });
  });

  it('waits out a 429 storm as Graph asks and succeeds', async () => {
    await setup.emulator.control('POST', '/faults', { endpoint: 'graph', pathRegex: '/me$', status: 429, retryAfter: 1, count: 3 });
    writeJobs(setup.home, [{ id: 'whoami', ...daily, action: { kind: 'graph.request', path: '/me' } }]);
    const started = Date.now();
    const { run } = await runJob(setup.home, 'whoami');
    expect(run.status).toBe('succeeded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it('fails past the attempt limit with a plain message naming throttling', async () => {
    await setup.emulator.control('POST', '/faults', { endpoint: 'graph', pathRegex: '/me$', status: 429, retryAfter: 1, count: 20 });
    writeJobs(setup.home, [{ id: 'whoami', ...daily, action: { kind: 'graph.request', path: '/me' } }]);
    const { result, run } = await runJob(setup.home, 'whoami');
    expect(result.code).toBe(1);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('graph-throttled');
    expect(run.error?.message).toMatch(/throttl/i);
    await setup.emulator.control('DELETE', '/faults');
  });
});

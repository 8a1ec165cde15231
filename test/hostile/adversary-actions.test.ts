/**
 * An adversary's cases for jobs that act on the world over a network that lies: a send that is slow past the
 * job's timeout, an answer Graph gave but a proxy mangled, a response that cannot be saved after the request
 * was done. Each counts what happened on the emulator's side (mail sent, Teams posts) or on disk.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runCli } from '../support/cli.js';
import { httpsJson } from '../support/https-json.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { ADELE, deliverMail } from '../support/mail-delivery.js';
import type { JobRun } from '../../shared/models/job-run.js';

// Graph PowerShell: some of these jobs post to Teams, which Microsoft does not pre-authorise the Office client for.
const setup = useEmulatorHome({ clientId: 'graph-powershell' });
const CHAT = '19:d2c8e5a1f7b34c69a0e4b8d1c5f92a37@thread.v2';
const daily = { schedule: '0 7 * * *', profile: 'emu' };

async function faults(...specs: Array<Record<string, unknown>>): Promise<void> {
  expect((await setup.emulator.control('POST', '/faults', specs)).status).toBe(201);
}

async function sentMail(subject: string): Promise<unknown[]> {
  const sent = (await setup.emulator.control<Array<{ subject: string }>>('GET', '/mail/sent')).body;
  return sent.filter((mail) => mail.subject === subject);
}

async function teamsPosts(content: string): Promise<unknown[]> {
  const posts = (await setup.emulator.control<Array<{ content: string }>>('GET', '/teams/messages')).body;
  return posts.filter((post) => post.content === content);
}

async function history(jobId: string): Promise<JobRun[]> {
  return (JSON.parse((await runCli(['history', jobId, '--json', '--limit', '100'], { home: setup.home })).stdout) as JobRun[]).sort((left, right) => left.id - right.id);
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 300; round++) {
    if (await condition()) return;
    await sleep(50);
  }
  throw new Error('the condition never came true');
}

/** Signs the profile in with only the given Graph permissions, under a client no other test consented to. */
async function signInWith(scopes: string[]): Promise<void> {
  expect((await runCli(['profiles', 'set', 'emu', '--client-id', '7c1f1e2a-58f4-4a8e-9c37-3d1b4e6f0a21', '--scopes', ...scopes], { home: setup.home })).code).toBe(0);
  expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
}

async function signIn(): Promise<void> {
  expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
}

describe('an adversary against mail.send, Teams posts and Graph POSTs', () => {
  it('a mail sent with Mail.Send only, whose sendMail is slower than timeoutMinutes, is not sent a second time by the retry', async () => {
    await signInWith(['Mail.Send', 'User.Read', 'offline_access']);
    // 3 s timeout; the first sendMail is answered only after 8 s, but Graph carries it out then.
    writeJobs(setup.home, [{ id: 'report', ...daily, timeoutMinutes: 0.05, retries: { attempts: 1, backoffSeconds: 0 }, action: { kind: 'mail.send', to: ['megan.bowen@contoso.onmicrosoft.com'], subject: 'Slow send', body: { text: 'Numbers.' } } }]);
    await faults({ endpoint: 'graph', method: 'POST', path: '/sendMail', delayMs: 8_000 });
    const { run } = await runJob(setup.home, 'report');
    // The delayed send lands after the run gave up on it.
    await sleep(9_000);
    expect(await sentMail('Slow send')).toHaveLength(1);
    expect(run.status).toBe('timed-out');
    expect(run.error?.message).toMatch(/may have been sent/);
    expect(await history('report')).toHaveLength(1);
  });

  it('a Graph POST that went through but whose answer cannot be saved is not posted again by the retries', async () => {
    await signIn();
    // saveTo names a folder that is already there: the answer cannot be written, after the post was made.
    mkdirSync(join(setup.home, 'answer.json'));
    writeJobs(setup.home, [
      { id: 'post', ...daily, retries: { attempts: 2, backoffSeconds: 0 }, action: { kind: 'graph.request', method: 'POST', path: `/chats/${CHAT}/messages`, body: { body: { content: 'posted once' } }, saveTo: 'answer.json' } },
    ]);
    const { run } = await runJob(setup.home, 'post');
    expect(await teamsPosts('posted once')).toHaveLength(1);
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(/POST \/chats\/.* was done \(HTTP 201\)/);
    expect(run.error?.message).toContain(join(setup.home, 'answer.json'));
    expect(await history('post')).toHaveLength(1);
    expect(statSync(join(setup.home, 'answer.json')).isDirectory()).toBe(true);
  });
});

describe('an adversary against mail.send answers mangled on the way', () => {
  const GARBAGE = '<html><body>Request accepted by gateway</body></html>';

  function mailJob(subject: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { id: 'report', ...daily, ...extra, action: { kind: 'mail.send', to: ['megan.bowen@contoso.onmicrosoft.com'], subject, body: { text: 'Numbers.' } } };
  }

  async function drafts(subject: string): Promise<unknown[]> {
    const messages = (await setup.emulator.control<Array<{ subject: string }>>('GET', `/mail/messages?mailbox=${ADELE}&folder=drafts`)).body;
    return messages.filter((message) => message.subject === subject);
  }

  it('a draft whose 201 answer lost its ID on the way is found and sent once, and no draft is left in Drafts', async () => {
    await signIn();
    writeJobs(setup.home, [mailJob('Draft without ID')]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '^/v1\\.0/me/messages$', replaceBody: GARBAGE });
    const { run } = await runJob(setup.home, 'report');
    expect(run.status).toBe('succeeded');
    expect(await sentMail('Draft without ID')).toHaveLength(1);
    expect(await drafts('Draft without ID')).toEqual([]);
  });

  it('a send refused because the draft was already sent (an earlier, slow send went through) is recorded as sent, not as "not sent"', async () => {
    await signIn();
    writeJobs(setup.home, [mailJob('Sent late')]);
    // The first send is cut before Graph takes it; the second is slow, and while it waits, the first one's
    // late twin (what Exchange does with a send it queued) sends the draft: the second then finds no draft.
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '/send$', reset: true }, { endpoint: 'graph', method: 'POST', pathRegex: '/send$', delayMs: 4_000 });
    const running = runJob(setup.home, 'report');
    await waitFor(async () => (await setup.emulator.control<Array<{ method: string; path: string }>>('GET', '/graph/requests')).body.filter((request) => request.method === 'POST' && request.path.endsWith('/send')).length === 2);
    const [draft] = (await setup.emulator.control<Array<{ id: string; subject: string }>>('GET', `/mail/messages?mailbox=${ADELE}&folder=drafts`)).body.filter((message) => message.subject === 'Sent late');
    const [token] = (await setup.emulator.control<Array<{ kind: string; token: string }>>('GET', '/issued')).body.filter((issued) => issued.kind === 'access').reverse();
    const late = await httpsJson(setup.emulator.caFile, 'POST', `${setup.emulator.graphBaseUrl}/v1.0/me/messages/${encodeURIComponent(draft?.id ?? '')}/send`, undefined, { authorization: `Bearer ${token?.token ?? ''}` });
    expect(late.status).toBe(202);
    const { run } = await running;
    expect(await sentMail('Sent late')).toHaveLength(1);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toMatch(/Sent Items/);
  });

  it('a send Graph refused on a run without retries does not promise that a next try sends the draft it leaves in Drafts', async () => {
    await signIn();
    writeJobs(setup.home, [mailJob('Refused, no retry')]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '/send$', status: 400 });
    const { run } = await runJob(setup.home, 'report');
    expect(run.status).toBe('failed');
    expect(await sentMail('Refused, no retry')).toEqual([]);
    // The draft is still there (nothing deleted), and the row says what the person does with it.
    expect(await drafts('Refused, no retry')).toHaveLength(1);
    expect(run.error?.message).not.toMatch(/the next try/);
    expect(run.error?.message).toMatch(/Its draft stays in Drafts; .*send or delete it in Outlook/);
  });

  it('a Sent Items lookup answered with a gateway page is not read as "not sent": the retry does not send the mail a second time', async () => {
    await signIn();
    // The first try's send is carried out only after its 3 s timeout; the retry comes after that, and every
    // look into Sent Items gets a page that is not a list of messages.
    writeJobs(setup.home, [mailJob('Looked up through a gateway', { timeoutMinutes: 0.05, retries: { attempts: 1, backoffSeconds: 8 } })]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '/send$', delayMs: 4_000 });
    const running = runJob(setup.home, 'report');
    // Once the first try's send is under way (it looked in Sent Items properly before), the gateway starts lying.
    await waitFor(async () => (await setup.emulator.control<Array<{ method: string; path: string }>>('GET', '/graph/requests')).body.some((request) => request.method === 'POST' && request.path.endsWith('/send')));
    await faults({ endpoint: 'graph', method: 'GET', pathRegex: '/mailFolders/sentitems/messages$', replaceBody: GARBAGE, count: 10 });
    const { run } = await running;
    expect(await sentMail('Looked up through a gateway')).toHaveLength(1);
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(/cannot tell whether the mail is there/);
  });
});

describe('an adversary against mail.attachments', () => {
  const deliver = (subject: string, attachments: Array<{ name: string; text: string }>) => deliverMail(setup.emulator, subject, attachments, 'application/pdf');

  async function isRead(subject: string): Promise<boolean> {
    const messages = (await setup.emulator.control<Array<{ subject: string; isRead: boolean }>>('GET', `/mail/messages?mailbox=${ADELE}&folder=inbox`)).body;
    return messages.find((message) => message.subject === subject)?.isRead ?? false;
  }

  function attachmentsJob(subject: string): Record<string, unknown> {
    return { id: 'invoices', ...daily, action: { kind: 'mail.attachments', folder: 'inbox', filter: { subjectContains: subject }, saveTo: 'invoices', markRead: true } };
  }

  function savedFiles(): Array<{ name: string; size: number }> {
    const folder = join(setup.home, 'invoices');
    return existsSync(folder) ? readdirSync(folder).sort().map((name) => ({ name, size: statSync(join(folder, name)).size })) : [];
  }

  it('an attachment answered with a proxy page instead of its content is not saved as an empty file, and the next run saves it', async () => {
    await signIn();
    writeJobs(setup.home, [attachmentsJob('Mangled')]);
    await deliver('Mangled', [{ name: 'INV-2001.pdf', text: 'the real invoice' }]);
    await faults({ endpoint: 'graph', method: 'GET', pathRegex: '/attachments/[^/]+$', replaceBody: '<html><body>Blocked by proxy</body></html>' });
    const first = await runJob(setup.home, 'invoices');
    expect(first.run.status).toBe('failed');
    expect(first.run.error?.message).toContain('INV-2001.pdf');
    expect(savedFiles()).toEqual([]);
    expect(await isRead('Mangled')).toBe(false);

    const second = await runJob(setup.home, 'invoices');
    expect(second.run.status).toBe('succeeded');
    expect(savedFiles()).toEqual([{ name: 'INV-2001.pdf', size: 'the real invoice'.length }]);
    expect(await isRead('Mangled')).toBe(true);
  });

  it('an attachment whose name uses a right-to-left override cannot pass a program off as a PDF in the folder', async () => {
    await signIn();
    writeJobs(setup.home, [attachmentsJob('Spoofed')]);
    // Shown by a file manager as "invoice-2026exe.pdf"; it is an .exe.
    await deliver('Spoofed', [{ name: 'invoice-2026\u202Efdp.exe', text: 'MZ not really' }]);
    const { run } = await runJob(setup.home, 'invoices');
    expect(run.status).toBe('succeeded');
    expect(savedFiles()).toEqual([{ name: 'invoice-2026fdp.exe', size: 'MZ not really'.length }]);
  });

  it('an attachment named like a folder already in saveTo is saved beside it, the folder is untouched and the message is marked read', async () => {
    await signIn();
    mkdirSync(join(setup.home, 'invoices', 'Scans'), { recursive: true });
    writeFileSync(join(setup.home, 'invoices', 'Scans', 'mine.txt'), 'my own file');
    writeJobs(setup.home, [attachmentsJob('Folder name')]);
    await deliver('Folder name', [{ name: 'Scans', text: 'scanned pages' }]);
    const { run } = await runJob(setup.home, 'invoices');
    expect(run.status).toBe('succeeded');
    expect(savedFiles()).toEqual([{ name: 'Scans', size: statSync(join(setup.home, 'invoices', 'Scans')).size }, { name: 'Scans (2)', size: 'scanned pages'.length }]);
    expect(readFileSync(join(setup.home, 'invoices', 'Scans', 'mine.txt'), 'utf8')).toBe('my own file');
    expect(await isRead('Folder name')).toBe(true);
  });
});

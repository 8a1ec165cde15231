/**
 * Hostile network, actions that must not happen twice: a connection that breaks after Graph carried the
 * request out (the emulator's `resetAfter`) never makes Delegate send a mail twice, post twice or repeat a
 * POST; a failure that proves nothing was done is still retried. Counted on the emulator's side.
 */
import { writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runCli } from '../support/cli.js';
import { runJob, writeJobs } from '../support/jobs.js';
import type { JobRun } from '../../shared/models/job-run.js';
import { closedPort } from '../support/closed-port.js';

// Graph PowerShell: these jobs post to Teams, which Microsoft does not pre-authorise the Office client for.
const setup = useEmulatorHome({ signedIn: true, clientId: 'graph-powershell' });
const daily = { schedule: '0 7 * * *', profile: 'emu' };
const retrying = { attempts: 2, backoffSeconds: 0 };
const CHAT = '19:d2c8e5a1f7b34c69a0e4b8d1c5f92a37@thread.v2';

async function faults(...specs: Array<Record<string, unknown>>): Promise<void> {
  expect((await setup.emulator.control('POST', '/faults', specs)).status).toBe(201);
}

async function sentMail(subject: string): Promise<unknown[]> {
  const sent = (await setup.emulator.control<Array<{ subject: string }>>('GET', '/mail/sent')).body;
  return sent.filter((mail) => mail.subject === subject);
}

async function sentItems(subject: string): Promise<unknown[]> {
  const messages = (await setup.emulator.control<Array<{ subject: string; folder: string }>>('GET', '/mail/messages?mailbox=adele.vance@contoso.onmicrosoft.com&folder=sentitems')).body;
  return messages.filter((message) => message.subject === subject);
}

async function drafts(subject: string): Promise<unknown[]> {
  const messages = (await setup.emulator.control<Array<{ subject: string }>>('GET', '/mail/messages?mailbox=adele.vance@contoso.onmicrosoft.com&folder=drafts')).body;
  return messages.filter((message) => message.subject === subject);
}

async function history(jobId: string): Promise<JobRun[]> {
  return (JSON.parse((await runCli(['history', jobId, '--json', '--limit', '100'], { home: setup.home })).stdout) as JobRun[]).sort((left, right) => left.id - right.id);
}

/** A plain TCP forwarder: TLS passes through untouched, so the emulator's certificate still verifies. */
function forward(port: number, target: number): Promise<Server> {
  const server = createServer((socket) => {
    const upstream = connect(target, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 200; round++) {
    if (await condition()) return;
    await sleep(200);
  }
  throw new Error('the condition never came true');
}

function mailJob(subject: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'report', ...daily, retries: retrying, action: { kind: 'mail.send', to: ['megan.bowen@contoso.onmicrosoft.com'], subject, body: { text: 'Numbers attached.' }, ...extra } };
}

describe('a mail, a Teams post or a Graph POST is never done twice because a connection broke', () => {
  it('three connections dropped after the send went through, with two retries, deliver the mail exactly once and the history says sent', async () => {
    writeJobs(setup.home, [mailJob('Daily numbers')]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '/send$', resetAfter: true, count: 3 });
    const { run } = await runJob(setup.home, 'report');
    expect(await sentMail('Daily numbers')).toHaveLength(1);
    expect(await sentItems('Daily numbers')).toHaveLength(1);
    expect(await drafts('Daily numbers')).toHaveLength(0);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toMatch(/^Sent "Daily numbers" to 1 recipient .*Sent Items/);
    const rows = await history('report');
    expect(rows.every((row) => row.status === 'succeeded')).toBe(true);
  });

  it('a mail whose send was dropped before it reached Graph is sent once, and Megan receives exactly one copy', async () => {
    writeJobs(setup.home, [mailJob('Before the send')]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '/send$', reset: true });
    const { run } = await runJob(setup.home, 'report');
    expect(run.status).toBe('succeeded');
    expect(await sentMail('Before the send')).toHaveLength(1);
    const inbox = (await setup.emulator.control<Array<{ subject: string }>>('GET', '/mail/messages?mailbox=megan.bowen@contoso.onmicrosoft.com&folder=inbox')).body;
    expect(inbox.filter((message) => message.subject === 'Before the send')).toHaveLength(1);
  });

  it('a draft that could not be created (connection dropped first) is retried by the job and the mail goes out once', async () => {
    writeJobs(setup.home, [mailJob('Create dropped')]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '^/v1\\.0/me/messages$', reset: true });
    const { run } = await runJob(setup.home, 'report');
    expect(run).toMatchObject({ status: 'succeeded', attempt: 2 });
    const rows = await history('report');
    expect(rows.map((row) => row.status)).toEqual(['failed', 'succeeded']);
    expect(rows[0]?.error?.message).toMatch(/^The mail "Create dropped" was not sent\./);
    expect(await sentMail('Create dropped')).toHaveLength(1);
  });

  it('a send Graph refused is retried by the job with the same draft, so one mail goes out and no draft is left', async () => {
    writeJobs(setup.home, [mailJob('Refused send')]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '/send$', status: 400 });
    const { run } = await runJob(setup.home, 'report');
    expect(run).toMatchObject({ status: 'succeeded', attempt: 2 });
    const rows = await history('report');
    expect(rows[0]?.error?.message).toMatch(/^The mail "Refused send" was not sent\. Its draft stays in Drafts; a retry of this run sends that one/);
    expect(await sentMail('Refused send')).toHaveLength(1);
    expect(await drafts('Refused send')).toHaveLength(0);
  });

  it('a draft created although its answer was lost is found and sent, not created a second time', async () => {
    writeJobs(setup.home, [mailJob('Create lost')]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '^/v1\\.0/me/messages$', resetAfter: true });
    const { run } = await runJob(setup.home, 'report');
    expect(run.status).toBe('succeeded');
    expect(await sentMail('Create lost')).toHaveLength(1);
    expect(await drafts('Create lost')).toHaveLength(0);
  });

  it('a refused connection is retried and the mail goes out once', async () => {
    // A profile whose Graph URL is a port where nothing listens yet: every connection is refused until the
    // first try has failed; then a plain TCP forwarder to the emulator opens on that port for the retry.
    const port = await closedPort();
    const emulatorPort = Number(new URL(setup.emulator.graphBaseUrl).port);
    expect((await runCli(['profiles', 'add', 'far', '--cloud', 'custom', '--authority-host', setup.emulator.authorityHost, '--graph-url', `https://127.0.0.1:${port}/graph`, '--ca-file', setup.emulator.caFile], { home: setup.home })).code).toBe(0);
    expect((await setup.emulator.signIn(setup.home, 'far')).code).toBe(0);
    writeJobs(setup.home, [{ ...mailJob('Refused first'), profile: 'far', retries: { attempts: 2, backoffSeconds: 10 } }]);
    const running = runJob(setup.home, 'report');
    let forwarder: Server | undefined;
    try {
      await waitFor(async () => (await history('report')).some((row) => row.status === 'failed'));
      forwarder = await forward(port, emulatorPort);
      const { run } = await running;
      expect(run).toMatchObject({ status: 'succeeded', attempt: 2 });
      const rows = await history('report');
      expect(rows[0]?.error?.message).toMatch(/^The mail "Refused first" was not sent\./);
      expect(await sentMail('Refused first')).toHaveLength(1);
    } finally {
      await running.catch(() => undefined);
      forwarder?.close();
    }
  });

  it('a mail that does not save to Sent Items is not sent again after a lost answer, and the history says it may have been sent', async () => {
    writeJobs(setup.home, [mailJob('No copy kept', { saveToSentItems: false })]);
    await faults({ endpoint: 'graph', method: 'POST', path: '/sendMail', resetAfter: true, count: 3 });
    const { run } = await runJob(setup.home, 'report');
    expect(await sentMail('No copy kept')).toHaveLength(1);
    expect(run).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'outcome-unknown' } });
    expect(run.error?.message).toMatch(/^The mail "No copy kept" may have been sent: check Sent Items/);
    expect(run.error?.message).not.toMatch(/was not sent/);
  });

  it('a Teams message whose answer was lost is posted exactly once and the history says it may have been posted', async () => {
    writeJobs(setup.home, [{ id: 'ping', ...daily, retries: retrying, action: { kind: 'teams.message', chatId: CHAT, body: { text: 'Nightly load done' } } }]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '^/v1\\.0/chats/', resetAfter: true, count: 3 });
    const { run } = await runJob(setup.home, 'ping');
    const posts = (await setup.emulator.control<Array<{ content: string }>>('GET', '/teams/messages')).body;
    expect(posts.filter((post) => post.content === 'Nightly load done')).toHaveLength(1);
    expect(run).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'outcome-unknown', action: expect.stringContaining('Check the chat') } });
    expect(run.error?.message).toMatch(/^The message may have been posted to the chat/);
    expect(await history('ping')).toHaveLength(1);
  });

  it('a Graph POST whose answer was lost is not repeated, by the client or by the job', async () => {
    writeJobs(setup.home, [
      { id: 'post', ...daily, retries: retrying, action: { kind: 'graph.request', method: 'POST', path: `/chats/${CHAT}/messages`, body: { body: { content: 'raw post' } } } },
    ]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '^/v1\\.0/chats/', resetAfter: true, count: 3 });
    const { run } = await runJob(setup.home, 'post');
    const posts = (await setup.emulator.control<Array<{ content: string }>>('GET', '/teams/messages')).body;
    expect(posts.filter((post) => post.content === 'raw post')).toHaveLength(1);
    expect(run).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'outcome-unknown' } });
    expect(run.error?.message).toMatch(/may have been done/);
  });

  it('a Teams message refused with 503 and Retry-After (Graph did not take it) is sent again and posted once', async () => {
    writeJobs(setup.home, [{ id: 'ping', ...daily, action: { kind: 'teams.message', chatId: CHAT, body: { text: 'After throttling' } } }]);
    await faults({ endpoint: 'graph', method: 'POST', pathRegex: '^/v1\\.0/chats/', status: 503, retryAfter: 1 });
    const { run } = await runJob(setup.home, 'ping');
    expect(run.status).toBe('succeeded');
    const posts = (await setup.emulator.control<Array<{ content: string }>>('GET', '/teams/messages')).body;
    expect(posts.filter((post) => post.content === 'After throttling')).toHaveLength(1);
  });
});

describe('a mail too large for one Graph request', () => {
  it('a 5 MB mail body is refused before anything is sent, naming Graph\'s 4 MB request limit, not disk space', async () => {
    writeFileSync(join(setup.home, 'huge.txt'), 'x'.repeat(5 * 1024 * 1024));
    writeJobs(setup.home, [{ id: 'report', ...daily, action: { kind: 'mail.send', to: ['megan.bowen@contoso.onmicrosoft.com'], subject: 'Huge', body: { file: 'huge.txt' } } }]);
    await setup.emulator.control('DELETE', '/requests');
    const { run } = await runJob(setup.home, 'report');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'invalid-input' } });
    expect(run.error?.message).toMatch(/^The mail "Huge" is 5\.0 MB .*Graph takes at most 4 MB in one request, so it was not sent\.$/);
    expect(`${run.error?.message} ${run.error?.action}`).not.toMatch(/disk|space|quota|storage/i);
    const graphCalls = (await setup.emulator.control<Array<{ path: string }>>('GET', '/graph/requests')).body;
    expect(graphCalls).toHaveLength(0);
    expect(await sentMail('Huge')).toHaveLength(0);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { signInRenewedDaysAgo } from '../support/expiring-sign-in.js';
import { until } from '../support/until.js';
import { writeJobs } from '../support/jobs.js';
import { systemClock } from '../../electron/core/clock.js';
import { SignInKeeper } from '../../electron/core/keeper/sign-in-keeper.js';
import { configuredChannels } from '../../electron/core/keeper/configured-channels.js';
import type { NoticeChannel } from '../../electron/core/keeper/notice-channel.js';

const setup = useEmulatorHome({ signedIn: true });
const ADELE = 'adele.vance@contoso.onmicrosoft.com';
const DAY_MS = 86_400_000;

interface SentMail {
  from: string;
  to: string[];
  subject: string;
  body: string;
}

const sentMail = async () => (await setup.emulator.control<SentMail[]>('GET', '/mail/sent')).body;
const metaPath = () => join(setup.home, 'profiles', 'emu', 'meta.json');



/** Starts the daemon, waits for its first probe to be logged (and what follows it to settle), stops it. */
async function daemonCheckOnce(): Promise<string> {
  const daemon = startCli(['daemon'], { home: setup.home });
  await until('the first probe', () => (/probe emu \(start\)/.test(daemon.stdoutText()) ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  daemon.child.kill('SIGTERM');
  const result = await daemon.done;
  expect(result.code).toBe(0);
  return result.stdout;
}

function configure(notifications: unknown): void {
  const path = join(setup.home, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...config, notifications }, null, 2));
}

describe('the daemon keeps the sign-in alive and warns before it expires', () => {
  it('probes every signed-in profile within seconds of starting; status shows the probe', async () => {
    writeJobs(setup.home, []);
    const started = new Date().toISOString();
    const log = await daemonCheckOnce();
    expect(log).toMatch(/probe emu \(start\): ok — health ok, 90 day\(s\) left/);
    const status = JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout) as { lastProbe: { at: string; outcome: string } };
    expect(status.lastProbe.outcome).toBe('ok');
    expect(status.lastProbe.at >= started).toBe(true);
    expect(await sentMail()).toEqual([]);
  });

  it('a sign-in 80 days old that the probe can renew is renewed, and no warning is mailed', async () => {
    writeJobs(setup.home, []);
    const meta = JSON.parse(readFileSync(metaPath(), 'utf8')) as Record<string, unknown>;
    const then = new Date(Date.now() - 80 * DAY_MS).toISOString();
    writeFileSync(metaPath(), JSON.stringify({ ...meta, lastInteractiveAuth: then, lastSilentAuth: then }));
    const log = await daemonCheckOnce();
    expect(log).toMatch(/probe emu \(start\): ok — health ok, 90 day\(s\) left/);
    expect(await sentMail()).toEqual([]);
  });

  it('with 10 days left and the probe failing, mails the owner exactly once, and not again after a restart', async () => {
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    const log = await daemonCheckOnce();
    expect(log).toMatch(/probe emu \(start\): network-error \(Microsoft's sign-in service [^\n]*HTTP 503[^\n]*\) — health ok, 10 day\(s\) left/);
    const mails = await until('the warning mail', async () => ((await sentMail()).length > 0 ? sentMail() : undefined));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: ADELE, to: [ADELE], subject: 'Delegate: emu: sign-in expires in 10 days' });
    expect(mails[0]?.body).toContain('delegate login --profile emu');
    expect(mails[0]?.body).toContain('its last try');
    expect(log).toContain('mail: sent "emu: sign-in expires in 10 days" (expiry:emu:14) for emu');
    // No notification service on this test's session bus: the desktop channel is skipped without a word.
    expect(log).not.toMatch(/desktop/);
    const state = JSON.parse(readFileSync(join(setup.home, 'notifications.json'), 'utf8')) as { profiles: Record<string, { warned: number[] }>; channels: { mail: Record<string, { warned: number[]; last: { outcome: string; by: string } }> } };
    expect(state.channels.mail.emu).toMatchObject({ warned: [14], last: { outcome: 'sent', by: expect.stringMatching(/^daemon \d+$/) } });
    expect(state.profiles.emu?.warned ?? []).toEqual([]);

    const again = await daemonCheckOnce();
    expect(again).toMatch(/probe emu \(start\)/);
    expect(await sentMail()).toHaveLength(1);
  });

  it('a mail whose answer was lost is never sent again; a mail Graph refused is sent at the next check', async () => {
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    await setup.emulator.control('POST', '/faults', { endpoint: 'graph', path: '/sendMail', status: 403, error: 'ErrorAccessDenied', count: 1 });
    const refused = await daemonCheckOnce();
    expect(refused).toMatch(/mail: expiry:emu:14 for emu failed: The mail was not sent: .*\(tried again at the next check\)/);
    expect(await sentMail()).toHaveLength(0);

    await setup.emulator.control('POST', '/faults', { endpoint: 'graph', path: '/sendMail', resetAfter: true, count: 1 });
    const lost = await daemonCheckOnce();
    expect(lost).toMatch(/mail: expiry:emu:14 for emu failed: The mail may have been sent; Delegate will not send it again/);
    expect(await sentMail()).toHaveLength(1);

    await daemonCheckOnce();
    expect(await sentMail()).toHaveLength(1);
    const state = JSON.parse(readFileSync(join(setup.home, 'notifications.json'), 'utf8')) as { channels: { mail: Record<string, { last: { outcome: string } }> } };
    expect(state.channels.mail.emu?.last.outcome).toBe('unknown');
  });

  it('the app and the daemon checking at the same moment send one mail between them', async () => {
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    const noDesktop: NoticeChannel = { name: 'desktop', needsGraph: false, available: () => Promise.resolve(false), send: () => Promise.resolve('sent') };
    const lines: string[] = [];
    const app = new SignInKeeper({ home: setup.home, clock: systemClock, who: 'app 1', log: (line) => lines.push(line), channels: () => configuredChannels(setup.home, systemClock, noDesktop) });
    const daemon = startCli(['daemon'], { home: setup.home });
    await until('the daemon to start', () => (/daemon started/.test(daemon.stdoutText()) ? true : undefined));
    // The daemon's first check comes 2 s after its start: the app's lands in the same moment.
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    await Promise.all([app.notify(app.healths()), app.notify(app.healths())]);
    await until('the daemon probe', () => (/probe emu \(start\)/.test(daemon.stdoutText()) ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    daemon.child.kill('SIGTERM');
    await daemon.done;
    expect(await sentMail()).toHaveLength(1);
  });

  it('the warning mail goes to the address config.json names', async () => {
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    configure({ mail: { to: 'megan.bowen@contoso.onmicrosoft.com' } });
    await daemonCheckOnce();
    expect((await sentMail()).map((mail) => mail.to)).toEqual([['megan.bowen@contoso.onmicrosoft.com']]);
  });

  it('a bad notifications block is reported with its path, like any config.json mistake', async () => {
    configure({ mail: 'yes', teams: { chatId: 'general' } });
    const result = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('notifications.mail');
    expect(result.stderr).toContain('notifications.teams.chatId: must be a Teams chat ID');
  });
});

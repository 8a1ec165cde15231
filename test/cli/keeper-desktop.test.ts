/**
 * The daemon's desktop warnings through a real notification server on a real session bus.
 *
 * Real parts: the built CLI's daemon, `gdbus`, a D-Bus session bus of this file's own with gnome-keyring
 * (private-keyring.ts) and an org.freedesktop.Notifications server in python3-dbus (notification-server.py) that
 * records what arrives. The threshold is reached as in keeper.test.ts: a probe, meta.json dated back 80 days,
 * and Entra's token endpoint failing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { signInRenewedDaysAgo } from '../support/expiring-sign-in.js';
import { until } from '../support/until.js';
import { writeJobs } from '../support/jobs.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring.js';
import { notificationServerMissing, startNotificationServer, type NotificationServer, type NotificationServerOptions } from '../support/notification-server.js';
import { desktopBusChannel } from '../../electron/core/keeper/desktop-bus-channel.js';
import { ChannelFailure } from '../../electron/core/keeper/notice-channel.js';
import type { ProfileHealth } from '../../shared/models/health.js';

const missing = notificationServerMissing();
const ADELE = 'adele.vance@contoso.onmicrosoft.com';

let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  // Before any keychain use: the sign-in, the daemon and the notification server all live on this bus.
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());

let server: NotificationServer | undefined;
async function serve(options: NotificationServerOptions = {}): Promise<NotificationServer> {
  await server?.stop();
  server = await startNotificationServer(options);
  return server;
}
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const setup = useEmulatorHome({ signedIn: true });
const sentMail = async () => (await setup.emulator.control<unknown[]>('GET', '/mail/sent')).body;



/** Starts the daemon, waits until its log says `settled` (then a moment more for anything after it), stops it. */
async function daemonUntil(settled: RegExp): Promise<string> {
  const daemon = startCli(['daemon'], { home: setup.home });
  await until(`the daemon to log ${settled}`, () => (settled.test(daemon.stdoutText()) ? true : undefined), 30_000);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(daemon.child.exitCode).toBeNull(); // still running: a desktop failure never stops it
  daemon.child.kill('SIGTERM');
  const result = await daemon.done;
  expect(result.code).toBe(0);
  return result.stdout;
}

function health(overrides: Partial<ProfileHealth> = {}): ProfileHealth {
  return {
    profile: 'emu', status: 'warning', reason: 'expires soon', account: { username: ADELE, tenantId: 't', homeAccountId: 'h' },
    daysRemaining: 10, expiresAt: '2026-11-30T08:00:00.000Z', lastInteractiveAuth: '2026-09-01T08:00:00.000Z', lastSilentAuth: null, lastProbe: null,
    cacheBackend: 'keychain', clientId: 'c', scopes: [], lifetimeDays: 90, warningDays: 7, ...overrides,
  };
}

const HOSTILE = `it's "quoted" \\ '); rm -rf ~; echo ('\n<b>bold</b> & <a href="https://evil.example">link</a> $(id) \`id\` %s {}`;

describe.skipIf(missing !== null)(`the daemon warns on the desktop through org.freedesktop.Notifications${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('with 10 days left shows one desktop warning a person understands, and not again after a restart', async () => {
    await serve();
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    const log = await daemonUntil(/desktop: sent/);
    expect(log).toContain('desktop: sent "emu: sign-in expires in 10 days" (expiry:emu:14) for emu');
    const calls = server!.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ app_name: 'Delegate', summary: 'emu: sign-in expires in 10 days', outcome: 'shown' });
    // Who, by when, and what to do — on a machine where clicking a notification opens nothing.
    expect(calls[0]?.body).toMatch(new RegExp(`^Sign in again before .+ to keep ${ADELE.replace(/\./g, '\\.')}'s scheduled jobs running\\.`));
    expect(calls[0]?.body).toContain('delegate login --profile emu');
    expect(calls[0]?.body).not.toMatch(/click/i);
    // The mail goes out beside it: each channel has its own record.
    expect(await until('the warning mail', async () => ((await sentMail()).length > 0 ? sentMail() : undefined))).toHaveLength(1);

    await daemonUntil(/probe emu \(start\)/);
    expect(server!.calls()).toHaveLength(1);
    expect(await sentMail()).toHaveLength(1);
  });

  it('a title and body with quotes, newlines and shell or GVariant syntax reach the server as the same text', async () => {
    const plain = await serve();
    const channel = desktopBusChannel();
    expect(await channel.available()).toBe(true);
    const notice = { id: 'x', kind: 'info' as const, title: HOSTILE, body: HOSTILE, target: { view: 'reauth' as const } };
    await expect(channel.send(notice, health())).resolves.toBe('sent');
    expect(plain.calls()).toEqual([expect.objectContaining({ app_name: 'Delegate', summary: HOSTILE, body: HOSTILE })]);
  });

  it('a server that reads bodies as markup gets the body escaped, so it shows the same characters and no link', async () => {
    const markup = await serve({ markup: true });
    const notice = { id: 'x', kind: 'info' as const, title: HOSTILE, body: HOSTILE, target: { view: 'reauth' as const } };
    await expect(desktopBusChannel().send(notice, health())).resolves.toBe('sent');
    const [call] = markup.calls();
    // The summary is plain text by the specification; only the body is markup.
    expect(call?.summary).toBe(HOSTILE);
    expect(call?.body).not.toMatch(/<[a-z/]/i);
    const unescaped = call?.body.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    expect(unescaped).toBe(HOSTILE);
  });

  it('a server that refuses the warning: the daemon says what the server answered, keeps running, and shows it at the next check', async () => {
    await serve({ fail: 1 });
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    const refused = await daemonUntil(/desktop: expiry:emu:14 for emu failed/);
    expect(refused).toMatch(/desktop: expiry:emu:14 for emu failed: The desktop notification service refused the notice \(org\.freedesktop\.Notifications\.Error\.Refused: Notification refused: the server is shutting down\)\. \(tried again at the next check\)/);
    // The log line names the failure, not the command line (nor the notice's text twice over).
    expect(refused).not.toMatch(/gdbus call/);
    expect(server!.calls().map((call) => call.outcome)).toEqual(['refused']);
    // Mail is a channel of its own: the desktop's refusal does not hold it back.
    expect(await until('the warning mail', async () => ((await sentMail()).length > 0 ? sentMail() : undefined))).toHaveLength(1);

    const next = await daemonUntil(/desktop: sent/);
    expect(next).toContain('desktop: sent "emu: sign-in expires in 10 days" (expiry:emu:14) for emu');
    expect(server!.calls().map((call) => call.outcome)).toEqual(['refused', 'shown']);
    await daemonUntil(/probe emu \(start\)/);
    expect(server!.calls()).toHaveLength(2);
    expect(await sentMail()).toHaveLength(1);
  });

  it('a server that never answers: the daemon gives up after a few seconds, keeps running and mailing, and tries the desktop again at the next check', async () => {
    await serve({ hang: 1 });
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    const hung = await daemonUntil(/desktop: expiry:emu:14 for emu failed/);
    expect(hung).toMatch(/desktop: expiry:emu:14 for emu failed: The desktop notification service did not answer within 5 s; the notice may not have been shown\. \(tried again at the next check\)/);
    expect(await until('the warning mail', async () => ((await sentMail()).length > 0 ? sentMail() : undefined))).toHaveLength(1);

    await daemonUntil(/desktop: sent/);
    expect(server!.calls().map((call) => call.outcome)).toEqual(['hung', 'shown']);
  });

  it('with no notification service on the bus the channel reports itself unavailable, and a send fails as not sent', async () => {
    const channel = desktopBusChannel();
    expect(await channel.available()).toBe(false);
    const failure = await channel.send({ id: 'x', kind: 'info', title: 't', body: 'b', target: { view: 'reauth' } }, health()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelFailure);
    expect(failure).toMatchObject({ outcome: 'not-sent', message: expect.stringContaining('org.freedesktop.DBus.Error.ServiceUnknown') });
  });
});

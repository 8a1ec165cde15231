/**
 * Hostile machine, for the daemon's new parts (issue 9): the sign-in keeper's record and log files that are not
 * what they should be (a named pipe, a folder), and a keychain locked at the moment of the sign-in check. Real
 * processes, the emulator, a real gnome-keyring on its own D-Bus session (private-keyring.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { signInRenewedDaysAgo } from '../support/expiring-sign-in.js';
import { writeJobs } from '../support/jobs.js';
import { keyringState, lockKeyring, unlockKeyring } from '../support/secret-service.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring.js';
import { until } from '../support/until.js';

// Its own Secret Service: locking it must not lock the keyring under the test files running alongside.
let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());
const setup = useEmulatorHome({ signedIn: true });
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  if (keyringState() === 'locked') unlockKeyring();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const metaPath = () => join(setup.home, 'profiles', 'emu', 'meta.json');
const sentMail = async () => (await setup.emulator.control<Array<{ subject: string }>>('GET', '/mail/sent')).body;


/** Starts the daemon; killed (not asked) at the end of the test, since a frozen one would not hear SIGTERM. */
function startDaemon() {
  const daemon = startCli(['daemon', '--grace', '1'], { home: setup.home });
  cleanups.push(async () => {
    if (daemon.child.exitCode === null && daemon.child.signalCode === null) {
      daemon.child.kill('SIGKILL');
      await daemon.done;
    }
  });
  return daemon;
}

const keptAside = (name: string) => readdirSync(setup.home).filter((entry) => entry.startsWith(`${name}.damaged-`));

describe('log files that are not files', () => {
  it('a named pipe in place of daemon.log does not freeze the daemon: it starts, says once that the log cannot be written, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    writeJobs(setup.home, []);
    mkdirSync(join(setup.home, 'logs'), { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [join(setup.home, 'logs', 'daemon.log')]);
    const daemon = startDaemon();
    await until(`the daemon to start (stdout: ${daemon.stdoutText()})`, () => (/daemon started/.test(daemon.stdoutText()) ? true : undefined), 20_000);
    daemon.child.kill('SIGTERM');
    const result = await daemon.done;
    expect(result.code).toBe(0);
    expect(result.stderr.match(/cannot write the log file/g)).toHaveLength(1);
    expect(result.stderr).toContain(join(setup.home, 'logs', 'daemon.log'));
    expect(statSync(join(setup.home, 'logs', 'daemon.log')).isFIFO()).toBe(true);
  });

  it('a named pipe in place of app.log does not hang `delegate logs`: the other files are still shown', { timeout: 60_000 }, async () => {
    mkdirSync(join(setup.home, 'logs'), { recursive: true, mode: 0o700 });
    writeFileSync(join(setup.home, 'logs', 'daemon.log'), `${JSON.stringify({ time: new Date().toISOString(), level: 'info', source: 'daemon', pid: 1, message: 'daemon started' })}\n`);
    execFileSync('mkfifo', [join(setup.home, 'logs', 'app.log')]);
    const result = await runCli(['logs'], { home: setup.home, timeoutMs: 20_000 });
    expect(result.code).toBe(0); // before: opening the pipe waited for a writer forever (killed: null)
    expect(result.stdout).toContain('daemon started');
  });
});

describe("the sign-in keeper's record that is not a file", () => {
  it('a named pipe in place of notifications.json does not freeze the daemon: it is kept aside and the warning mail goes out once', { timeout: 90_000 }, async () => {
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    execFileSync('mkfifo', [join(setup.home, 'notifications.json')]);
    const daemon = startDaemon();
    await until('the warning mail', async () => ((await sentMail()).length > 0 ? true : undefined), 30_000);
    await until('the record of it', () => (/mail: sent/.test(daemon.stdoutText()) ? true : undefined), 10_000);
    daemon.child.kill('SIGTERM');
    expect((await daemon.done).code).toBe(0);
    expect(await sentMail()).toHaveLength(1);
    const kept = keptAside('notifications.json');
    expect(kept).toHaveLength(1);
    expect(statSync(join(setup.home, kept[0] as string)).isFIFO()).toBe(true);
    expect(daemon.stdoutText()).toContain('damaged file kept aside');
    expect(JSON.parse(readFileSync(join(setup.home, 'notifications.json'), 'utf8'))).toMatchObject({ channels: { mail: { emu: { warned: [14], last: { outcome: 'sent' } } } } });
  });

  it('a folder in place of notifications.json does not stop the warnings for good: it is kept aside with what it holds, and the mail goes out', { timeout: 90_000 }, async () => {
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    mkdirSync(join(setup.home, 'notifications.json'));
    writeFileSync(join(setup.home, 'notifications.json', 'mine.txt'), 'the person put this here');
    const daemon = startDaemon();
    await until('the warning mail', async () => ((await sentMail()).length > 0 ? true : undefined), 30_000);
    await until('the record of it', () => (/mail: sent/.test(daemon.stdoutText()) ? true : undefined), 10_000);
    daemon.child.kill('SIGTERM');
    await daemon.done;
    const kept = keptAside('notifications.json');
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(setup.home, kept[0] as string, 'mine.txt'), 'utf8')).toBe('the person put this here');
    expect(statSync(join(setup.home, 'notifications.json')).isFile()).toBe(true);
  });
});

describe('a keychain locked when the sign-in keeper checks', () => {
  it('is not an expired sign-in: no "sign in again" notice, no mail, the sign-in record untouched, and the log says the keychain is locked', { timeout: 90_000 }, async () => {
    writeJobs(setup.home, []);
    await signInRenewedDaysAgo(setup, 80);
    const metaBefore = readFileSync(metaPath(), 'utf8');
    lockKeyring();
    const daemon = startDaemon();
    await until(`the first probe (stdout: ${daemon.stdoutText()})`, () => (/probe emu \(start\)/.test(daemon.stdoutText()) ? true : undefined), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    daemon.child.kill('SIGTERM');
    const result = await daemon.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/probe emu \(start\):[^\n]*health keychain-locked/);
    expect(result.stdout).not.toMatch(/expired|sign in again/i);
    expect(await sentMail()).toEqual([]);
    expect(readFileSync(metaPath(), 'utf8')).toBe(metaBefore);
    // Nothing was recorded as said: once the keychain is unlocked, the warning is still due.
    unlockKeyring();
    const after = startDaemon();
    await until('the warning mail after unlocking', async () => ((await sentMail()).length > 0 ? true : undefined), 30_000);
    after.child.kill('SIGTERM');
    await after.done;
    expect(await sentMail()).toHaveLength(1);
  });
});

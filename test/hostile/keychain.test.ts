/**
 * Hostile machine: the keychain is not the sign-in. A Secret Service collection locked after sign-in (screen
 * lock, keyring daemon restart) is its own state — `keychain-locked`, with the fix — never "expired"; scheduled
 * runs wait for it with one `skipped` row and resume by themselves once it is unlocked, with no probe and no
 * person. Runs inside scripts/test.sh's private D-Bus session with a real gnome-keyring.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../e2e/bridge/bridge-server.js';
import { connectBridgeClient, type BridgeClient } from '../e2e/bridge/bridge-client.js';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { writeJobs } from '../support/jobs.js';
import { keyringState, lockKeyring, unlockKeyring } from '../support/secret-service.js';
import { until } from '../support/until.js';
import { secretServicePid, startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring.js';
import { launchChromium, openAppWindow } from '../e2e/support/browser.js';
import { trayModel } from '../../electron/core/app/tray-model.js';
import type { JobRun } from '../../shared/models/job-run.js';

// Its own Secret Service: locking the session's keyring would lock it under the test files running alongside.
let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());
const setup = useEmulatorHome({ signedIn: true });
const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
let bridge: Bridge | undefined;
let client: BridgeClient | undefined;

afterEach(async () => {
  if (keyringState() === 'locked') unlockKeyring();
  client?.close();
  await bridge?.close();
  bridge = undefined;
  client = undefined;
});

const metaPath = () => join(setup.home, 'profiles', 'emu', 'meta.json');
const meta = () => JSON.parse(readFileSync(metaPath(), 'utf8')) as { lastAuthError: unknown; lastProbe: unknown };

async function history(): Promise<JobRun[]> {
  const result = await runCli(['history', '--json', '--limit', '1000'], { home: setup.home });
  return JSON.parse(result.stdout) as JobRun[];
}

describe('a keychain locked after sign-in', () => {
  it('delegate login with the keychain locked says it is locked (exit 5) and to unlock it, not that there is no keychain, and the sign-in stays', async () => {
    const before = readFileSync(metaPath(), 'utf8');
    lockKeyring();
    const login = await runCli(['login', '--profile', 'emu'], { home: setup.home });
    expect(login.code, login.stderr).toBe(5);
    expect(login.stderr).toMatch(/locked/i);
    expect(login.stderr).not.toContain('--plaintext-cache');
    unlockKeyring();
    expect(readFileSync(metaPath(), 'utf8')).toBe(before);
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
  });

  it('a keychain locked mid-schedule shows as locked, not expired, runs wait with one skipped row, and resume by themselves after unlocking', async () => {
    // A Graph job due every two seconds: the schedule keeps ticking through the whole outage.
    writeJobs(setup.home, [{ id: 'whoami', schedule: '*/2 * * * * *', catchUp: 'none', profile: 'emu', action: { kind: 'graph.request', method: 'GET', path: '/me' } }]);
    const logs: string[] = [];
    bridge = await startBridge({ home: setup.home, log: (line) => logs.push(line) });
    client = connectBridgeClient(bridge.url);
    const api = client;
    const windowHealth = async () => {
      const state = await api.request('app:get-state', { profile: 'emu' });
      if (!state.ok) throw new Error(state.error.message);
      return state.value.health;
    };

    const deviceCodesBefore = (await setup.emulator.control<unknown[]>('GET', '/device-codes')).body;
    await until('a first successful run', async () => ((await history()).some((run) => run.status === 'succeeded') ? true : undefined), 30_000);
    expect((await windowHealth()).status).toBe('ok');

    lockKeyring();
    const skipped = await until('the run that meets the locked keychain', async () => (await history()).find((run) => run.error?.code === 'keychain-locked'), 30_000);
    expect(skipped.status).toBe('skipped');
    expect(skipped.error).toMatchObject({ code: 'keychain-locked', message: expect.stringContaining('locked') });
    expect(skipped.error?.action).toContain('Unlock your keyring');

    // The CLI: its own state and exit code (5), with the fix in words; never EXPIRED, never "sign in again".
    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'keychain-locked', reason: expect.stringContaining('Unlock your keyring') });
    expect(status.code).toBe(5);
    const text = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(text.stdout).toContain('KEYCHAIN-LOCKED');
    expect(text.stdout).not.toContain('EXPIRED');

    // The window: the app service's answer that the overview renders.
    const health = await until('the window to show the locked keychain', async () => {
      const current = await windowHealth();
      return current.status === 'keychain-locked' ? current : undefined;
    });
    expect(health.reason).toContain('Unlock your keyring');

    // Several more due times pass while locked: still exactly one skipped row, and no sign-in refusal recorded.
    const dueTimesBefore = logs.length;
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    const during = await history();
    expect(during.filter((run) => run.error?.code === 'keychain-locked')).toHaveLength(1);
    expect(during.filter((run) => run.error?.code === 'sign-in-required')).toEqual([]);
    expect(meta().lastAuthError).toBeNull();
    expect(logs.slice(dueTimesBefore).join('\n')).not.toContain('keychain: locked'); // said once, not per tick
    expect(logs.filter((line) => line.startsWith('keychain: locked'))).toHaveLength(1);

    // Unlocked: the next due run succeeds by itself — no probe, no sign-in.
    const succeededBefore = during.filter((run) => run.status === 'succeeded').length;
    unlockKeyring();
    await until('a run after unlocking', async () => ((await history()).filter((run) => run.status === 'succeeded').length > succeededBefore ? true : undefined), 30_000);
    await until('the window to show the sign-in as good again', async () => ((await windowHealth()).status === 'ok' ? true : undefined));
    const after = await history();
    expect(after.filter((run) => run.error?.code === 'keychain-locked')).toHaveLength(1);
    expect(after.find((run) => run.id === skipped.id)).toMatchObject({ status: 'skipped' }); // nothing lost
    expect(meta().lastProbe).toBeNull();
    expect(meta().lastAuthError).toBeNull();
    expect((await setup.emulator.control<unknown[]>('GET', '/device-codes')).body).toEqual(deviceCodesBefore); // no person signed in
    expect(logs).toContain('keychain: usable again; job whoami runs again');
    const again = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'ok' });
  });

  it('the window says the keychain is locked and offers no "Sign in again" as the fix; the tray turns amber and says to unlock', async () => {
    lockKeyring();
    bridge = await startBridge({ home: setup.home });
    const service = bridge.service;
    await service.refreshKeychain();
    expect(service.state('emu').health.status).toBe('keychain-locked');

    const browser = await launchChromium();
    try {
      const appWindow = await openAppWindow(browser, bridge);
      const { page } = appWindow;
      await page.getByRole('heading', { name: 'Keychain locked', level: 2 }).waitFor();
      await page.getByText('Unlock your keyring').first().waitFor();
      expect(await page.getByRole('button', { name: /Sign in again/ }).count()).toBe(0);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'hostile-keychain-locked.png') });
      expect(appWindow.problems).toEqual([]);
      await appWindow.close();
    } finally {
      await browser.close();
    }

    const tray = trayModel({ profiles: service.allHealth(), jobs: [], paused: false, now: new Date() });
    expect(tray.state).toBe('warning');
    expect(tray.statusLine).toContain('Keychain locked');
    expect(tray.tooltip).toContain('emu: keychain locked, unlock it');
    expect(tray.menu.find((item) => item.label === 'Sign in again…')?.action).toEqual({ type: 'sign-in', profile: null });
  });

  it('after the keyring daemon restarts, status says the keychain is locked (not expired) and unlocking it brings the sign-in back without signing in', async () => {
    const pid = secretServicePid();
    expect(pid).not.toBe(process.pid);
    process.kill(pid, 'SIGTERM'); // the keyring daemon this file started (private-keyring.ts)
    await until('the keyring daemon to stop', () => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    });
    // The next question starts a new daemon on demand, with the login keyring locked, as after a crash or update.
    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(status.code).toBe(5);
    expect(JSON.parse(status.stdout).status).toBe('keychain-locked');
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(5);
    expect(meta().lastAuthError).toBeNull();
    unlockKeyring();
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(0);
    expect(JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout).status).toBe('ok');
  });

  it('with no Secret Service at all (a terminal without the desktop session), status and token say the keychain is not running, never expired', async () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/delegate-test-bus', DISPLAY: '' };
    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home, env: noBus });
    expect(status.code).toBe(5);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'keychain-locked', reason: expect.stringContaining('not answering') });
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home, env: noBus });
    expect(token.code).toBe(5);
    expect(token.stderr).toContain('is locked or not running');
    expect(meta().lastAuthError).toBeNull();
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
  });

  it('`delegate token` while the keychain is locked says to unlock it, exits 5, and records no sign-in refusal', async () => {
    lockKeyring();
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(5);
    expect(token.stdout).toBe('');
    expect(token.stderr).toContain('is locked or not running');
    expect(token.stderr).toContain('Unlock your keyring');
    expect(token.stderr).not.toContain('delegate login');
    expect(meta().lastAuthError).toBeNull();
    unlockKeyring();
    const after = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(after.code).toBe(0);
    expect(after.stdout.length).toBeGreaterThan(20);
  });

  it('`delegate run` of a job while the keychain is locked is skipped with the fix, not failed and not "sign in again"', async () => {
    writeJobs(setup.home, [{ id: 'whoami', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', method: 'GET', path: '/me' } }]);
    lockKeyring();
    const run = await runCli(['run', 'whoami', '--json'], { home: setup.home });
    expect(run.code).toBe(5);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'skipped', error: { code: 'keychain-locked' } });
    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(JSON.parse(status.stdout).status).toBe('keychain-locked');
  });

  it('a stale "sign in again" left by a locked keychain is cleared by the next token served from the cache, and only then written', async () => {
    // What older versions recorded when the locked keychain made the cache look empty.
    const before = meta();
    writeFileSync(
      metaPath(),
      JSON.stringify({ ...before, lastAuthError: { at: new Date().toISOString(), code: 'sign-in-required', message: 'The sign-in of adele is no longer in the token cache (was the keychain entry removed?).', action: 'Sign in again.' } }, null, 2),
    );
    expect(JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home })).stdout).status).toBe('expired');
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(0);
    expect(meta().lastAuthError).toBeNull();
    const status = await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home });
    expect(JSON.parse(status.stdout).status).toBe('ok');
    // Nothing left to clear: further cached tokens do not rewrite meta.json.
    const written = statSync(metaPath()).mtimeMs;
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
    expect(statSync(metaPath()).mtimeMs).toBe(written);
  });

  it('a stale "sign in again" left by an older Delegate during a keychain lock does not keep skipping runs: the next run checks, clears it and runs', async () => {
    writeJobs(setup.home, [{ id: 'whoami', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', method: 'GET', path: '/me' } }]);
    const before = meta();
    writeFileSync(
      metaPath(),
      JSON.stringify({ ...before, lastAuthError: { at: new Date().toISOString(), code: 'sign-in-required', message: 'The sign-in of adele is no longer in the token cache (was the keychain entry removed?).', action: 'Sign in again.' } }, null, 2),
    );
    const run = await runCli(['run', 'whoami', '--json'], { home: setup.home });
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded' });
    expect(meta().lastAuthError).toBeNull();
  });

  it('a refusal Entra ID gave after the cached token was issued is kept: an old access token does not prove the sign-in alive', async () => {
    const before = meta();
    const refusal = { at: new Date(Date.now() + 60_000).toISOString(), code: 'sign-in-required', message: 'Your sign-in was revoked (AADSTS50173).', action: 'Sign in again.', aadsts: 50173 };
    writeFileSync(metaPath(), JSON.stringify({ ...before, lastAuthError: refusal }, null, 2));
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
    expect(meta().lastAuthError).toEqual(refusal);
  });
});

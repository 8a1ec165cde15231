/**
 * Settings in the window, end to end: a profile's scopes are checked by the real core as the person types, and
 * "Check my setup" runs the real doctor checks.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useSession } from './support/app-session.js';
import { useAppUnderTest } from './support/app-under-test.js';

const session = useSession();
const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(SCREENSHOT_DIR, { recursive: true });
const openApp = useAppUnderTest(session);

describe('editing a profile in Settings', () => {
  it('a scope Graph does not have (Calendar.ReadWrite) shows an inline error suggesting Calendars.ReadWrite, and the fix is one click', async () => {
    const { app, appWindow } = await openApp();
    const { page } = appWindow;
    const configBefore = readFileSync(join(app.home, 'config.json'), 'utf8');

    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'emu' }).getByRole('button', { name: 'Edit…' }).click();
    const editor = page.getByRole('form', { name: 'Edit profile “emu”' });
    await editor.waitFor();

    const scopes = editor.getByRole('textbox', { name: 'Scopes' });
    await scopes.fill('User.Read\nCalendar.ReadWrite');
    await expect.poll(() => scopes.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => editor.getByRole('status').filter({ hasText: '1 scope needs fixing.' }).count()).toBe(1);
    const problems = editor.getByRole('list', { name: 'Problems with the scopes' });
    await expect.poll(() => problems.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => problems.getByRole('listitem').textContent()).toContain('Calendar.ReadWrite');
    await expect.poll(() => problems.getByRole('listitem').textContent()).toContain('Calendars.ReadWrite');

    // Save waits for a fix: nothing is written.
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor();
    expect(readFileSync(join(app.home, 'config.json'), 'utf8')).toBe(configBefore);

    await problems.getByRole('button', { name: 'Use Calendars.ReadWrite' }).click();
    await expect.poll(() => scopes.inputValue()).toBe('User.Read\nCalendars.ReadWrite');
    await expect.poll(() => scopes.getAttribute('aria-invalid')).toBe('false');
    await expect.poll(() => editor.getByRole('status').filter({ hasText: 'All 2 scopes are known Graph permissions' }).count()).toBe(1);
  });
});

describe('Check my setup in Settings', () => {
  it('runs the real checks for the profile and lists them with pass marks: the emulator trusted through the profile CA file, the keychain written and read', async () => {
    const { appWindow } = await openApp({ signedIn: true });
    const { page } = appWindow;
    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const panel = page.getByRole('region', { name: 'Check my setup' });
    await panel.getByRole('button', { name: 'Check my setup' }).click();
    await panel.getByRole('button', { name: 'Check again' }).waitFor({ timeout: 45_000 });

    // No problem lines: a healthy emulator profile (a warning, such as a device-code sign-in, may be listed).
    expect(await panel.getByRole('listitem', { name: /^Problem:/ }).count()).toBe(0);
    const summary = panel.locator('.setup-passed > summary');
    if ((await panel.locator('.setup-passed').getAttribute('open')) === null) await summary.click();
    const passed = panel.getByRole('list', { name: 'Passed checks' });
    const host = new URL(session.emulator.authorityHost).host;
    const tls = passed.getByRole('listitem', { name: `Passed: TLS to ${host}` });
    await expect.poll(() => tls.textContent()).toContain("trusted through the profile's CA file");
    await expect.poll(() => passed.getByRole('listitem', { name: 'Passed: Keychain: write, read and delete a test entry' }).textContent()).toContain('unique test entry');
    await expect.poll(() => passed.getByRole('listitem', { name: 'Passed: Scopes the current token carries' }).count()).toBe(1);
    // The window never holds a token, not even from the scopes check that acquired one.
    const text = (await panel.textContent()) ?? '';
    for (const token of await session.emulator.issuedTokens()) expect(text).not.toContain(token);
    await panel.getByRole('button', { name: 'Check again' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'e2e-settings-setup-check.png') });
  });
});

describe('Log files in Settings', () => {
  it('shows where the logs are, and Open log folder asks the OS to open exactly that folder, created private', async () => {
    const { app, appWindow } = await openApp();
    const { page } = appWindow;
    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Settings' }).click();
    const panel = page.getByRole('region', { name: 'Log files' });
    await expect.poll(() => panel.textContent()).toContain(join(app.home, 'logs'));
    await panel.getByRole('button', { name: 'Open log folder' }).click();
    await expect.poll(() => app.bridge.platform.openedFolders).toEqual([join(app.home, 'logs')]);
    if (process.platform !== 'win32') expect(statSync(join(app.home, 'logs')).mode & 0o777).toBe(0o700);
  });
});

describe('the evidence pack in Settings', () => {
  it('Write evidence pack… saves the pack where the save dialog said, shows where, and the window never sees its content', async () => {
    const evidenceDir = mkdtempSync(join(tmpdir(), 'delegate-evidence-e2e-'));
    try {
      const { appWindow } = await openApp({ signedIn: true, evidenceDir, jobs: [{ id: 'whoami', schedule: '0 9 * * 1', profile: 'emu', action: { kind: 'graph.request', path: '/me' } }] });
      const { page } = appWindow;
      await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Settings' }).click();
      const panel = page.getByRole('region', { name: 'Evidence for your security team' });
      await panel.getByRole('button', { name: 'Write evidence pack…' }).click();
      const status = panel.getByRole('status').filter({ hasText: 'Saved 1 profile and 1 job to' });
      await status.waitFor({ timeout: 30_000 });
      const path = (await status.locator('code').textContent()) ?? '';
      expect(path).toMatch(new RegExp(`^${evidenceDir}/delegate-evidence-emu-\\d{4}-\\d{2}-\\d{2}\\.html$`));
      const pack = readFileSync(path, 'utf8');
      expect(pack).toContain('<span class="name">whoami</span>');
      expect(pack).toContain('d3590ed6-52b3-4102-aeff-aad2292ab01c');
      expect(statSync(path).mode & 0o777).toBe(0o600);
      for (const token of await session.emulator.issuedTokens()) expect(pack).not.toContain(token);
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'e2e-settings-evidence-pack.png') });
    } finally {
      rmSync(evidenceDir, { recursive: true, force: true });
    }
  });

  it('a cancelled save dialog writes nothing and says so', async () => {
    const { appWindow } = await openApp();
    const { page } = appWindow;
    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Settings' }).click();
    const panel = page.getByRole('region', { name: 'Evidence for your security team' });
    await panel.getByRole('button', { name: 'Write evidence pack…' }).click();
    await panel.getByRole('status').filter({ hasText: 'Not saved: the save dialog was cancelled.' }).waitFor();
  });
});

/**
 * Settings in the window, end to end: a profile's scopes are checked by the real core as the person types, and
 * "Check my setup" runs the real doctor checks.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
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

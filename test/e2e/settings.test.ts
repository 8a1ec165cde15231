/**
 * Settings in the window, end to end: a profile's scopes are checked by the real core as the person types.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSession } from './support/app-session.js';
import { useAppUnderTest } from './support/app-under-test.js';

const session = useSession();
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

/**
 * Scopes Microsoft refuses to the app, in the window: the Jobs view flags a job whose profile lacks a permission
 * it needs, and the sign-in dialog offers (and, after AADSTS65002, ticks) signing in without the refused ones.
 * Screenshots go to test-results/screenshots/e2e-scopes-*.png for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADELE, PROFILE, REPORT_JOB, useSession, WHOAMI_JOB } from './support/app-session.js';
import { useAppUnderTest } from './support/app-under-test.js';
import { readMetadata } from '../../electron/core/auth/profile-metadata.js';
import { profilePaths } from '../../electron/core/config/profile-paths.js';

const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
const session = useSession();
const openApp = useAppUnderTest(session);

describe('scopes Microsoft refuses, in the window', () => {
  it('flags the mail job once Microsoft withdraws Mail.Send, and signs in again without it from the dialog', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const { app, appWindow } = await openApp({ signedIn: true, jobs: [REPORT_JOB, WHOAMI_JOB] });
    const { page } = appWindow;

    // Microsoft changes the client's pre-authorisation without notice; the daily probe finds out.
    const list = await session.emulator.control<{ scopes: string[] }>('GET', `/clients/${OFFICE}/preauthorized`);
    await session.emulator.control('PUT', `/clients/${OFFICE}/preauthorized`, { scopes: list.body.scopes.filter((scope) => scope !== 'Mail.Send') });
    await app.bridge.service.probe(PROFILE).catch(() => undefined);

    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    const report = page.getByRole('listitem', { name: REPORT_JOB.name });
    await report.getByText('Missing permission: Mail.Send — runs are skipped').waitFor();
    await expect.poll(() => page.getByRole('listitem', { name: WHOAMI_JOB.name }).getByText(/Missing permission/).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}e2e-scopes-jobs-light.png` });

    // Mail.Send is remembered as refused, so a sign-in no longer asks for it; then Microsoft withdraws Calendars.ReadWrite
    // too, and a browser sign-in asking for it is refused: the dialog names it and ticks the way out.
    await session.emulator.control('PUT', `/clients/${OFFICE}/preauthorized`, { scopes: list.body.scopes.filter((scope) => scope !== 'Mail.Send' && scope !== 'Calendars.ReadWrite') });
    await session.emulator.control('POST', '/authorize/auto-approve', { user: ADELE });
    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Sign in again…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to Microsoft 365' });
    await dialog.getByLabel(/^Code: /).waitFor();
    await dialog.getByRole('button', { name: 'Sign in with a browser instead' }).click();
    await expect.poll(() => app.bridge.platform.opened.length).toBeGreaterThan(0);
    const tab = await session.browser.newContext({ ignoreHTTPSErrors: true });
    try {
      await (await tab.newPage()).goto(app.bridge.platform.opened.at(-1) as string).catch(() => undefined);
    } finally {
      await tab.close();
    }
    await dialog.getByText('The sign-in did not work').waitFor({ timeout: 20_000 });
    await dialog.getByText(/Microsoft does not let client ID .* ask for "Calendars.ReadWrite"/).waitFor();
    const checkbox = dialog.getByRole('checkbox', { name: /Sign in without the permissions Microsoft does not allow for this app/ });
    await expect.poll(() => checkbox.isChecked()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}e2e-scopes-reauth-refused-light.png` });

    // With the box ticked, the code sign-in looks again, leaves both out and succeeds.
    await dialog.getByRole('button', { name: 'Try again' }).click();
    const codeText = dialog.getByLabel(/^Code: /);
    await codeText.waitFor();
    const approved = await session.emulator.control('POST', `/device-codes/${(await codeText.textContent())?.trim() ?? ''}/approve`, { user: ADELE });
    expect(approved.status).toBe(200);
    await dialog.getByRole('status').filter({ hasText: 'Signed in' }).waitFor({ timeout: 20_000 });
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    // The overview shows what the token carries, and apart, what Microsoft refused.
    await page.getByRole('list', { name: 'Refused by Microsoft for this app' }).getByText('Calendars.ReadWrite').waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Granted scopes' }).getByText('Mail.Send', { exact: true }).count()).toBe(0);
    await page.getByRole('list', { name: 'Refused by Microsoft for this app' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}e2e-scopes-overview-light.png` });
    const metadata = readMetadata(profilePaths(app.home, PROFILE)).metadata;
    expect(metadata.refusedScopes?.scopes).toEqual(['Mail.Send', 'Calendars.ReadWrite']);
    expect(metadata.tokenScopes?.scopes).not.toContain('Mail.Send');
    expect(metadata.tokenScopes?.scopes).toContain('Mail.ReadWrite');
    await session.emulator.control('POST', '/authorize/auto-approve', { off: true });
  });
});

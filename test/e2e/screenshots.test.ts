/**
 * Screenshots of the real window over the real core, light and dark, for people to look at:
 * test-results/screenshots/e2e-<view>-<scheme>.png (a test artifact, kept out of git).
 *
 * The home is signed in, with three jobs run once each (two succeed, one fails), so every view has something to
 * show. The assertions only make sure each view is really there before its picture is taken.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openAppWindow } from './support/browser.js';
import { PROFILE, REPORT_JOB, startAppHome, useSession, WHOAMI_JOB, type AppHome } from './support/app-session.js';

const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const MISSING_FILE_JOB = {
  id: 'pull-budget',
  name: 'Pull the budget',
  schedule: '30 6 * * *',
  profile: PROFILE,
  action: { kind: 'files.download', source: { drive: 'me', path: 'Budget/2027.xlsx' }, destination: 'data/budget.xlsx' },
};

const session = useSession();
let app: AppHome;

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  app = await startAppHome(session.emulator, { signedIn: true, jobs: [REPORT_JOB, WHOAMI_JOB, MISSING_FILE_JOB] });
  for (const job of [WHOAMI_JOB, REPORT_JOB, MISSING_FILE_JOB]) await app.bridge.service.runNow(job.id);
}, 120_000);
afterAll(async () => {
  await app?.cleanup();
});

async function go(page: Page, view: 'Overview' | 'Jobs' | 'History' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: view }).click();
  await page.getByRole('heading', { name: view, level: 1 }).waitFor();
}

describe('screenshots of the window', () => {
  it.each(['light', 'dark'] as const)('every view and the re-auth dialog are drawn in the %s scheme', async (scheme) => {
    const appWindow = await openAppWindow(session.browser, app.bridge, { colorScheme: scheme });
    const { page } = appWindow;
    const shot = (name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}e2e-${name}-${scheme}.png` });
    try {
      await page.getByRole('img', { name: '90 of 90 days left' }).waitFor();
      await page.getByText('Pull the budget').first().waitFor();
      await shot('overview');

      await go(page, 'Jobs');
      await page.getByRole('listitem', { name: 'Pull the budget' }).getByText('Failed', { exact: true }).waitFor();
      await shot('jobs');

      await go(page, 'History');
      const grid = page.getByRole('grid', { name: 'Runs, newest first' });
      await grid.getByRole('row').filter({ hasText: 'Pull the budget' }).click();
      await page.getByRole('heading', { name: /^Run \d+/ }).waitFor();
      await shot('history');

      await go(page, 'Settings');
      const profile = page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: PROFILE });
      await profile.waitFor();
      await shot('settings');

      await profile.getByRole('button', { name: 'Edit…' }).click();
      const editor = page.getByRole('form', { name: `Edit profile “${PROFILE}”` });
      await editor.getByRole('textbox', { name: 'Scopes' }).fill('User.Read\nCalendar.ReadWrite\nMail.Send');
      await editor.getByRole('button', { name: 'Use Calendars.ReadWrite' }).waitFor();
      await editor.getByRole('button', { name: 'Save' }).scrollIntoViewIfNeeded();
      await shot('settings-scope-error');
      await editor.getByRole('button', { name: 'Cancel' }).click();
      await editor.waitFor({ state: 'hidden' });

      await go(page, 'Overview');
      await page.getByRole('button', { name: 'Sign in again…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign in to Microsoft 365' });
      await dialog.getByLabel(/^Code: /).waitFor();
      await shot('reauth');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    } finally {
      await appWindow.close();
    }
    expect(appWindow.problems).toEqual([]);
  });
});

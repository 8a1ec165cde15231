/**
 * The window's sign-in and countdown, end to end: the real renderer in Chromium, the real core behind the
 * test bridge, the emulator's verification page in a second tab.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { colourName, computedStyle } from './support/browser.js';
import { ADELE, backdateSignIn, MEGAN, useSession } from './support/app-session.js';
import { useAppUnderTest } from './support/app-under-test.js';

const session = useSession();
const openApp = useAppUnderTest(session);

/** The overview's health as a person reads it: the title, the ring's days and the colour it is drawn in. */
async function overviewHealth(page: Page): Promise<{ title: string; ring: string; colour: string }> {
  const hero = page.getByRole('region').filter({ has: page.getByRole('heading', { level: 2 }) }).first();
  const title = (await hero.getByRole('heading', { level: 2 }).textContent())?.trim() ?? '';
  const ring = (await hero.getByRole('img').getAttribute('aria-label')) ?? '';
  const colour = colourName(await computedStyle(hero, 'border-left-color'));
  return { title, ring, colour };
}

describe('signing in from the window', () => {
  it('a person signs in from the re-auth dialog with the code in a second tab, and the overview turns green with 90 days left', async () => {
    const { app, appWindow } = await openApp();
    const { page } = appWindow;
    await expect.poll(() => overviewHealth(page)).toMatchObject({ title: 'Signed out', colour: 'grey' });

    // "Sign in…" when nobody is signed in yet, "Sign in again…" otherwise.
    await page.getByRole('button', { name: /^Sign in( again)?…$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to Microsoft 365' });
    await dialog.waitFor();
    const codeText = dialog.getByLabel(/^Code: /);
    await codeText.waitFor();
    const userCode = (await codeText.textContent())?.trim() ?? '';
    expect(userCode).toMatch(/^[A-Z0-9-]{6,}$/);
    // "Large": the code is the biggest text in the dialog, easy to read across a room.
    const codeSize = parseFloat(await computedStyle(codeText, 'font-size'));
    const leadSize = parseFloat(await computedStyle(dialog.getByText("Enter this code on Microsoft's sign-in page"), 'font-size'));
    expect(codeSize).toBeGreaterThanOrEqual(24);
    expect(codeSize).toBeGreaterThan(leadSize * 1.5);

    await dialog.getByRole('button', { name: 'Copy code and open sign-in page' }).click();
    await expect.poll(() => dialog.getByRole('status').filter({ hasText: 'Code copied' }).count()).toBe(1);
    expect(app.bridge.platform.copied).toEqual([userCode]);
    expect(app.bridge.platform.opened).toEqual([`${session.emulator.authorityHost}/devicelogin`]);

    // The person's browser: a second tab that trusts the emulator's self-signed certificate.
    const browserTab = await session.browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const signInPage = await browserTab.newPage();
      await signInPage.goto(app.bridge.platform.opened[0] as string);
      await signInPage.getByLabel('Code').fill(userCode);
      await signInPage.getByRole('button', { name: 'Next' }).click();
      await signInPage.getByRole('radio', { name: MEGAN }).check();
      await signInPage.getByRole('button', { name: 'Approve' }).click();
      await signInPage.getByRole('heading', { name: 'Approved' }).waitFor();
    } finally {
      await browserTab.close();
    }

    await dialog.getByRole('status').filter({ hasText: 'Signed in' }).waitFor({ timeout: 20_000 });
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(() => overviewHealth(page), { timeout: 10_000 }).toEqual({ title: 'Signed in', ring: '90 of 90 days left', colour: 'green' });
    await expect.poll(() => page.getByText(MEGAN).count()).toBeGreaterThan(0);
    // The sidebar says the same, in the tray's colour.
    await expect.poll(() => page.getByRole('navigation', { name: 'Delegate' }).getByRole('status').textContent()).toContain('90 days left');
  });

  it('a sign-in 84 days ago shows amber with 6 days left, and one 90 days ago shows red', async () => {
    const { app, appWindow } = await openApp({ signedIn: true });
    const { page } = appWindow;
    await expect.poll(() => overviewHealth(page)).toEqual({ title: 'Signed in', ring: '90 of 90 days left', colour: 'green' });

    backdateSignIn(app.home, 84);
    await page.reload();
    await expect.poll(() => overviewHealth(page)).toEqual({ title: 'Sign-in expires soon', ring: '6 of 90 days left', colour: 'amber' });
    await expect.poll(() => page.getByText('The sign-in expires in 6 days').count()).toBe(1);

    backdateSignIn(app.home, 90);
    await page.reload();
    await expect.poll(() => overviewHealth(page)).toMatchObject({ title: 'Sign-in required', ring: '0 of 90 days left', colour: 'red' });
  });

  it('a refresh token revoked by Entra ID turns the overview red after Check now', async () => {
    const { appWindow } = await openApp({ signedIn: true });
    const { page } = appWindow;
    await expect.poll(() => overviewHealth(page)).toMatchObject({ title: 'Signed in', colour: 'green' });

    // A password change an hour later: every refresh token issued before it stops working (AADSTS50173).
    await session.emulator.control('POST', '/clock/advance', { hours: 1 });
    expect((await session.emulator.control('POST', `/users/${ADELE}/revoke`)).status).toBe(200);
    // Nothing has asked Entra ID yet, so the arithmetic still says green.
    await page.reload();
    await expect.poll(() => overviewHealth(page)).toMatchObject({ title: 'Signed in', colour: 'green' });

    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => overviewHealth(page), { timeout: 20_000 }).toMatchObject({ title: 'Sign-in required', colour: 'red' });
    await expect.poll(() => page.getByText('Checked just now: sign-in required.').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Sign in again…' }).count()).toBe(1);
  });
  it('a device code session refused by Conditional Access (AADSTS530036) turns blocked, and the dialog opens on the browser sign-in that fixes it', async () => {
    const { app, appWindow } = await openApp({ signedIn: true });
    const { page } = appWindow;
    await expect.poll(() => overviewHealth(page)).toMatchObject({ title: 'Signed in', colour: 'green' });

    await session.emulator.control('POST', '/policy', { deviceCodeProtocolTracking: true });
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => overviewHealth(page), { timeout: 20_000 }).toMatchObject({ title: 'Blocked by your organisation', colour: 'red' });
    await expect.poll(() => page.getByText(/AADSTS530036/).count()).toBeGreaterThan(0);

    // Another device code would be tracked and refused the same way: the dialog starts the browser sign-in at once.
    await page.getByRole('button', { name: 'Sign in with a browser…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to Microsoft 365' });
    await dialog.getByText('Finish signing in in your web browser').waitFor();
    expect(await dialog.getByLabel(/^Code: /).count()).toBe(0);
    await expect.poll(() => app.bridge.platform.opened.length).toBe(1);
    const authorizeUrl = app.bridge.platform.opened[0] as string;
    expect(new URL(authorizeUrl).pathname).toMatch(/\/oauth2\/v2\.0\/authorize$/);

    const browserTab = await session.browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const signInPage = await browserTab.newPage();
      await signInPage.goto(authorizeUrl);
      await signInPage.getByRole('button', { name: 'Approve' }).click();
      await signInPage.getByRole('heading', { name: 'Signed in' }).waitFor();
    } finally {
      await browserTab.close();
    }
    await expect.poll(() => overviewHealth(page), { timeout: 20_000 }).toMatchObject({ title: 'Signed in', colour: 'green' });
  });
});

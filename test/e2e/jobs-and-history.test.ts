/**
 * Jobs and History in the window, end to end: Run now runs the job in the real core against the emulator's
 * Graph, and the window shows what happened where a person looks for it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADELE, MEGAN, REPORT_JOB, useSession, WHOAMI_JOB } from './support/app-session.js';
import { useAppUnderTest } from './support/app-under-test.js';

const session = useSession();
const openApp = useAppUnderTest(session);

describe('running a job from the window', () => {
  it('Run now on a job updates its last result in the Jobs view, and the run appears in History', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobs: [WHOAMI_JOB, REPORT_JOB] });
    const { page } = appWindow;

    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    const jobs = page.getByRole('list', { name: 'Jobs' });
    const whoami = jobs.getByRole('listitem', { name: 'Who am I' });
    const report = jobs.getByRole('listitem', { name: 'Daily sales report' });
    await expect.poll(() => whoami.getByText('Never run').count()).toBe(1);
    await expect.poll(() => report.getByText('Never run').count()).toBe(1);

    await whoami.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(() => whoami.getByText('Succeeded', { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => whoami.textContent()).toMatch(/GET \/me/);
    await expect.poll(() => report.getByText('Never run').count()).toBe(1);
    // It really ran: Graph's answer is in the file the job saves.
    const saved = join(app.home, 'out', 'me.json');
    expect(existsSync(saved)).toBe(true);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ userPrincipalName: ADELE });

    await report.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(() => report.getByText('Succeeded', { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    const sent = await session.emulator.control<Array<{ subject: string; to: unknown }>>('GET', '/mail/sent');
    expect(sent.body).toEqual([expect.objectContaining({ subject: 'Daily sales report' })]);
    expect(JSON.stringify(sent.body[0]?.to)).toContain(MEGAN);

    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^2 runs$/ }).count()).toBe(1);
    const grid = page.getByRole('grid', { name: 'Runs, newest first' });
    const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first: the mail, then the Graph call; both started by Run now, both succeeded.
    await expect.poll(() => rows.nth(0).textContent()).toMatch(/Succeeded.*Daily sales report.*Run now.*Sent "Daily sales report" to 1 recipient/);
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/Succeeded.*Who am I.*Run now.*GET \/me/);

    // The details of a run, as a person opens them.
    await rows.nth(1).click();
    await expect.poll(() => page.getByRole('heading', { name: /^Run \d+/ }).count()).toBe(1);
  });
});

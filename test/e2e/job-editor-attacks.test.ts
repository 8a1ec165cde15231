/**
 * The job editor attacked as a person would: the schedule changed through the builder (its next runs follow), a
 * delete confirmed after the file changed underneath, a file that cannot be read, Save clicked twice, unsaved work
 * left for another view, names that make no id, recipients pasted in bulk, and a time zone that does not exist.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { ADELE, MEGAN, PROFILE, useSession } from './support/app-session.js';
import { useAppUnderTest } from './support/app-under-test.js';

const session = useSession();
const openApp = useAppUnderTest(session);
const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const ZONE = 'America/New_York';

const HAND_WRITTEN = `# My jobs — written by hand
jobs:
  # The Monday check
  - id: whoami
    name: Who am I
    schedule: "0 9 * * 1"     # Mondays
    profile: ${PROFILE}
    action: { kind: graph.request, method: GET, path: /me, saveTo: out/me.json }

  - id: report   # the one to edit
    name: Report
    schedule: '0 7 * * 1-5'
    timezone: ${ZONE}
    profile: ${PROFILE}
    action:
      kind: mail.send
      to: [${MEGAN}]
      subject: Report
      body: { text: "Sales: up" }
`;


/** The app signed in over `jobsYaml`, on the Jobs page. */
async function openJobs(jobsYaml = HAND_WRITTEN) {
  const { app, appWindow } = await openApp({ signedIn: true, jobsYaml });
  await goTo(appWindow.page, 'Jobs');
  return { app, appWindow, page: appWindow.page };
}
async function goTo(page: Page, view: 'Jobs' | 'History' | 'Overview'): Promise<void> {
  await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: view }).click();
  await page.getByRole('heading', { name: view, level: 1 }).waitFor();
}

/** Waits for `ready`, or fails with what the window said instead (a refused save, a job it could not read). */
async function expectShown(page: Page, ready: ReturnType<Page['getByRole']>): Promise<void> {
  const refused = page.getByRole('alert').filter({ hasText: /did not save|could not read the job|did not delete|changed since/ });
  await ready.or(refused).first().waitFor();
  if ((await refused.count()) > 0) throw new Error(`the window says: ${(await refused.first().textContent()) ?? ''}`);
}

const jobsList = (page: Page) => page.getByRole('list', { name: 'Jobs' });
const jobItem = (page: Page, name: string) => jobsList(page).getByRole('listitem', { name });
const readText = (home: string) => readFileSync(join(home, 'jobs.yaml'), 'utf8');
const readJobs = (home: string) => (parse(readText(home)) as { jobs: Array<Record<string, unknown>> }).jobs;

/** The instants of the five runs the schedule builder shows. */
async function nextRunsShown(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: /^Next \d runs$/ });
  await list.waitFor();
  return list.locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
}

/** "18:30" for an instant in a zone. */
const wallTime = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** Whether the window has been told (by the engine's reload) of a file containing `text`. */
const windowToldOf = (app: { bridge: { sent: Array<{ kind: string; channel: string; text: string }> } }, text: string) =>
  app.bridge.sent.some((sent) => sent.kind === 'event' && sent.channel === 'jobs:changed' && sent.text.includes(text));

/** What a screen reader says after the control's name: the text of the elements its aria-describedby names. */
function describedText(locator: Locator): Promise<string> {
  // The DOM's types, written out: the tests' tsconfig is Node's and has no DOM library.
  type Described = { getAttribute(name: string): string | null; ownerDocument: { getElementById(id: string): { textContent: string | null } | null } };
  return locator.evaluate((element) => {
    const node = element as unknown as Described;
    return (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((ref) => node.ownerDocument.getElementById(ref)?.textContent ?? '')
      .join(' ');
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}e2e-${name}.png`, fullPage: true });
}

describe('the schedule, changed through the builder', () => {
  it('choosing Daily at 18:30 moves all five next runs to 18:30 in the job’s zone, and the save changes only that line', async () => {
    const { app, page } = await openJobs();
    await jobItem(page, 'Report').waitFor({ timeout: 15_000 });
    await jobItem(page, 'Report').getByRole('button', { name: 'Edit', exact: true }).click();
    await expectShown(page, page.getByRole('form'));

    const before = await nextRunsShown(page);
    expect(before).toHaveLength(5);
    expect(before.map((run) => wallTime(run, ZONE))).toEqual(Array(5).fill('07:00'));

    await page.getByLabel('Repeats').selectOption({ label: 'Daily' });
    await page.getByLabel('At', { exact: true }).fill('18:30');
    expect(await page.getByLabel('As cron').inputValue()).toBe('30 18 * * *');
    await expect.poll(async () => (await nextRunsShown(page)).map((run) => wallTime(run, ZONE))).toEqual(Array(5).fill('18:30'));
    const after = await nextRunsShown(page);
    expect(after).toHaveLength(5);
    expect(after.filter((run) => before.includes(run))).toEqual([]);
    // Five days in a row: daily, not only on weekdays.
    const days = after.map((run) => new Date(run).getTime());
    for (let index = 1; index < days.length; index += 1) expect(Math.round(((days[index] ?? 0) - (days[index - 1] ?? 0)) / 3_600_000)).toBeGreaterThanOrEqual(23);
    expect(await page.getByRole('region', { name: 'Preview of the schedule' }).locator('p').first().textContent()).toMatch(/18:30/);
    await screenshot(page, 'editor-schedule-daily-1830');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectShown(page, jobsList(page));
    expect(readText(app.home)).toBe(HAND_WRITTEN.replace(`schedule: '0 7 * * 1-5'`, `schedule: '30 18 * * *'`));

    const nextRun = jobItem(page, 'Report').locator('.job-facts time').first();
    await expect.poll(() => nextRun.getAttribute('datetime')).toBe(after[0]);
  });
});

describe('a delete confirmed after the file changed', () => {
  it('is refused with the file-changed message; the other program’s change and the job stay, and Reload shows the file as it is', async () => {
    const { app, page } = await openJobs();
    await jobItem(page, 'Report').waitFor({ timeout: 15_000 });
    await jobItem(page, 'Report').getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Report”?' });
    await dialog.waitFor();

    // Another program renames the other job while the question is open; the window hears of it.
    const changed = HAND_WRITTEN.replace('name: Who am I', 'name: Who am I now');
    writeFileSync(join(app.home, 'jobs.yaml'), changed);
    await expect.poll(() => windowToldOf(app, 'Who am I now'), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.locator('.job-name', { hasText: 'Who am I now' }).count()).toBe(1);

    await dialog.getByRole('button', { name: 'Delete job' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/The jobs file changed since it was read/);
    expect(await refusal.textContent()).toMatch(/Reload/);
    expect(readText(app.home)).toBe(changed);

    await dialog.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await jobItem(page, 'Who am I now').waitFor();
    await jobItem(page, 'Report').waitFor();
    expect(readText(app.home)).toBe(changed);
    // Now against the file as it is: the delete goes through.
    await jobItem(page, 'Report').getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete job' }).click();
    await expect.poll(() => jobItem(page, 'Report').count()).toBe(0);
    expect(readJobs(app.home).map((job) => job.name)).toEqual(['Who am I now']);
  });
});

describe('a jobs file that cannot be read', () => {
  it('disables New job, Edit, Duplicate and Delete with the reason said, shows only the file’s error, and recovers when the file is fixed', async () => {
    const { app, page } = await openJobs();
    await jobItem(page, 'Report').waitFor({ timeout: 15_000 });

    // Hand-edited into YAML that does not parse: the jobs from the last good version keep running.
    writeFileSync(join(app.home, 'jobs.yaml'), HAND_WRITTEN.replace('subject: Report', 'subject: [Report'));
    const problems = page.getByRole('region', { name: 'Delegate cannot read the jobs file' });
    await problems.waitFor({ timeout: 15_000 });
    expect(await problems.getByRole('listitem').count()).toBe(1);

    const explanation = 'Fix the file first to add or edit jobs here.';
    await page.getByText(explanation).first().waitFor();
    const newJob = page.getByRole('button', { name: 'New job' });
    const report = jobItem(page, 'Report');
    const buttons = [newJob, report.getByRole('button', { name: 'Edit', exact: true }), report.getByRole('button', { name: 'Duplicate' }), report.getByRole('button', { name: 'Delete…' })];
    for (const button of buttons) {
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      // Said to a screen reader with the button, not only shown.
      expect(await describedText(button)).toContain(explanation);
      expect(await page.getByText(explanation).first().isVisible()).toBe(true);
      // Clicked anyway, as a person who has not read it would.
      await button.click({ force: true });
    }
    // None of the clicks opened the editor or the delete question.
    expect(await page.getByRole('form').count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await report.getByRole('switch').isDisabled()).toBe(true);
    await screenshot(page, 'jobs-unreadable-file');

    // Fixed in the editor: the page comes back by itself.
    writeFileSync(join(app.home, 'jobs.yaml'), HAND_WRITTEN);
    await expect.poll(() => problems.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByText(explanation).count()).toBe(0);
    for (const button of buttons) expect(await button.getAttribute('aria-disabled')).toBeNull();
    await newJob.click();
    await page.getByRole('radio', { name: /Send mail/ }).waitFor();
  });
});

describe('attacks on the editor', () => {
  it('Save clicked twice quickly writes the job once: one save, one job, no error', async () => {
    const { app, page } = await openJobs();
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name').fill('Twice');
    await page.getByLabel('To', { exact: true }).fill(MEGAN);
    await page.getByLabel('To', { exact: true }).press('Enter');
    await page.getByLabel('Subject').fill('Twice');
    await page.getByRole('button', { name: 'Add job' }).dblclick();
    await expectShown(page, jobsList(page));
    await jobItem(page, 'Twice').waitFor();
    expect(readJobs(app.home).map((job) => job.id)).toEqual(['whoami', 'report', 'twice']);
    expect(app.bridge.sent.filter((sent) => sent.kind === 'answer' && sent.channel === 'jobs:save')).toHaveLength(1);
    expect(await page.getByRole('alert').filter({ hasText: /did not|changed/ }).count()).toBe(0);

    // The same for an edit.
    await jobItem(page, 'Twice').getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Subject').fill('Twice, edited');
    await page.getByRole('button', { name: 'Save', exact: true }).dblclick();
    await expectShown(page, jobsList(page));
    expect(app.bridge.sent.filter((sent) => sent.kind === 'answer' && sent.channel === 'jobs:save')).toHaveLength(2);
    expect(readJobs(app.home).find((job) => job.id === 'twice')).toMatchObject({ action: { subject: 'Twice, edited' } });
  });

  it('unsaved changes survive a visit to another view, Back to jobs asks first, and Discard leaves the file as it was', async () => {
    const { app, page } = await openJobs();
    await jobItem(page, 'Report').getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Subject').fill('Half typed');
    await goTo(page, 'History');
    await goTo(page, 'Overview');
    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Jobs' }).click();
    await page.getByRole('form', { name: 'Edit Report' }).waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Half typed');
    await page.getByText('Your unsaved changes to this job are as you left them.').waitFor();

    await page.getByRole('button', { name: 'Back to jobs' }).click();
    const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Half typed');
    await page.keyboard.press('Escape');
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await jobsList(page).waitFor();
    expect(readText(app.home)).toBe(HAND_WRITTEN);
    // Discarded means gone: the next visit shows the list, not the old draft.
    await goTo(page, 'History');
    await goTo(page, 'Jobs');
    await jobItem(page, 'Report').getByRole('button', { name: 'Edit', exact: true }).click();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Report');
  });

  it.each([
    ['only punctuation', '!!! ???'],
    ['Cyrillic letters', 'Отчёт'],
  ])('a name of %s makes no id: the Id field says to type one, and the job saves with the id typed', async (what, name) => {
    const { app, page } = await openJobs();
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('radio', { name: /Graph request/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Path', { exact: true }).fill('/me');
    const id = page.getByLabel('Id');
    expect(await id.inputValue()).toBe('');
    await expect.poll(() => id.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => describedText(id)).toContain(`Type an id: “${name}” has no letters a–z or digits to make one from`);
    await screenshot(page, `editor-no-id-${what.replace(/\s+/g, '-')}`);
    await page.getByRole('button', { name: 'Add job' }).click();
    expect(readText(app.home)).toBe(HAND_WRITTEN);

    await id.fill('report-ru');
    await page.getByRole('button', { name: 'Add job' }).click();
    await expectShown(page, jobsList(page));
    await jobItem(page, name).waitFor();
    expect(readJobs(app.home).find((job) => job.id === 'report-ru')).toMatchObject({ name });
  });

  it('a 200-character name makes a 64-character id and is shown whole, wrapped, in the list and the delete question', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobsYaml: HAND_WRITTEN });
    const { page } = appWindow;
    const name = `Quarterly ${'numbers for the board and the auditors '.repeat(5)}`.slice(0, 200);
    await goTo(page, 'Jobs');
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('radio', { name: /Graph request/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Path', { exact: true }).fill('/me');
    const id = await page.getByLabel('Id').inputValue();
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/^quarterly-numbers-for-the-board-and-the-auditors-numbers-for-the$/);
    await page.getByRole('button', { name: 'Add job' }).click();
    await expectShown(page, jobsList(page));
    const item = jobItem(page, name.trim());
    await item.waitFor();
    expect(readJobs(app.home).find((job) => job.id === id)).toMatchObject({ name: name.trim() });
    // Nothing runs off the side of the window.
    const overflow = await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth');
    expect(overflow).toBe(false);
    // The name whole, not cut with an ellipsis.
    const heading = item.getByRole('heading', { name: name.trim() });
    expect(await heading.evaluate((element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight)).toBe(true);
    await screenshot(page, 'jobs-long-name');
    await item.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').waitFor();
    const dialogOverflow = await page.getByRole('dialog').evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(dialogOverflow).toBe(false);
    await screenshot(page, 'jobs-long-name-delete');
  });

  it('recipients pasted as one text, separated by semicolons and new lines, become one chip each and are all saved', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobsYaml: HAND_WRITTEN });
    const { page } = appWindow;
    await appWindow.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await goTo(page, 'Jobs');
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name').fill('Pasted');
    await page.getByLabel('Subject').fill('Pasted');
    const pasted = `Megan Bowen <${MEGAN}>;\r\n${ADELE}\nalex.wilber@contoso.onmicrosoft.com; ; \n`;
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(pasted)})`);
    const to = page.getByLabel('To', { exact: true });
    await to.focus();
    await page.keyboard.press('ControlOrMeta+V');
    const chips = page.getByRole('list', { name: /^To: / });
    await expect.poll(() => chips.getByRole('listitem').allTextContents()).toEqual([MEGAN, ADELE, 'alex.wilber@contoso.onmicrosoft.com'].map((address) => `${address}×`));
    expect(await to.inputValue()).toBe('');
    await screenshot(page, 'editor-pasted-recipients');
    await page.getByRole('button', { name: 'Add job' }).click();
    await expectShown(page, jobsList(page));
    expect(readJobs(app.home).find((job) => job.id === 'pasted')).toMatchObject({ action: { to: [MEGAN, ADELE, 'alex.wilber@contoso.onmicrosoft.com'] } });
  });

  it('a time zone that does not exist leaves the job out; the editor says so, shows no runs, and choosing a real zone fixes it', async () => {
    const { app, page } = await openJobs(HAND_WRITTEN.replace(`timezone: ${ZONE}`, 'timezone: Mars/Olympus_Mons'));
    const problems = page.getByRole('region', { name: /left out/ });
    await problems.waitFor({ timeout: 15_000 });
    await problems.getByRole('button', { name: 'Edit job report' }).click();
    await page.getByRole('form', { name: 'Edit Report' }).waitFor();

    const zone = page.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('Mars/Olympus_Mons');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('"Mars/Olympus_Mons" is not a time zone').first().waitFor();
    await page.getByText('The next runs show once the time zone is one this computer knows.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(readText(app.home)).toContain('timezone: Mars/Olympus_Mons');

    await zone.selectOption('Europe/Berlin');
    expect((await nextRunsShown(page)).map((run) => wallTime(run, 'Europe/Berlin'))).toEqual(Array(5).fill('07:00'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectShown(page, jobsList(page));
    expect(readText(app.home)).toBe(HAND_WRITTEN.replace(`timezone: ${ZONE}`, 'timezone: Europe/Berlin'));
    await jobItem(page, 'Report').waitFor();
    await expect.poll(() => problems.count()).toBe(0);
  });
});

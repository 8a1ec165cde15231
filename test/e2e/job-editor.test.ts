/**
 * The job editor end to end: jobs created, edited, duplicated and deleted in the window land in the real
 * jobs.yaml (every other byte of a hand-written file kept), run in the real core against the emulator, and a file
 * changed underneath is refused without losing what was typed. Keyboard only, and labelled for screen readers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { MEGAN, PROFILE, useSession, WHOAMI_JOB } from './support/app-session.js';
import { useAppUnderTest } from './support/app-under-test.js';

const session = useSession();
const openApp = useAppUnderTest(session);

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
    profile: ${PROFILE}
    action:
      kind: mail.send
      to: [${MEGAN}]
      subject: Report
      body: { text: "Sales: up" }

  # Last: a flow-style one
  - { id: tail, schedule: "30 6 * * *", profile: ${PROFILE}, action: { kind: graph.request, path: /me } }
`;

async function goToJobs(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'Jobs' }).click();
  await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
}

/** Waits for `ready`, or fails with what the window said instead (a refused save, a job it could not read). */
async function expectShown(page: Page, ready: ReturnType<Page['getByRole']>): Promise<void> {
  const refused = page.getByRole('alert').filter({ hasText: /did not save|could not read the job|did not delete/ });
  await ready.or(refused).first().waitFor();
  if ((await refused.count()) > 0) throw new Error(`the window says: ${(await refused.first().textContent()) ?? ''}`);
}

const editorForm = (page: Page) => page.getByRole('form');
const jobsList = (page: Page) => page.getByRole('list', { name: 'Jobs' });

function jobsFile(home: string): { text: string; jobs: Array<Record<string, unknown>> } {
  const text = readFileSync(join(home, 'jobs.yaml'), 'utf8');
  return { text, jobs: (parse(text) as { jobs: Array<Record<string, unknown>> }).jobs };
}

describe('creating a job in the window', () => {
  it('a mail.send job filled in the form is written to jobs.yaml with only what was set, listed with its next run, and Run now sends it', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobs: [WHOAMI_JOB] });
    const { page } = appWindow;
    await goToJobs(page);

    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('radio', { name: /Send mail/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name').fill('Weekly numbers');
    expect(await page.getByLabel('Id').inputValue()).toBe('weekly-numbers');
    await page.getByLabel('To', { exact: true }).fill(MEGAN);
    await page.getByLabel('To', { exact: true }).press('Enter');
    await page.getByLabel('Subject').fill('Weekly numbers');
    await page.getByLabel('Message text').fill('Numbers are in.');
    await page.getByLabel('Run as').selectOption(PROFILE);
    await page.getByRole('button', { name: 'Add job' }).click();
    await expectShown(page, jobsList(page));

    const item = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem', { name: 'Weekly numbers' });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toMatch(/Next run.*\(in\s/);
    const written = jobsFile(app.home).jobs.find((job) => job.id === 'weekly-numbers');
    expect(written).toEqual({
      id: 'weekly-numbers',
      name: 'Weekly numbers',
      schedule: '0 9 * * 1-5',
      profile: PROFILE,
      action: { kind: 'mail.send', to: MEGAN, subject: 'Weekly numbers', body: { text: 'Numbers are in.' } },
    });

    await item.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(() => item.getByText('Succeeded', { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    const sent = await session.emulator.control<Array<{ subject: string }>>('GET', '/mail/sent');
    expect(sent.body).toEqual([expect.objectContaining({ subject: 'Weekly numbers' })]);
  });

  it('a wrong address and a missing subject are shown on their fields, the save is refused, and nothing is written', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobs: [WHOAMI_JOB] });
    const { page } = appWindow;
    const before = readFileSync(join(app.home, 'jobs.yaml'), 'utf8');
    await goToJobs(page);
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name').fill('Broken');
    await page.getByLabel('To', { exact: true }).fill('megan; not-an-address');
    await page.getByLabel('To', { exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Add job' }).click();

    const to = page.getByLabel('To', { exact: true });
    await expect.poll(() => to.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByText('“megan”: must be an email address').count()).toBe(1);
    await expect.poll(() => page.getByLabel('Subject').getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the first field marked, so a keyboard user lands on it.
    const toId = await to.getAttribute('id');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(toId);
    expect(readFileSync(join(app.home, 'jobs.yaml'), 'utf8')).toBe(before);
  });
});

describe('editing the hand-written file', () => {
  it('changing one job in the form changes only its node: comments, flow style and quoting elsewhere stay byte for byte', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobsYaml: HAND_WRITTEN });
    const { page } = appWindow;
    await goToJobs(page);
    const report = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem', { name: 'Report' });
    await report.waitFor({ timeout: 15_000 });

    await report.getByRole('button', { name: 'Edit', exact: true }).click();
    await expectShown(page, editorForm(page));
    await page.getByLabel('Subject').fill('Report for the week');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectShown(page, jobsList(page));

    const after = readFileSync(join(app.home, 'jobs.yaml'), 'utf8');
    const head = HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf('  - id: report'));
    const tail = HAND_WRITTEN.slice(HAND_WRITTEN.indexOf('\n  # Last: a flow-style one'));
    expect(after.startsWith(head)).toBe(true);
    expect(after.endsWith(tail)).toBe(true);
    expect(jobsFile(app.home).jobs.find((job) => job.id === 'report')).toMatchObject({ action: { subject: 'Report for the week', body: { text: 'Sales: up' } } });
    // Focus is back on the job's Edit button.
    await expect.poll(() => page.evaluate("document.activeElement && document.activeElement.getAttribute('data-job-edit')")).toBe('report');
  });

  it('a save after the file changed on disk is refused with the message, the typing stays, and Reload then saves', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobsYaml: HAND_WRITTEN });
    const { page } = appWindow;
    await goToJobs(page);
    const report = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem', { name: 'Report' });
    await report.waitFor({ timeout: 15_000 });
    await report.getByRole('button', { name: 'Edit', exact: true }).click();
    await expectShown(page, editorForm(page));
    await page.getByLabel('Subject').fill('Typed before the change');
    // Someone edits the file in their editor meanwhile.
    writeFileSync(join(app.home, 'jobs.yaml'), HAND_WRITTEN.replace('# Mondays', '# Mondays, 9 sharp'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The jobs file changed since it was read').waitFor();
    expect(readFileSync(join(app.home, 'jobs.yaml'), 'utf8')).toContain('subject: Report\n');
    expect(await page.getByLabel('Subject').inputValue()).toBe('Typed before the change');

    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectShown(page, jobsList(page));
    const after = readFileSync(join(app.home, 'jobs.yaml'), 'utf8');
    expect(after).toContain('# Mondays, 9 sharp');
    expect(jobsFile(app.home).jobs.find((job) => job.id === 'report')).toMatchObject({ action: { subject: 'Typed before the change' } });
  });

  it('Duplicate saves a copy under a new id, and Delete removes only that job after asking', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobsYaml: HAND_WRITTEN });
    const { page } = appWindow;
    await goToJobs(page);
    const list = page.getByRole('list', { name: 'Jobs' });
    await list.getByRole('listitem', { name: 'Report' }).waitFor({ timeout: 15_000 });

    await list.getByRole('listitem', { name: 'Report' }).getByRole('button', { name: 'Duplicate' }).click();
    await expectShown(page, editorForm(page));
    expect(await page.getByLabel('Id').inputValue()).toBe('report-copy');
    expect(await page.getByLabel('Name').inputValue()).toBe('Report (copy)');
    await page.getByRole('button', { name: 'Add job' }).click();
    await expectShown(page, list);
    const copy = list.getByRole('listitem', { name: 'Report (copy)' });
    await copy.waitFor();
    expect(jobsFile(app.home).jobs.map((job) => job.id)).toEqual(['whoami', 'report', 'tail', 'report-copy']);

    await copy.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Report (copy)”?' });
    await dialog.getByText('Its history is kept').waitFor();
    await dialog.getByRole('button', { name: 'Delete job' }).click();
    await expect.poll(() => copy.count()).toBe(0);
    expect(readFileSync(join(app.home, 'jobs.yaml'), 'utf8')).toBe(HAND_WRITTEN);
  });
});

describe('without a mouse', () => {
  it('a job is created and saved with the keyboard only, and the form has no serious accessibility violations', async () => {
    const { app, appWindow } = await openApp({ signedIn: true, jobs: [WHOAMI_JOB] });
    const { page } = appWindow;
    await goToJobs(page);
    await page.getByRole('button', { name: 'New job' }).focus();
    await page.keyboard.press('Enter');
    // The kinds are radio buttons: arrows move, Enter goes on.
    for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'New job' }).waitFor();
    await page.keyboard.type('Who am I again'); // Name has the focus
    await page.keyboard.press('Tab'); // Id
    await page.keyboard.press('Tab'); // Method
    await page.keyboard.press('Tab'); // Path
    await page.keyboard.type('/me');

    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    // A string: this file is type-checked without the DOM's types.
    const violations = await page.evaluate(`(async () => {
      const result = await window.axe.run(document.querySelector('form'), { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
    })()`);
    expect(violations).toEqual([]);

    // Save from the keyboard: Enter in a single-line field submits the form.
    await page.getByLabel('Path', { exact: true }).press('Enter');
    await expectShown(page, jobsList(page));
    const item = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem', { name: 'Who am I again' });
    await item.waitFor();
    expect(jobsFile(app.home).jobs.find((job) => job.id === 'who-am-i-again')).toEqual({ id: 'who-am-i-again', name: 'Who am I again', schedule: '0 9 * * 1-5', action: { kind: 'graph.request', path: '/me' } });
    await expect.poll(() => page.evaluate("document.activeElement && document.activeElement.getAttribute('data-job-edit')")).toBe('who-am-i-again');
  });
});

/**
 * The schedule builder in a real Chromium: the dev harness page (`dev.html?component=schedule-builder`), built once
 * into a temporary folder and served under the window's Content-Security-Policy. Driven as a person would, mostly
 * by keyboard; the preview's clock and this computer's zone are pinned by the page's query.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const ORIGIN = 'http://delegate.test';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

let outDir: string;
let browser: Browser;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'delegate-schedule-builder-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'dev-harness', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe' });
  return launchChromium().then((launched) => {
    browser = launched;
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  problems: string[];
  close: () => Promise<void>;
}

async function open(query: Record<string, string>, options: { bypassCSP?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce', bypassCSP: options.bypassCSP ?? false });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(/^\/+/, '');
    try {
      await route.fulfill({ status: 200, body: readFileSync(join(outDir, path)), headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': CSP } });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (event) => console.error('CSP violation: ' + event.violatedDirective));" });
  const search = new URLSearchParams({ component: 'schedule-builder', now: '2026-03-27T12:00:00Z', local: 'Europe/Berlin', tz: 'Europe/Berlin', ...query });
  await page.goto(`${ORIGIN}/dev.html?${search.toString()}`);
  await page.getByRole('group', { name: 'Schedule' }).waitFor();
  return { page, problems, close: () => context.close() };
}

const saved = (page: Page) => page.getByTestId('saved-schedule').textContent();
const runs = (page: Page) => page.getByRole('list', { name: /^Next \d runs$/ }).getByRole('listitem').allTextContents();

describe('the schedule builder, as a person uses it', () => {
  it('shows a weekday schedule from the jobs file as the Weekdays preset, in words, with the next five runs in the job\'s zone', async () => {
    const { page, problems, close } = await open({ schedule: '0 7 * * MON-FRI', tz: 'America/New_York' });
    try {
      await expect(page.getByLabel('Repeats').inputValue()).resolves.toBe('weekdays');
      await expect(page.getByLabel('At', { exact: true }).inputValue()).resolves.toBe('07:00');
      // Read back, not rewritten: the job's own spelling stays until the person changes something.
      await expect(page.getByLabel('As cron').inputValue()).resolves.toBe('0 7 * * MON-FRI');
      await expect(saved(page)).resolves.toBe('"0 7 * * MON-FRI"');
      await page.getByText('At 07:00, Monday through Friday').waitFor();
      await page.getByRole('heading', { name: 'Next runs (America/New_York)' }).waitFor();
      await expect(runs(page)).resolves.toEqual([
        'Mon 30 Mar, 07:00 GMT-4 · Mon 30 Mar, 13:00 on this computer',
        'Tue 31 Mar, 07:00 GMT-4 · Tue 31 Mar, 13:00 on this computer',
        'Wed 1 Apr, 07:00 GMT-4 · Wed 1 Apr, 13:00 on this computer',
        'Thu 2 Apr, 07:00 GMT-4 · Thu 2 Apr, 13:00 on this computer',
        'Fri 3 Apr, 07:00 GMT-4 · Fri 3 Apr, 13:00 on this computer',
      ]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('with the keyboard alone: Weekly, Monday, Wednesday and Friday at 09:15 writes "15 9 * * 1,3,5"', async () => {
    const { page, problems, close } = await open({ schedule: '0 7 * * 1-5' });
    try {
      await page.getByLabel('Time zone').focus();
      await page.keyboard.press('Tab');
      await expect(page.getByLabel('Repeats').evaluate((element) => element === (element.ownerDocument as { activeElement: unknown }).activeElement)).resolves.toBe(true);
      // A closed <select> steps through its options with the arrow keys: Weekdays → Weekly.
      await page.keyboard.press('ArrowDown');
      await expect(page.getByLabel('Repeats').inputValue()).resolves.toBe('weekly');
      await page.keyboard.press('Tab'); // the time
      await page.keyboard.type('0915');
      await expect(saved(page)).resolves.toBe('"15 9 * * 1"');
      const focusedName = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } } }).document.activeElement.textContent);
      // Tab steps through the time's own parts (hours, minutes) before leaving it, as it does for anyone.
      for (let step = 0; step < 4 && (await focusedName()) !== 'Monday'; step += 1) await page.keyboard.press('Tab');
      await expect(focusedName()).resolves.toBe('Monday');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(focusedName()).resolves.toBe('Wednesday');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(saved(page)).resolves.toBe('"15 9 * * 1,3,5"');
      await expect(page.getByRole('button', { name: 'Friday' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await expect(page.getByRole('button', { name: 'Tuesday' }).getAttribute('aria-pressed')).resolves.toBe('false');
      await page.getByText('At 09:15, only on Monday, Wednesday, and Friday').waitFor();
      await expect(runs(page)).resolves.toEqual(['Mon 30 Mar, 09:15', 'Wed 1 Apr, 09:15', 'Fri 3 Apr, 09:15', 'Mon 6 Apr, 09:15', 'Wed 8 Apr, 09:15']);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('switching presets keeps the time that was typed', async () => {
    const { page, close } = await open({ schedule: '0 7 * * 1-5' });
    try {
      await page.getByLabel('At', { exact: true }).fill('18:45');
      await expect(saved(page)).resolves.toBe('"45 18 * * 1-5"');
      await page.getByLabel('Repeats').selectOption('daily');
      await expect(saved(page)).resolves.toBe('"45 18 * * *"');
      await page.getByLabel('Repeats').selectOption('monthly');
      await page.getByLabel('On day').selectOption('last');
      await expect(saved(page)).resolves.toBe('"45 18 L * *"');
      await page.getByText('At 18:45, on the last day of the month').waitFor();
      await page.getByLabel('Repeats').selectOption('hourly');
      await expect(page.getByLabel('Minutes past the hour').inputValue()).resolves.toBe('45');
      await expect(saved(page)).resolves.toBe('"45 * * * *"');
      await page.getByLabel('Repeats').selectOption('weekdays');
      await expect(page.getByLabel('At', { exact: true }).inputValue()).resolves.toBe('18:45');
    } finally {
      await close();
    }
  });

  it('a cron typed by hand switches to Custom, and choosing a preset after it starts from what was typed', async () => {
    const { page, close } = await open({ schedule: '0 7 * * 1-5' });
    try {
      await page.getByLabel('As cron').fill('*/7 9-17 * * 1-5');
      await expect(page.getByLabel('Repeats').inputValue()).resolves.toBe('custom');
      await page.getByText('Every 7 minutes, between 09:00 and 17:59, Monday through Friday (restarting at :00 each hour, so the last gap is 4 minutes)').waitFor();
      await page.getByLabel('Cron pattern').fill('30 6 * * 2,4');
      // Still Custom while typing, even though this one is a preset…
      await expect(page.getByLabel('Repeats').inputValue()).resolves.toBe('custom');
      // …and picking Weekly takes its days and time.
      await page.getByLabel('Repeats').selectOption('weekly');
      await expect(page.getByLabel('At', { exact: true }).inputValue()).resolves.toBe('06:30');
      await expect(page.getByRole('button', { name: 'Thursday' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await expect(saved(page)).resolves.toBe('"30 6 * * 2,4"');
    } finally {
      await close();
    }
  });

  it('an invalid cron or one that never fires is an error on the field, in the schema\'s words, and no runs are listed', async () => {
    const { page, problems, close } = await open({ schedule: '0 7 * * 1-5' });
    try {
      const cron = page.getByLabel('As cron');
      await cron.fill('0 25 * * *');
      const field = page.getByLabel('Cron pattern');
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toBe('The schedule is not a valid cron pattern: Invalid value for hour: 25');
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(await alert.getAttribute('id'));
      await expect(page.getByRole('list', { name: /^Next \d runs$/ }).count()).resolves.toBe(0);

      await field.fill('0 0 30 2 *');
      await expect(alert.textContent()).resolves.toBe('The schedule "0 0 30 2 *" never fires: no date matches it (such as 30 February or 31 April), or every date it names has passed; fix the day and month');
      await expect(page.getByRole('list', { name: /^Next \d runs$/ }).count()).resolves.toBe(0);

      await field.fill('0 0 28 2 *');
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
      await expect(runs(page)).resolves.toHaveLength(5);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a weekly schedule with every day unticked says to choose a day and saves no schedule', async () => {
    const { page, close } = await open({ schedule: '0 9 * * 1' });
    try {
      await page.getByRole('button', { name: 'Monday' }).press('Space');
      await expect(page.getByRole('alert').textContent()).resolves.toBe('Choose at least one day of the week.');
      await expect(saved(page)).resolves.toBe('""');
      await page.getByRole('button', { name: 'Sunday' }).press('Enter');
      await expect(saved(page)).resolves.toBe('"0 9 * * 0"');
    } finally {
      await close();
    }
  });

  it('the runs follow the time zone as it is typed, and say when the clocks moved a run', async () => {
    const { page, close } = await open({ schedule: '30 2 * * *', tz: 'Europe/Berlin' });
    try {
      await expect(runs(page)).resolves.toEqual([
        'Sat 28 Mar, 02:30',
        'Sun 29 Mar, 03:00 · later than the pattern says: the clocks go forward that night, so its time does not exist and the job runs just after',
        'Mon 30 Mar, 02:30',
        'Tue 31 Mar, 02:30',
        'Wed 1 Apr, 02:30',
      ]);
      await page.getByLabel('Time zone').fill('Asia/Tokyo');
      await page.getByRole('heading', { name: 'Next runs (Asia/Tokyo)' }).waitFor();
      await expect(runs(page).then((texts) => texts[0])).resolves.toBe('Sat 28 Mar, 02:30 GMT+9 · Fri 27 Mar, 18:30 on this computer');
      // No zone: this computer's (pinned to Berlin here, while the browser itself runs in UTC).
      await page.getByLabel('Time zone').fill('');
      await page.getByRole('heading', { name: "Next runs (Europe/Berlin, this computer's time zone)" }).waitFor();
      await expect(runs(page).then((texts) => texts[0])).resolves.toBe('Sat 28 Mar, 02:30');
      await page.getByLabel('Time zone').fill('Asia/Nowhere');
      await page.getByText('The next runs show once the time zone is one this computer knows.').waitFor();
    } finally {
      await close();
    }
  });

  it.each([
    ['Weekly', '0 9 * * 1,3,5'],
    ['Monthly on the 31st', '30 8 31 * *'],
    ['Custom, invalid', '0 25 * * *'],
    ['Every N minutes', '*/15 * * * *'],
  ])('has no serious or critical accessibility violations (axe-core): %s', async (_name, schedule) => {
    // axe is injected as a script, which the page's CSP would refuse; this check is about labels and roles only.
    const { page, close } = await open({ schedule }, { bypassCSP: true });
    try {
      await page.addScriptTag({ content: readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8') });
      type Axe = { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } };
      const violations = await page.evaluate(async () => {
        const result = await (globalThis as unknown as Axe).axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
        return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
      });
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    } finally {
      await close();
    }
  });
});

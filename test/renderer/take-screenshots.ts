/**
 * Screenshots of every view of the window over the fake API, light and dark, at 760, 1024 and 1280 px wide,
 * served under a strict Content-Security-Policy (any violation is reported and fails the run).
 *
 *   npx vite build --mode dev-harness && npx tsx test/renderer/take-screenshots.ts [name-filter]
 *
 * Writes test-results/screenshots/dev-<view>-<scheme>-<width>.png. Uses the system Chromium.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const ROOT = new URL('../../dist/renderer-dev/', import.meta.url).pathname;
const OUT = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const ORIGIN = 'http://delegate.test';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

interface Shot {
  name: string;
  query?: string;
  sizes?: Array<[number, number]>;
  act?: (page: Page) => Promise<void>;
}

const clickSidebar = (label: string) => async (page: Page) => {
  await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: label }).click();
};

const SHOTS: Shot[] = [
  { name: 'overview', sizes: [[1024, 700], [1280, 800]] },
  { name: 'overview-warning-plaintext', query: 'profile=lab&health=warning' },
  { name: 'overview-expired', query: 'health=expired' },
  { name: 'overview-signed-out', query: 'health=signed-out' },
  { name: 'jobs', act: clickSidebar('Jobs'), sizes: [[1024, 700], [1280, 800]] },
  {
    name: 'jobs-running-paused',
    act: async (page) => {
      await clickSidebar('Jobs')(page);
      await page.getByRole('switch', { name: 'Pause schedule' }).click();
      await page.getByRole('button', { name: 'Run now' }).first().click();
      await page.waitForTimeout(1200);
    },
  },
  { name: 'jobs-broken-file', query: 'jobsfile=broken', act: clickSidebar('Jobs'), sizes: [[760, 700], [1280, 800]] },
  { name: 'jobs-broken-first', query: 'jobsfile=broken-first', act: clickSidebar('Jobs') },
  { name: 'jobs-problems-narrow', act: clickSidebar('Jobs'), sizes: [[760, 800]] },
  {
    name: 'history-sign-in-skipped',
    query: 'runs=2000',
    act: async (page) => {
      await clickSidebar('History')(page);
      await page.getByRole('button', { name: 'Skipped' }).click();
      await page.getByRole('grid').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('heading', { name: /^Run \d+/ }).waitFor();
    },
    sizes: [[760, 700], [1280, 800]],
  },
  {
    name: 'history',
    act: async (page) => {
      await clickSidebar('History')(page);
      await page.getByText('100,000 runs').waitFor();
    },
    sizes: [[760, 700], [1024, 700], [1280, 800]],
  },
  {
    name: 'history-details',
    act: async (page) => {
      await clickSidebar('Jobs')(page);
      await page.getByRole('button', { name: /Details of the last run of Save supplier invoices/ }).click();
      await page.getByRole('heading', { name: /^Run \d+/ }).waitFor();
      await page.getByText('Graph request-id').waitFor();
    },
    sizes: [[1024, 700], [1280, 800]],
  },
  {
    name: 'history-filtered-deep',
    act: async (page) => {
      await clickSidebar('History')(page);
      await page.getByRole('button', { name: 'Failed' }).click();
      await page.getByRole('button', { name: 'Timed out' }).click();
      const grid = page.getByRole('grid');
      await grid.focus();
      await page.keyboard.press('End');
      await page.waitForTimeout(2500);
      await page.keyboard.press('ArrowUp');
      await page.waitForTimeout(400);
    },
  },
  {
    name: 'history-script-output',
    act: async (page) => {
      await clickSidebar('History')(page);
      await page.getByLabel('Job').selectOption('etl');
      await page.waitForTimeout(300);
      await page.getByRole('grid').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByText('Output (last lines)').waitFor();
    },
  },
  {
    name: 'reauth-code',
    query: 'signin=wait',
    act: async (page) => {
      await page.getByRole('button', { name: 'Sign in again…' }).click();
      await page.getByRole('button', { name: 'Copy code and open sign-in page' }).click();
      await page.getByText('Code copied').waitFor();
    },
    sizes: [[1024, 700], [1280, 800]],
  },
  {
    name: 'reauth-blocked',
    query: 'signin=blocked',
    act: async (page) => {
      await page.getByRole('button', { name: 'Sign in again…' }).click();
      await page.getByRole('button', { name: 'Sign in with a browser', exact: true }).waitFor();
    },
  },
  {
    name: 'reauth-code-pending-long',
    query: 'signin=slow',
    act: async (page) => {
      await page.getByRole('button', { name: 'Sign in again…' }).click();
      await page.getByText('Still waiting?').waitFor();
    },
  },
  {
    name: 'reauth-profile-blocked',
    query: 'health=blocked',
    act: async (page) => {
      await page.getByRole('button', { name: /Sign in/ }).first().click();
      await page.getByText('Finish signing in in your web browser').waitFor();
    },
  },
  {
    name: 'reauth-browser',
    query: 'signin=blocked',
    act: async (page) => {
      await page.getByRole('button', { name: 'Sign in again…' }).click();
      await page.getByRole('button', { name: 'Sign in with a browser', exact: true }).click();
      await page.getByText('Finish signing in in your web browser').waitFor();
    },
  },
  {
    name: 'reauth-success',
    query: 'health=expired',
    act: async (page) => {
      await page.getByRole('button', { name: 'Sign in again…' }).click();
      await page.getByRole('heading', { name: 'Signed in', exact: false }).first().waitFor();
      await page.getByText('Closing in a moment').waitFor({ timeout: 10_000 });
    },
  },
  {
    name: 'reauth-declined',
    query: 'signin=decline',
    act: async (page) => {
      await page.getByRole('button', { name: 'Sign in again…' }).click();
      await page.getByText('The sign-in was declined').waitFor({ timeout: 10_000 });
    },
  },
  { name: 'settings', act: clickSidebar('Settings'), sizes: [[760, 700], [1024, 700], [1280, 800]] },
  {
    name: 'settings-remove-default-explained',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Remove…' }).first().hover();
      await page.waitForTimeout(1200);
    },
    sizes: [[760, 700]],
  },
  {
    name: 'settings-ca-file-picked',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Edit…' }).first().click();
      await page.getByRole('button', { name: /^Choose…/ }).click();
      await page.getByLabel('Extra CA certificate (optional)').scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: /^Choose…/ }).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
    sizes: [[760, 700], [1280, 800]],
  },
  {
    name: 'settings-config-changed-while-editing',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Edit…' }).first().click();
      await page.getByLabel('Tenant').fill('contoso.onmicrosoft.com');
      await page.evaluate("window.delegateFake.emit('config:changed', {})");
      await page.getByText('config.json changed on disk').waitFor();
    },
  },
  {
    name: 'settings-setup-check',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Check my setup' }).click();
      await page.getByRole('list', { name: 'Problems and warnings' }).waitFor();
      await page.getByText(/passed checks$/).click();
      await page.getByRole('heading', { name: 'Check my setup' }).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
    sizes: [[1024, 700], [1280, 800]],
  },
  {
    name: 'settings-setup-check-broken',
    query: 'doctor=broken',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Check my setup' }).click();
      await page.getByRole('list', { name: 'Problems and warnings' }).waitFor();
      await page.getByRole('heading', { name: 'Check my setup' }).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'settings-log-files',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('heading', { name: 'Log files' }).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'settings-evidence-pack',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('switch', { name: 'Include every profile' }).click();
      await page.getByRole('button', { name: 'Write evidence pack…' }).click();
      await page.getByRole('status').filter({ hasText: /Saved \d+ profiles and \d+ jobs to/ }).waitFor();
      await page.getByRole('heading', { name: 'Evidence for your security team' }).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
    sizes: [[1024, 700], [1280, 800]],
  },
  {
    name: 'settings-edit-scopes',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Edit…' }).first().click();
      const scopes = page.getByLabel('Scopes', { exact: true });
      await scopes.fill('Mail.Send\nCalendar.ReadWrite\nuser.read\nFiles.ReadWrite.All');
      await page.getByText(/Did you mean/).first().waitFor();
      await page.getByRole('list', { name: 'Problems with the scopes' }).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'settings-new-custom-plaintext',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Add profile…' }).click();
      await page.getByLabel('Name').fill('emulator');
      await page.getByLabel('Cloud').selectOption('custom');
      await page.getByLabel('Sign-in host').fill('https://127.0.0.1:8443');
      await page.getByRole('radio', { name: /Plaintext file/ }).check();
      await page.getByRole('button', { name: 'Add profile', exact: true }).click();
      await page.getByText('Tick the box').first().scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'settings-save-error',
    act: async (page) => {
      await clickSidebar('Settings')(page);
      await page.getByRole('button', { name: 'Edit…' }).nth(2).click();
      await page.getByLabel('Extra CA certificate (optional)').fill('ca.pem');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Delegate did not save the profile').waitFor();
      await page.getByRole('button', { name: 'Save', exact: true }).scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'keyboard-focus',
    act: async (page) => {
      await clickSidebar('Jobs')(page);
      await page.getByRole('heading', { name: 'Daily sales report' }).waitFor();
      for (let step = 0; step < 3; step += 1) await page.keyboard.press('Tab');
    },
  },
  { name: 'missing-bridge', query: 'bridge=none' },
  // The schedule builder alone (renderer/dev/schedule-builder-dev.tsx); the preview's clock and zones are pinned.
  ...scheduleBuilderShots(),
  ...editorShots(),
];

function scheduleBuilderShots(): Shot[] {
  const sizes: Array<[number, number]> = [[1280, 800], [760, 900]];
  const at = (schedule: string, tz: string, now = '2026-03-27T12:00:00Z') => `component=schedule-builder&now=${now}&local=Europe/Berlin&schedule=${encodeURIComponent(schedule)}&tz=${encodeURIComponent(tz)}`;
  return [
    { name: 'schedule-weekdays', query: at('0 7 * * 1-5', 'Europe/Berlin'), sizes },
    { name: 'schedule-other-zone-dst', query: at('30 2 * * *', 'America/New_York', '2026-03-06T12:00:00Z'), sizes },
    { name: 'schedule-weekly', query: at('0 9 * * 1,3,5', ''), sizes },
    { name: 'schedule-berlin-spring-forward', query: at('30 2 * * *', 'Europe/Berlin'), sizes },
    { name: 'schedule-seconds-often', query: at('*/10 * * * * *', 'Europe/Berlin'), sizes },
    { name: 'schedule-monthly-31st', query: at('30 8 31 * *', 'Europe/Berlin'), sizes },
    { name: 'schedule-every-minutes', query: at('*/15 * * * *', 'Europe/Berlin'), sizes },
    { name: 'schedule-custom-uneven', query: at('*/7 9-17 * * 1-5', 'Europe/Berlin'), sizes },
    { name: 'schedule-never-fires', query: at('0 0 30 2 *', 'Europe/Berlin'), sizes },
    { name: 'schedule-invalid', query: at('0 25 * * *', 'Europe/Berlin'), sizes },
    {
      name: 'schedule-weekly-no-day',
      query: at('0 9 * * 1', 'Europe/Berlin'),
      act: async (page) => {
        await page.getByRole('button', { name: 'Monday' }).click();
        await page.getByText('Choose at least one day of the week.').waitFor();
      },
      sizes,
    },
  ];
}

/** The job editor: each kind's form (tall, so the whole form is in the picture), the chooser, errors, delete, file changed. */
function editorShots(): Shot[] {
  const tall: Array<[number, number]> = [[1280, 1700], [760, 2300]];
  const openEditor = (jobName: string) => async (page: Page) => {
    await clickSidebar('Jobs')(page);
    await page.getByRole('heading', { name: jobName }).waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true, description: jobName }).click();
    await page.getByRole('form').waitFor();
    await page.waitForTimeout(400);
  };
  const kinds: Array<[string, string]> = [
    ['mail-send', 'Daily sales report'],
    ['files-download', 'Pull the budget workbook'],
    ['files-upload', 'Upload the nightly export'],
    ['teams-message', 'Tell the team the ETL is done'],
    ['mail-attachments', 'Save supplier invoices'],
    ['graph-request', 'Weekly identity check'],
    ['script', 'Nightly ETL (python3 etl.py)'],
  ];
  return [
    ...kinds.map(([kind, jobName]): Shot => ({ name: `job-editor-${kind}`, sizes: tall, act: openEditor(jobName) })),
    {
      name: 'job-editor-sticky-buttons',
      sizes: [[760, 700]],
      act: openEditor('Daily sales report'),
    },
    {
      name: 'job-editor-choose-kind',
      sizes: [[1280, 800], [760, 700]],
      act: async (page) => {
        await clickSidebar('Jobs')(page);
        await page.getByRole('button', { name: 'New job' }).click();
        await page.getByRole('radio', { name: /Run a script/ }).waitFor();
        await page.keyboard.press('ArrowDown');
      },
    },
    {
      name: 'job-editor-new-errors',
      sizes: [[1280, 1500], [760, 2000]],
      act: async (page) => {
        await clickSidebar('Jobs')(page);
        await page.getByRole('button', { name: 'New job' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByLabel('Name').fill('CON');
        await page.getByLabel('To', { exact: true }).fill('ops@contoso.com; not-an-address');
        await page.getByLabel('To', { exact: true }).press('Enter');
        await page.getByRole('button', { name: 'Add job' }).click();
        await page.getByText('Fix the fields marked above').waitFor();
      },
    },
    {
      name: 'job-editor-invalid-job',
      sizes: [[1280, 1500]],
      act: async (page) => {
        await clickSidebar('Jobs')(page);
        await page.getByRole('button', { name: 'Edit job weekly-digest' }).click();
        await page.getByRole('form').waitFor();
        await page.waitForTimeout(400);
      },
    },
    {
      name: 'job-editor-delete-confirm',
      sizes: [[1280, 800], [760, 700]],
      act: async (page) => {
        await clickSidebar('Jobs')(page);
        await page.getByRole('button', { name: 'Delete…', description: 'Pull the budget workbook' }).click();
        await page.getByRole('dialog').waitFor();
      },
    },
    {
      name: 'job-editor-file-changed',
      query: 'save=file-changed',
      sizes: [[1280, 800], [760, 700]],
      act: async (page) => {
        await openEditor('Weekly identity check')(page);
        await page.getByLabel('Path', { exact: true }).fill('/me/drive/root');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('The jobs file changed since it was read').waitFor();
      },
    },
  ];
}

async function main(): Promise<void> {
  const only = process.argv[2];
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems: string[] = [];
  try {
    for (const scheme of ['light', 'dark'] as const) {
      for (const shot of SHOTS) {
        if (only && !shot.name.includes(only)) continue;
        for (const [width, height] of shot.sizes ?? [[1024, 700]]) {
          const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1, reducedMotion: 'reduce' });
          await context.route(`${ORIGIN}/**`, async (route) => {
            const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(/^\/+/, '');
            try {
              const body = readFileSync(join(ROOT, path));
              await route.fulfill({ status: 200, body, headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': CSP } });
            } catch {
              await route.fulfill({ status: 404, body: 'not found' });
            }
          });
          const page = await context.newPage();
          const label = `${shot.name} ${scheme} ${width}`;
          page.on('console', (message) => {
            if (message.type() === 'error' || message.type() === 'warning') problems.push(`${label}: console ${message.type()}: ${message.text()}`);
          });
          page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
          // A string, as this file is type-checked without the DOM's types.
          await page.addInitScript({
            content: "document.addEventListener('securitypolicyviolation', (event) => console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));",
          });
          await page.goto(`${ORIGIN}/dev.html${shot.query ? `?${shot.query}` : ''}`);
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(250);
          try {
            await shot.act?.(page);
          } catch (error) {
            problems.push(`${label}: step failed: ${(error as Error).message.split('\n')[0]}`);
          }
          await page.waitForTimeout(200);
          const file = join(OUT, `dev-${shot.name}-${scheme}-${width}.png`);
          await page.screenshot({ path: file });
          console.log(file);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
}

await main();

/**
 * Benchmark: the desktop window, in the system Chromium over the real core (the end-to-end test bridge).
 *
 * - the renderer bundle: every file in dist/renderer/assets, raw and gzipped;
 * - the overview: time from navigation to the countdown's days on screen, median of 10 fresh page loads;
 * - History over 100,000 runs: time from the click to the first rows, the page's JS heap, and End (scroll to the
 *   last run, which pages through the whole history by keyset) with its time and heap.
 *
 * Prints numbers and asserts nothing. `npm run bench:ui` (builds the renderer first);
 * `BENCH_RUNS=20000` for a smaller history. Times on these machines are noisy: compare runs made together.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { HistoryStore, historyPath } from '../../electron/core/history/history-store.js';
import { addProfile } from '../../electron/core/profiles/profile-service.js';
import { profilePaths } from '../../electron/core/config/profile-paths.js';
import { DEFAULT_RENDERER_DIR, startBridge, type Bridge } from '../e2e/bridge/bridge-server.js';
import { launchChromium, WINDOW_SIZE } from '../e2e/support/browser.js';
import type { RunStatus } from '../../shared/models/job-run.js';

const PAGE_LOADS = 10;
const HISTORY_RUNS = Number(process.env.BENCH_RUNS ?? 100_000);
/** Under the default retention (10,000 runs per job, a year), so the engine keeps every row at start. */
const HISTORY_JOBS = Math.max(20, Math.ceil(HISTORY_RUNS / 5_000));
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs in every page before its scripts: notes (on performance.now(), counted from navigation start) when the
 * countdown's days first show, when the last click happened, and when the first and the last history rows show.
 */
const MARKS_SCRIPT = `(() => {
  const marks = { countdown: null, click: null, firstRow: null, lastRow: null };
  Object.defineProperty(window, '__benchMarks', { value: marks });
  addEventListener('click', () => { marks.click = performance.now(); marks.firstRow = null; }, true);
  const check = () => {
    const now = performance.now();
    if (marks.countdown === null) {
      const ring = document.querySelector('[role="img"][aria-label$="days left"]');
      if (ring && /^\\d+ of \\d+ days left$/.test(ring.getAttribute('aria-label')) && ring.getClientRects().length > 0) marks.countdown = now;
    }
    if (marks.click !== null && marks.firstRow === null && document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"][aria-selected]')) marks.firstRow = now;
    if (marks.lastRow === null && window.__benchLastRowIndex && document.querySelector('[role="grid"] [role="row"][aria-rowindex="' + window.__benchLastRowIndex + '"][aria-selected]')) marks.lastRow = now;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'aria-selected'] });
})();`;

interface Marks {
  countdown: number | null;
  click: number | null;
  firstRow: number | null;
  lastRow: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function bundleSize(): void {
  const assets = join(DEFAULT_RENDERER_DIR, 'assets');
  console.log(`renderer bundle (${assets}):`);
  let shipped = 0;
  let shippedGzip = 0;
  let maps = 0;
  let mapsGzip = 0;
  for (const name of readdirSync(assets).sort()) {
    const bytes = readFileSync(join(assets, name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    console.log(`  ${name.padEnd(40)} ${kb(bytes.length).padStart(11)}  gzip ${kb(gzip).padStart(10)}`);
    if (name.endsWith('.map')) {
      maps += bytes.length;
      mapsGzip += gzip;
    } else {
      shipped += bytes.length;
      shippedGzip += gzip;
    }
  }
  const html = readFileSync(join(DEFAULT_RENDERER_DIR, 'index.html'));
  console.log(`  ${'index.html'.padEnd(40)} ${kb(html.length).padStart(11)}  gzip ${kb(gzipSync(html, { level: 9 }).length).padStart(10)}`);
  console.log(`  total loaded by the window (JS + CSS):   ${kb(shipped)}, gzip ${kb(shippedGzip)}`);
  console.log(`  source maps (not loaded):                ${kb(maps)}, gzip ${kb(mapsGzip)}`);
}

/** A home whose profile looks signed in a day ago (metadata only: the window needs no token to draw). */
async function signedInHome(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'delegate-ui-bench-'));
  await addProfile(home, 'work', { cloud: 'custom', authorityHost: 'https://127.0.0.1:9', graphBaseUrl: 'https://127.0.0.1:9/graph', scopes: ['User.Read', 'Mail.Send'] });
  const paths = profilePaths(home, 'work');
  mkdirSync(paths.dir, { recursive: true });
  const signedIn = new Date(Date.now() - DAY_MS).toISOString();
  writeFileSync(
    paths.meta,
    JSON.stringify({
      version: 1,
      account: { username: 'adele.vance@contoso.onmicrosoft.com', tenantId: '5d2c8a14-7b3e-4f09-9a61-2e8c0b7d4f13', homeAccountId: 'x.y', environment: '127.0.0.1' },
      grantedScopes: ['User.Read', 'Mail.Send'],
      lastInteractiveAuth: signedIn,
      lastSilentAuth: null,
      lastProbe: null,
      lastAuthError: null,
    }),
  );
  return home;
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: WINDOW_SIZE });
  await context.addInitScript({ content: MARKS_SCRIPT });
  return context.newPage();
}

/** The page's globals the marks script sets (functions, not strings: the window's CSP forbids eval). */
type BenchGlobals = { __benchMarks: Marks; __benchLastRowIndex?: number };

async function marks(page: Page): Promise<Marks> {
  return page.evaluate(() => (globalThis as unknown as BenchGlobals).__benchMarks);
}

function waitForMark(page: Page, mark: keyof Marks, timeout = 60_000): Promise<unknown> {
  return page.waitForFunction((name) => (globalThis as unknown as BenchGlobals).__benchMarks?.[name] != null, mark, { polling: 'raf', timeout });
}

async function jsHeap(page: Page, collect = false): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (collect) await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  } finally {
    await cdp.detach();
  }
}

async function overviewLoads(browser: Browser, bridge: Bridge): Promise<void> {
  const waitForCountdown = (page: Page) => waitForMark(page, 'countdown', 30_000);
  // One load to warm Chromium's and the core's caches; not counted.
  const warm = await freshPage(browser);
  await warm.goto(bridge.url);
  await waitForCountdown(warm);
  await warm.context().close();

  const inPage: number[] = [];
  const wall: number[] = [];
  const parsed: number[] = [];
  const firstAnswer: number[] = [];
  let heap = 0;
  for (let i = 0; i < PAGE_LOADS; i++) {
    const page = await freshPage(browser);
    const started = performance.now();
    await page.goto(bridge.url);
    await waitForCountdown(page);
    wall.push(performance.now() - started);
    inPage.push((await marks(page)).countdown as number);
    const timing = await page.evaluate(() => {
      type Timing = { getEntriesByType(type: string): Array<{ name: string; startTime: number; responseEnd: number; domContentLoadedEventEnd?: number }> };
      const entries = (globalThis as unknown as { performance: Timing }).performance;
      const ipc = entries.getEntriesByType('resource').find((entry) => entry.name.endsWith('/ipc'));
      return { domContentLoaded: entries.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? Number.NaN, firstIpcEnd: ipc?.responseEnd ?? Number.NaN };
    });
    parsed.push(timing.domContentLoaded);
    firstAnswer.push(timing.firstIpcEnd);
    if (i === PAGE_LOADS - 1) heap = await jsHeap(page, true);
    await page.context().close();
  }
  console.log(`overview, navigation to the countdown's days on screen (${PAGE_LOADS} fresh page loads, each a new browser context):`);
  console.log(`  in the page (performance.now() from navigation start): median ${ms(median(inPage))}, min ${ms(Math.min(...inPage))}, max ${ms(Math.max(...inPage))}`);
  console.log(`  of which: DOMContentLoaded (HTML, shim, bundle parsed and run) median ${ms(median(parsed))}; first IPC answer (app:get-state) in median ${ms(median(firstAnswer))}`);
  console.log(`  from the test's side (goto → seen, with CDP round trips): median ${ms(median(wall))}`);
  console.log(`  JS heap used after load (after GC): ${mb(heap)}`);
}

function seedHistory(home: string): void {
  const store = new HistoryStore(historyPath(home));
  const statuses: Array<Exclude<RunStatus, 'running'>> = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'skipped', 'timed-out'];
  const now = Date.now();
  const span = 300 * DAY_MS;
  const started = performance.now();
  const BATCH = 10_000;
  for (let i = 0; i < HISTORY_RUNS; i += BATCH) {
    store.transaction(() => {
      for (let j = i; j < Math.min(i + BATCH, HISTORY_RUNS); j++) {
        const at = now - span + Math.floor((j / HISTORY_RUNS) * span);
        const status = statuses[j % statuses.length] as Exclude<RunStatus, 'running'>;
        const run = store.startRun({ jobId: `job-${String(j % HISTORY_JOBS).padStart(2, '0')}`, trigger: 'schedule', scheduledFor: new Date(at).toISOString(), startedAt: new Date(at).toISOString(), attempt: 1 });
        store.finishRun(run.id, {
          status,
          endedAt: new Date(at + 1_000 + (j % 20_000)).toISOString(),
          summary: status === 'succeeded' ? `Sent 'Report ${j}' to ${1 + (j % 5)} recipients` : null,
          error: status === 'failed' ? { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.', httpStatus: 403 } : null,
          outputTail: null,
        });
      }
    });
  }
  store.close();
  console.log(`history: ${HISTORY_RUNS.toLocaleString('en')} runs across ${HISTORY_JOBS} jobs written in ${ms(performance.now() - started)}`);
  // The jobs exist (so History shows their names), switched off so nothing runs during the bench.
  const jobs = Array.from({ length: HISTORY_JOBS }, (_, index) => {
    const id = `job-${String(index).padStart(2, '0')}`;
    return `  - id: ${id}\n    name: Report ${index}\n    enabled: false\n    schedule: "0 7 * * *"\n    action: { kind: graph.request, path: /me }\n`;
  });
  writeFileSync(join(home, 'jobs.yaml'), `jobs:\n${jobs.join('')}`);
}

async function historyView(browser: Browser, bridge: Bridge): Promise<void> {
  const page = await freshPage(browser);
  try {
    await page.goto(bridge.url);
    await waitForMark(page, 'countdown', 30_000);
    const heapOverview = await jsHeap(page, true);
    const total = `${HISTORY_RUNS.toLocaleString('en')} runs`;
    await page.getByRole('navigation', { name: 'Delegate' }).getByRole('button', { name: 'History' }).click();
    await waitForMark(page, 'firstRow');
    const first = await marks(page);
    await page.getByRole('status').filter({ hasText: total }).waitFor({ timeout: 60_000 });
    const heapFirst = await jsHeap(page);
    const heapFirstGc = await jsHeap(page, true);
    console.log(`history view over ${total}:`);
    console.log(`  click on History → first rows on screen: ${ms((first.firstRow as number) - (first.click as number))}`);
    console.log(`  JS heap used: on the overview ${mb(heapOverview)}; with the first rows ${mb(heapFirst)} (${mb(heapFirstGc)} after GC)`);

    // End: the grid selects the last run, which pages through the whole history (keyset, 500 a page).
    const grid = page.getByRole('grid', { name: 'Runs, newest first' });
    await page.evaluate((index) => {
      (globalThis as unknown as BenchGlobals).__benchLastRowIndex = index;
    }, HISTORY_RUNS + 1);
    await grid.focus();
    const started = performance.now();
    await grid.press('End');
    const lastRow = grid.locator(`[role="row"][aria-rowindex="${HISTORY_RUNS + 1}"][aria-selected]`);
    let reached = true;
    try {
      await lastRow.waitFor({ timeout: 300_000 });
    } catch {
      reached = false;
    }
    const elapsed = performance.now() - started;
    if (!reached) {
      console.log(`  End: the last run did not show within ${ms(elapsed)}`);
      return;
    }
    const heapEnd = await jsHeap(page);
    const heapEndGc = await jsHeap(page, true);
    const rendered = await grid.getByRole('row').count();
    console.log(`  End (scroll to the last run, every page loaded): ${ms(elapsed)}; ${rendered} rows in the page (windowed)`);
    console.log(`  JS heap used with all ${HISTORY_RUNS.toLocaleString('en')} runs loaded: ${mb(heapEnd)} (${mb(heapEndGc)} after GC)`);
  } finally {
    await page.context().close();
  }
}

async function main(): Promise<void> {
  try {
    statSync(join(DEFAULT_RENDERER_DIR, 'index.html'));
  } catch {
    console.error(`ui-bench: ${DEFAULT_RENDERER_DIR} is not built; run \`npx vite build\` (npm run bench:ui does).`);
    process.exit(2);
  }
  console.log(`ui bench (Node ${process.version}, ${WINDOW_SIZE.width}×${WINDOW_SIZE.height} window)`);
  bundleSize();

  const browser = await launchChromium();
  console.log(`chromium ${browser.version()}`);
  const homes: string[] = [];
  try {
    const home = await signedInHome();
    homes.push(home);
    const bridge = await startBridge({ home });
    try {
      await overviewLoads(browser, bridge);
    } finally {
      await bridge.close();
    }

    const busyHome = await signedInHome();
    homes.push(busyHome);
    seedHistory(busyHome);
    const busyBridge = await startBridge({ home: busyHome });
    try {
      await historyView(browser, busyBridge);
    } finally {
      await busyBridge.close();
    }
  } finally {
    await browser.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  }
}

await main();

/**
 * The system Chromium, driven by playwright-core (Playwright's own browser download is blocked here), and the
 * app's window opened in it from the test bridge.
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Bridge } from '../bridge/bridge-server.js';

export const CHROMIUM_PATH = process.env.DELEGATE_CHROMIUM ?? '/usr/bin/chromium';

/** Headless flags that keep Chromium from reaching out to anything but the test servers. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The window's size: the app's default window (electron/shell/main-window.ts) is about this. */
export const WINDOW_SIZE = { width: 1100, height: 760 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface AppWindow {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations in the window: a working window has none. */
  problems: string[];
  close(): Promise<void>;
}

/** Opens the app's window from the bridge, as Electron would, and waits for the first view. */
export async function openAppWindow(browser: Browser, bridge: Bridge, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<AppWindow> {
  // The machine's locale and time zone, as Electron's window shares them with the core that computes schedules.
  const context = await browser.newContext({ viewport: WINDOW_SIZE, colorScheme: options.colorScheme ?? 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  await page.goto(bridge.url);
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  return { context, page, problems, close: () => context.close() };
}

/** A colour as people name it, from the CSS colour the page computed ("rgb(31, 138, 59)" → "green"). */
export function colourName(cssColour: string): 'green' | 'amber' | 'red' | 'grey' | 'blue' | 'other' {
  const match = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(cssColour);
  if (!match) return 'other';
  const [r, g, b] = [Number(match[1]), Number(match[2]), Number(match[3])].map((value) => value / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 0.12) return 'grey';
  let hue: number;
  if (max === r) hue = (60 * ((g - b) / (max - min)) + 360) % 360;
  else if (max === g) hue = 60 * ((b - r) / (max - min)) + 120;
  else hue = 60 * ((r - g) / (max - min)) + 240;
  if (hue < 15 || hue >= 340) return 'red';
  if (hue < 65) return 'amber';
  if (hue >= 85 && hue < 170) return 'green';
  if (hue >= 190 && hue < 260) return 'blue';
  return 'other';
}

/** The page's computed value of a CSS property (kebab-case) on the element a locator finds. */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  // The DOM's globals, typed here: the tests' tsconfig is Node's and has no DOM library.
  type Dom = { getComputedStyle(element: unknown): { getPropertyValue(name: string): string } };
  return locator.evaluate((element, name) => (globalThis as unknown as Dom).getComputedStyle(element).getPropertyValue(name), property);
}

/**
 * The set-up most window tests share: a fresh home and bridge, the window opened on it, and afterwards both
 * closed — with the test failing if the window logged an error (CSP violations show up there too).
 */
import { afterEach, expect } from 'vitest';
import { openAppWindow, type AppWindow } from './browser.js';
import { startAppHome, type AppHome, type AppHomeOptions, type Session } from './app-session.js';

export interface AppUnderTest {
  app: AppHome;
  appWindow: AppWindow;
}

export function useAppUnderTest(session: Session): (options?: AppHomeOptions) => Promise<AppUnderTest> {
  let current: AppUnderTest | undefined;
  afterEach(async () => {
    const problems = current?.appWindow.problems ?? [];
    await current?.appWindow.close();
    await current?.app.cleanup();
    current = undefined;
    expect(problems, 'the window logged errors (CSP violations show up here too)').toEqual([]);
  });
  return async (options) => {
    const app = await startAppHome(session.emulator, options);
    const appWindow = await openAppWindow(session.browser, app.bridge);
    current = { app, appWindow };
    return current;
  };
}

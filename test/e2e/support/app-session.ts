/**
 * The common set-up of the end-to-end tests: one emulator and one Chromium per file; per test a fresh Delegate
 * home with a profile `emu` on the emulator (keychain cache, as a person's would be), optionally jobs and a
 * sign-in, and the bridge running the real core over it.
 */
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { profilePaths } from '../../../electron/core/config/profile-paths.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { makeHome } from '../../support/test-home.js';
import { writeJobs } from '../../support/jobs.js';
import { startBridge, type Bridge } from '../bridge/bridge-server.js';
import type { SignInState } from '../../../shared/ipc/ipc-models.js';
import { launchChromium } from './browser.js';

export const PROFILE = 'emu';
export const ADELE = 'adele.vance@contoso.onmicrosoft.com';
export const MEGAN = 'megan.bowen@contoso.onmicrosoft.com';
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Session {
  emulator: TestEmulator;
  browser: Browser;
}

/** One emulator and one browser for the whole file. */
export function useSession(options: { browser?: boolean } = {}): Session {
  const session = {} as Session;
  beforeAll(async () => {
    session.emulator = await startTestEmulator();
    if (options.browser !== false) session.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.emulator?.close();
  });
  return session;
}

export interface AppHome {
  home: string;
  bridge: Bridge;
  cleanup(): Promise<void>;
}

export interface AppHomeOptions {
  jobs?: Array<Record<string, unknown>>;
  /** jobs.yaml as written by hand (comments, flow style…), instead of `jobs`. */
  jobsYaml?: string;
  /** Sign in (as this user, default Adele) through the app before the test starts. */
  signedIn?: boolean | string;
  /** The folder the app's save dialog picks for the evidence pack; default: the dialog is cancelled. */
  evidenceDir?: string;
}

/** A fresh home with the `emu` profile, the bridge over it, and optionally jobs and a sign-in. */
export async function startAppHome(emulator: TestEmulator, options: AppHomeOptions = {}): Promise<AppHome> {
  const { home, cleanup } = makeHome();
  await emulator.control('POST', '/reset');
  await addProfile(home, PROFILE, { cloud: 'custom', authorityHost: emulator.authorityHost, graphBaseUrl: emulator.graphBaseUrl, caFile: emulator.caFile });
  if (options.jobs) writeJobs(home, options.jobs);
  if (options.jobsYaml !== undefined) writeFileSync(join(home, 'jobs.yaml'), options.jobsYaml);
  const { evidenceDir } = options;
  const bridge = await startBridge({ home, ...(evidenceDir ? { platform: { evidenceFile: (name: string) => join(evidenceDir, name) } } : {}) });
  if (options.signedIn) await signInThroughApp(bridge, emulator, typeof options.signedIn === 'string' ? options.signedIn : ADELE);
  return {
    home,
    bridge,
    async cleanup() {
      await bridge.close();
      cleanup();
    },
  };
}

/** A device code sign-in through the app service, approved through the emulator's control API. */
export async function signInThroughApp(bridge: Bridge, emulator: TestEmulator, user = ADELE): Promise<void> {
  const states: SignInState[] = [];
  let wake = () => {};
  const off = bridge.service.events.onAny((channel, payload) => {
    if (channel !== 'auth:state') return;
    states.push(payload as SignInState);
    wake();
  });
  try {
    bridge.service.startDeviceCode(PROFILE);
    const code = await until(states, (state) => state.phase === 'device-code' && state.deviceCode !== undefined, (next) => (wake = next));
    const approved = await emulator.control('POST', `/device-codes/${code.deviceCode?.userCode}/approve`, { user });
    if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${JSON.stringify(approved.body)}`);
    const done = await until(states, (state) => state.phase !== 'device-code', (next) => (wake = next));
    if (done.phase !== 'signed-in') throw new Error(`the sign-in ended ${done.phase}: ${JSON.stringify(done.error)}`);
  } finally {
    off();
  }
}

async function until<T>(seen: T[], predicate: (value: T) => boolean, setWake: (wake: () => void) => void, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = seen.find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out; seen: ${JSON.stringify(seen)}`);
    await new Promise<void>((resolve) => {
      setWake(resolve);
      setTimeout(resolve, 200);
    });
  }
}

/** Moves the last sign-in (and any silent refresh) back by `days`, as if that much time had passed. */
export function backdateSignIn(home: string, days: number): void {
  const path = profilePaths(home, PROFILE).meta;
  const meta = JSON.parse(readFileSync(path, 'utf8')) as { lastInteractiveAuth: string | null; lastSilentAuth: string | null };
  const back = (iso: string | null) => (iso === null ? null : new Date(Date.now() - days * DAY_MS).toISOString());
  meta.lastInteractiveAuth = back(meta.lastInteractiveAuth ?? new Date().toISOString());
  meta.lastSilentAuth = back(meta.lastSilentAuth);
  writeFileSync(path, `${JSON.stringify(meta, null, 2)}\n`);
}

/** The jobs the tests use: a Graph call that saves `/me`, and a mail to Megan. */
export const WHOAMI_JOB = { id: 'whoami', name: 'Who am I', schedule: '0 9 * * 1', profile: PROFILE, action: { kind: 'graph.request', method: 'GET', path: '/me', saveTo: 'out/me.json' } };
export const REPORT_JOB = {
  id: 'daily-report',
  name: 'Daily sales report',
  schedule: '0 7 * * 1-5',
  profile: PROFILE,
  action: { kind: 'mail.send', to: [MEGAN], subject: 'Daily sales report', body: { text: 'Sales are up.' } },
};

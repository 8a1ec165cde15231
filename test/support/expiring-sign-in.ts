/**
 * A sign-in near the end of its window, for the expiry-warning tests: as Delegate last renewed it `days` ago, with
 * Entra's token endpoint failing from now on. The daemon's probes then cannot renew it (a probe that works would
 * restart the 90 days), while Graph still takes the access token cached by the probe run just before.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import type { EmulatorHome } from './emulator-home.js';

const DAY_MS = 86_400_000;

export async function signInRenewedDaysAgo(setup: EmulatorHome, days: number, profile = 'emu'): Promise<void> {
  expect((await runCli(['status', '--probe', '--profile', profile], { home: setup.home })).code).toBe(0);
  const metaPath = join(setup.home, 'profiles', profile, 'meta.json');
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
  const then = new Date(Date.now() - days * DAY_MS).toISOString();
  writeFileSync(metaPath, JSON.stringify({ ...meta, lastInteractiveAuth: then, lastSilentAuth: then, lastProbe: null }));
  await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', status: 503, count: 1000 });
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { writeJobs } from '../support/jobs.js';

// Teams posts need Graph PowerShell: Office is not pre-authorised for them.
const setup = useEmulatorHome({ signedIn: true, clientId: 'graph-powershell' });
const OPS_CHAT = '19:d2c8e5a1f7b34c69a0e4b8d1c5f92a37@thread.v2';
const DAY_MS = 86_400_000;

interface Posted {
  kind: string;
  chatId: string;
  contentType: string;
  content: string;
}

async function until(what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function daemonCheckOnce(): Promise<string> {
  const daemon = startCli(['daemon'], { home: setup.home });
  await until('the first probe', () => /probe emu \(start\)/.test(daemon.stdoutText()));
  daemon.child.kill('SIGTERM');
  const result = await daemon.done;
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('expiry warnings in a Teams chat', () => {
  it('posts the warning to the configured chat once, and not again after a restart', async () => {
    writeJobs(setup.home, []);
    expect((await runCli(['status', '--probe', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
    const configPath = join(setup.home, 'config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), notifications: { mail: false, teams: { chatId: OPS_CHAT } } }));
    const metaPath = join(setup.home, 'profiles', 'emu', 'meta.json');
    const then = new Date(Date.now() - 84 * DAY_MS).toISOString();
    writeFileSync(metaPath, JSON.stringify({ ...JSON.parse(readFileSync(metaPath, 'utf8')), lastInteractiveAuth: then, lastSilentAuth: then }));
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', status: 503, count: 1000 });

    const log = await daemonCheckOnce();
    expect(log).toContain('teams: sent "emu: sign-in expires in 6 days" (expiry:emu:7) for emu');
    const posts = (await setup.emulator.control<Posted[]>('GET', '/teams/messages')).body;
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ kind: 'chat', chatId: OPS_CHAT, contentType: 'html' });
    expect(posts[0]?.content).toContain('delegate login --profile emu');
    expect((await setup.emulator.control<unknown[]>('GET', '/mail/sent')).body).toEqual([]);

    await daemonCheckOnce();
    expect((await setup.emulator.control<Posted[]>('GET', '/teams/messages')).body).toHaveLength(1);
  });
});

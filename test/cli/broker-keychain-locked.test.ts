/**
 * The token broker when the keychain locks in the middle of a run (a screen lock, a keyring restart): the script
 * is told to wait and retry, and nobody is told to sign in again.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DELEGATE_BIN, cliEnv, runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring.js';
import { keyringState, lockKeyring, unlockKeyring } from '../support/secret-service.js';
import type { JobRun } from '../../shared/models/job-run.js';

// Its own Secret Service: locking the session's keyring would lock it under the test files running alongside.
let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());
afterEach(() => {
  if (keyringState() === 'locked') unlockKeyring();
});

const setup = useEmulatorHome({ signedIn: true, clientId: 'graph-powershell' });

/** Asks the broker once, prints the status, Retry-After and body; asks again after the test says `go`. */
const TWICE = `
ask() { curl -s -D - -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=$GRAPH_URL" | tr -d '\\r'; echo; }
ask | head -1
echo first-done
while [ ! -e "$GO" ]; do sleep 0.1; done
ask
`;

describe('the token broker when the keychain locks mid-run', () => {
  it('answers 503 with Retry-After and says the keychain is locked, and the profile is not marked as needing a sign-in', async () => {
    const go = join(setup.home, 'go');
    const child = spawn(process.execPath, [DELEGATE_BIN, 'exec', '--profile', 'emu', '--record', 'etl', '--', 'bash', '-c', TWICE], {
      env: cliEnv(setup.home, { GRAPH_URL: setup.emulator.graphBaseUrl, GO: go }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('first-done')) resolve();
      });
      void closed.then((code) => reject(new Error(`delegate exec ended (${code}) early: ${stderr}`)));
    });
    expect(stdout).toContain('HTTP/1.1 200');
    lockKeyring();
    writeFileSync(go, '');
    expect(await closed, stderr).toBe(0);
    const second = stdout.slice(stdout.indexOf('first-done'));
    expect(second).toContain('HTTP/1.1 503');
    expect(second.toLowerCase()).toContain('retry-after: 10');
    expect(second).toContain('"code":"keychain-locked"');
    expect(second).toContain('is locked or not running');
    expect(second).toContain('The sign-in itself is fine.');
    expect(second).not.toContain('delegate login');

    unlockKeyring();
    const runs = JSON.parse((await runCli(['history', 'etl', '--json'], { home: setup.home })).stdout) as JobRun[];
    expect(runs[0]).toMatchObject({ status: 'succeeded', broker: { ok: 1, refused: 1 } });
    const status = await runCli(['status', '--profile', 'emu', '--json'], { home: setup.home });
    expect((JSON.parse(status.stdout) as { status: string; lastAuthError?: unknown }).status).toBe('ok');
    const after = await runCli(['exec', '--profile', 'emu', '--', 'bash', '-c', TWICE.replace('ask | head -1', 'true')], { home: setup.home, env: { GRAPH_URL: setup.emulator.graphBaseUrl, GO: go } });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('HTTP/1.1 200');
  });
});

describe('delegate exec when the keychain is locked before it starts', () => {
  it('does not start a command that needs an env token: exit 5, what to do, and --record keeps a skipped row, as a scheduled run would', async () => {
    const marker = join(setup.home, 'ran');
    lockKeyring();
    const result = await runCli(['exec', '--profile', 'emu', '--record', 'etl', '--token-env', 'GRAPH_TOKEN', '--', 'touch', marker], { home: setup.home });
    unlockKeyring();
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain('The sign-in itself is fine.');
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
    const runs = JSON.parse((await runCli(['history', 'etl', '--json'], { home: setup.home })).stdout) as JobRun[];
    expect(runs[0]).toMatchObject({ trigger: 'exec', status: 'skipped', error: { code: 'keychain-locked' } });
  });
});

/**
 * `delegate doctor` as a person or a support script runs it: the real CLI, the real keychain (a private
 * gnome-keyring this file can lock), the emulator standing in for Entra ID and Graph.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { startTestEmulator } from '../support/emulator.js';
import { makeHome } from '../support/test-home.js';
import { keyringState, lockKeyring, unlockKeyring } from '../support/secret-service.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring.js';
import type { DoctorFinding } from '../../shared/models/doctor-report.js';

interface DoctorJson {
  profile: string;
  ok: boolean;
  exitCode: number;
  transport: string;
  findings: DoctorFinding[];
}

// Its own Secret Service: locking the session's keyring would lock it under the test files running alongside.
let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());
afterEach(() => {
  if (keyringState() === 'locked') unlockKeyring();
});

const setup = useEmulatorHome({ signedIn: true });

async function doctor(home: string, extra: string[] = [], env?: NodeJS.ProcessEnv) {
  const result = await runCli(['doctor', '--profile', 'emu', ...extra], { home, ...(env ? { env } : {}) });
  return { ...result, json: extra.includes('--json') ? (JSON.parse(result.stdout) as DoctorJson) : undefined };
}

const find = (report: DoctorJson, id: string) => report.findings.find((finding) => finding.id === id);

describe('delegate doctor on a healthy emulator profile', () => {
  it('exits 0 and names the proxy decision, the CA that trusted the emulator (the profile CA file) and the keychain check', async () => {
    const { code, json, stderr } = await doctor(setup.home, ['--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = json as DoctorJson;
    expect(report).toMatchObject({ profile: 'emu', ok: true, exitCode: 0, transport: 'node' });
    const host = new URL(setup.emulator.authorityHost).host;

    expect(find(report, 'proxy:login')).toMatchObject({ status: 'pass', data: { proxy: null } });
    expect(find(report, 'proxy:login')?.detail).toContain('goes direct, no proxy');
    expect(find(report, 'proxy:graph')?.status).toBe('pass');
    expect(find(report, 'proxy:download')?.status).toBe('pass');

    expect(find(report, `dns:${host}`)).toMatchObject({ status: 'pass', data: { addresses: [{ address: '127.0.0.1' }] } });
    expect(find(report, `tcp:${host}`)?.status).toBe('pass');
    const tls = find(report, `tls:${host}`);
    expect(tls?.status).toBe('pass');
    expect(tls?.detail).toContain(`the profile's CA file ${setup.emulator.caFile}`);
    expect(tls?.data).toMatchObject({ anchor: { source: 'profile-ca-file', subject: expect.stringContaining('Delegate Entra ID Emulator CA') } });

    expect(find(report, 'keychain')).toMatchObject({ status: 'pass', detail: expect.stringContaining('stored, returned and deleted a unique test entry') });
    expect(find(report, 'clock')?.status).toBe('pass');
    expect(find(report, 'sign-in')?.data).toMatchObject({ username: expect.any(String) });
    expect(find(report, 'scopes')).toMatchObject({ status: 'pass', data: { missing: [] } });
    expect(find(report, 'versions')?.detail).toContain(`Node ${process.versions.node}`);
    expect(find(report, 'lock:scheduler')).toMatchObject({ status: 'pass', detail: 'Free (no lock file).' });

    // No token in the report, however it is read.
    for (const token of await setup.emulator.issuedTokens()) expect(JSON.stringify(report)).not.toContain(token);
  });

  it('prints one PASS/WARN/FAIL line per finding, the fix under each warning, and the summary with the exit code', async () => {
    // As the device-code sign-in records it.
    const metaPath = join(setup.home, 'profiles', 'emu', 'meta.json');
    writeFileSync(metaPath, JSON.stringify({ ...JSON.parse(readFileSync(metaPath, 'utf8')), signInFlow: 'device-code' }));
    const { code, stdout } = await doctor(setup.home);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toContain('Delegate doctor: profile "emu"');
    expect(lines.filter((line) => /^(PASS|WARN|FAIL) {2}/.test(line)).length).toBeGreaterThan(10);
    // Signed in by device code: warned, with the browser sign-in as the fix on the next line.
    const flow = lines.findIndex((line) => line.startsWith('WARN  Sign-in flow last used'));
    expect(flow).toBeGreaterThan(0);
    expect(lines[flow + 1]).toContain('What to do: Prefer the browser sign-in: `delegate login --profile emu --browser`');
    expect(stdout).toMatch(/checks: \d+ passed, 1 warning\(s\), 0 failed\. Exit code 0 \(ok\)\./);
  });

  it('a stale scheduler lock left by a dead process is reported as stale and left in place', async () => {
    const lock = join(setup.home, 'scheduler.lock');
    // PID 999999 does not exist: the lock's holder is gone.
    const contents = `999999 ${hostname()} ${Date.now()} deadbeefdeadbeef - delegate-scheduler`;
    writeFileSync(lock, contents, { mode: 0o600 });
    const { code, json } = await doctor(setup.home, ['--json']);
    expect(code).toBe(0);
    const finding = find(json as DoctorJson, 'lock:scheduler');
    expect(finding).toMatchObject({ status: 'warn', data: { state: 'stale', path: lock } });
    expect(finding?.action).toContain('removes a stale lock itself');
    expect(readFileSync(lock, 'utf8')).toBe(contents);
  });
});

describe('delegate doctor when something is wrong', () => {
  it('with the keyring locked, exits 5 and names the keychain and how to unlock it', async () => {
    lockKeyring();
    const { code, json } = await doctor(setup.home, ['--json']);
    expect(code).toBe(5);
    const report = json as DoctorJson;
    expect(report.ok).toBe(false);
    expect(report.exitCode).toBe(5);
    const keychain = find(report, 'keychain');
    expect(keychain).toMatchObject({ status: 'fail', code: 'keychain-locked' });
    expect(keychain?.detail).toContain('Secret Service keyring');
    expect(keychain?.detail).toContain('locked');
    expect(keychain?.action).toContain('Unlock your keyring');
    // The network is fine all the same: the failure is the keychain's alone.
    expect(report.findings.filter((finding) => finding.area === 'network' || finding.area === 'tls').every((finding) => finding.status === 'pass')).toBe(true);
  });

  it('with the network dead (the emulator gone), exits 4 within bounded time, naming the host it could not reach', async () => {
    const emulator = await startTestEmulator();
    const { home, cleanup } = makeHome();
    try {
      // The CA file kept outside the emulator's folder, which goes with it on close: only the network is dead.
      const caFile = join(home, 'emulator-ca.pem');
      copyFileSync(emulator.caFile, caFile);
      const added = await runCli(['profiles', 'add', 'emu', '--cloud', 'custom', '--authority-host', emulator.authorityHost, '--graph-url', emulator.graphBaseUrl, '--ca-file', caFile], { home });
      expect(added.code).toBe(0);
      expect((await emulator.signIn(home)).code).toBe(0);
      const host = new URL(emulator.authorityHost).host;
      await emulator.close();
      const started = Date.now();
      const { code, json, stdout } = await doctor(home, ['--json']);
      expect(code, stdout).toBe(4);
      // Bounded: the checks give up on their own, far below the test's own timeout.
      expect(Date.now() - started).toBeLessThan(40_000);
      const report = json as DoctorJson;
      expect(report.exitCode).toBe(4);
      const tcp = find(report, `tcp:${host}`);
      expect(tcp).toMatchObject({ status: 'fail', code: 'network' });
      expect(tcp?.detail).toContain(host.split(':')[0]);
      expect(tcp?.detail).toContain('ECONNREFUSED');
      expect(tcp?.action).toContain('Check your network connection');
      expect(find(report, 'keychain')?.status).toBe('pass');
    } finally {
      cleanup();
      await emulator.close().catch(() => undefined);
    }
  });

  it('on a profile nobody signed in to, says to sign in and exits 3', async () => {
    const { home, cleanup } = makeHome();
    try {
      expect((await setup.emulator.addProfile(home)).code).toBe(0);
      const { code, json } = await doctor(home, ['--json']);
      expect(code).toBe(3);
      expect(find(json as DoctorJson, 'sign-in')).toMatchObject({ status: 'fail', code: 'signed-out', action: expect.stringContaining('delegate login --profile emu') });
      expect(find(json as DoctorJson, 'keychain')?.status).toBe('pass');
    } finally {
      cleanup();
    }
  });

  it('`doctor --help` says warnings still exit 0 and lists the exit codes', async () => {
    const { code, stdout } = await runCli(['doctor', '--help'], { home: setup.home });
    expect(code).toBe(0);
    expect(stdout).toContain('warnings do not change it');
    expect(stdout).toContain('5 keychain locked');
  });
});

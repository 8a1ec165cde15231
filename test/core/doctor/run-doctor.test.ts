/**
 * The doctor runner with a fake network stack: every check is bounded (a proxy lookup that never answers
 * becomes a "timed out" line), passwords never reach a finding, and doctor reads locks without breaking them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../electron/core/fs/file-lock.js';
import { profilePaths } from '../../../electron/core/config/profile-paths.js';
import { ensurePrivateDir } from '../../../electron/core/home/delegate-home.js';
import { schedulerLockPath, SCHEDULER_LOCK_KIND } from '../../../electron/core/jobs/scheduler-lock.js';
import { runDoctor } from '../../../electron/core/doctor/run-doctor.js';
import type { DoctorContext } from '../../../electron/core/doctor/doctor-context.js';
import type { TransportFactory } from '../../../electron/core/net/transport-factory.js';
import type { HttpTransport } from '../../../electron/core/net/http-transport.js';
import type { ProxyDecision } from '../../../electron/core/net/proxy-decision.js';
import type { Profile } from '../../../shared/models/profile.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'delegate-doctor-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const profile: Profile = {
  name: 'work',
  id: 'p1',
  cloud: 'custom',
  clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
  tenant: 'organizations',
  // Port 9 (discard) on loopback: nothing listens, so connections are refused at once.
  authorityHost: 'https://127.0.0.1:9',
  graphBaseUrl: 'https://127.0.0.1:9/graph',
  scopes: ['User.Read'],
  extraResources: [],
  lifetimeDays: 90,
  warningDays: 7,
  // The keychain is the CLI tests' business (a real Secret Service); here it stays out of the way.
  cacheBackend: 'plaintext',
};

const refusingTransport: HttpTransport = {
  send: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })),
  close: () => undefined,
};

function context(describeProxy: TransportFactory['describeProxy']): DoctorContext {
  return {
    home,
    profile,
    paths: profilePaths(home, profile.name),
    clock: { now: () => new Date() },
    version: '9.9.9',
    factory: { name: 'fake', create: () => refusingTransport, describeProxy },
    transportOptions: {},
  };
}

const direct = async (target: URL): Promise<ProxyDecision> => ({ target: target.href, proxy: null, source: 'none' });

describe('runDoctor', () => {
  it('a proxy lookup that never answers (a dead PAC server) becomes a "timed out" line, and doctor still finishes', async () => {
    const report = await runDoctor(context(() => new Promise<ProxyDecision>(() => undefined)), { timeouts: { proxyMs: 200 } });
    const proxies = report.findings.filter((finding) => finding.area === 'proxy');
    expect(proxies.length).toBeGreaterThan(0);
    for (const finding of proxies) expect(finding).toMatchObject({ status: 'fail', code: 'network', detail: 'Timed out: no answer within 0.2 seconds.' });
    expect(report.ok).toBe(false);
    // Without a proxy decision, no connection is attempted (it could go the wrong way).
    expect(report.findings.some((finding) => finding.area === 'tls')).toBe(false);
  });

  it('a proxy decision carrying a password shows it as *** however the stack reported it', async () => {
    const leaky = async (target: URL): Promise<ProxyDecision> => ({ target: target.href, proxy: 'http://alice:hunter2@127.0.0.1:9', source: 'env', rule: 'HTTPS_PROXY' });
    const report = await runDoctor(context(leaky), { stepMs: 1_000 });
    expect(report.findings.find((finding) => finding.id === 'proxy:login')?.detail).toContain('goes through the proxy http://alice:***@127.0.0.1:9 (from env, HTTPS_PROXY');
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });

  it('reports what it found in a fixed order, with the version, the sign-in state and the refused connection', async () => {
    const report = await runDoctor(context(direct), { stepMs: 1_000 });
    expect(report).toMatchObject({ profile: 'work', transport: 'fake', ok: false });
    const areas = report.findings.map((finding) => finding.area);
    expect(areas.slice(0, 3)).toEqual(['versions', 'sign-in', 'keychain']);
    expect(report.findings[0]?.detail).toContain('Delegate 9.9.9');
    expect(report.findings.find((finding) => finding.id === 'sign-in')).toMatchObject({ status: 'fail', code: 'signed-out' });
    expect(report.findings.find((finding) => finding.id === 'keychain')).toMatchObject({ status: 'pass', detail: expect.stringContaining('plaintext file') });
    expect(report.findings.find((finding) => finding.id === 'tcp:127.0.0.1:9')).toMatchObject({ status: 'fail', code: 'network' });
    expect(report.findings.find((finding) => finding.id === 'clock')).toMatchObject({ status: 'warn', detail: expect.stringContaining('ECONNREFUSED') });
    expect(report.findings.find((finding) => finding.id === 'scopes')).toMatchObject({ status: 'warn', detail: expect.stringContaining('nobody is signed in') });
    // Every line that is not a pass says what to do.
    for (const finding of report.findings.filter((item) => item.status !== 'pass')) expect(finding.action, finding.id).toBeTruthy();
  });

  it('reads a live scheduler lock and a live cache lock as held, and leaves both in place', async () => {
    ensurePrivateDir(home);
    const releaseScheduler = await acquireLock(schedulerLockPath(home), { kind: SCHEDULER_LOCK_KIND, timeoutMs: 0, staleAfterMs: Number.POSITIVE_INFINITY });
    const paths = profilePaths(home, profile.name);
    ensurePrivateDir(paths.dir);
    const releaseCache = await acquireLock(paths.cacheLock);
    const before = [readFileSync(schedulerLockPath(home), 'utf8'), readFileSync(paths.cacheLock, 'utf8')];
    try {
      const report = await runDoctor(context(direct), { stepMs: 1_000 });
      expect(report.findings.find((finding) => finding.id === 'lock:scheduler')).toMatchObject({ status: 'pass', data: { state: 'held', pid: process.pid } });
      expect(report.findings.find((finding) => finding.id === 'lock:cache')).toMatchObject({ status: 'pass', data: { state: 'held', pid: process.pid } });
      expect([readFileSync(schedulerLockPath(home), 'utf8'), readFileSync(paths.cacheLock, 'utf8')]).toEqual(before);
    } finally {
      releaseScheduler();
      releaseCache();
    }
  });

  it('a cache lock left with garbage in it is stale, said with the fix, and not removed by doctor', async () => {
    const paths = profilePaths(home, profile.name);
    ensurePrivateDir(paths.dir);
    writeFileSync(paths.cacheLock, 'not a lock');
    const report = await runDoctor(context(direct), { stepMs: 1_000 });
    expect(report.findings.find((finding) => finding.id === 'lock:cache')).toMatchObject({ status: 'warn', data: { state: 'stale' }, action: expect.stringContaining(paths.cacheLock) });
    expect(readFileSync(paths.cacheLock, 'utf8')).toBe('not a lock');
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authContext, type AuthContext } from '../../../electron/core/auth/auth-context.js';
import { probe } from '../../../electron/core/auth/probe.js';
import { signInWithDeviceCode } from '../../../electron/core/auth/sign-in.js';
import { acquireTokenSilently } from '../../../electron/core/auth/silent-token.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { healthBeforeRun } from '../../../electron/core/jobs/health-before-run.js';
import { NotificationPolicy } from '../../../electron/core/notifications/notification-policy.js';
import { memoryNotificationStore } from '../../../electron/core/notifications/notification-state.js';
import type { DesktopNotification } from '../../../electron/core/notifications/desktop-notification.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { makeHome } from '../../support/test-home.js';
import type { Clock } from '../../../electron/core/clock.js';

let emulator: TestEmulator;
let home: string;
let cleanup: () => void;
let context: AuthContext;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => emulator.close());
beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  await emulator.control('POST', '/reset');
  const profile = await addProfile(home, 'emu', { cloud: 'custom', authorityHost: emulator.authorityHost, graphBaseUrl: emulator.graphBaseUrl, caFile: emulator.caFile });
  // Delegate's clock is the emulator's: 90 days pass in milliseconds, for both sides alike.
  const clock: Clock = { now: () => emulator.clock.now() };
  context = authContext(home, clock, profile);
  await signInWithDeviceCode(context, {
    onDeviceCode: (info) => void emulator.control('POST', `/device-codes/${info.userCode}/approve`),
  });
});
afterEach(() => cleanup());

describe('the probe, with an injected clock', () => {
  it('keeps the sign-in alive for 100 days when it runs every day', async () => {
    for (let day = 1; day <= 100; day++) {
      emulator.clock.advance(24 * 60 * 60 * 1000);
      const report = await probe(context);
      expect(report.probe.outcome, `day ${day}`).toBe('ok');
      expect(report.health.status).toBe('ok');
      expect(report.health.daysRemaining).toBe(90);
    }
  }, 60_000);

  it('learns that the refresh token expired after 90 idle days, and says what to do', async () => {
    emulator.clock.advance(91 * 24 * 60 * 60 * 1000);
    const report = await probe(context);
    expect(report.probe).toMatchObject({ outcome: 'sign-in-required', aadsts: 700082 });
    expect(report.health.status).toBe('expired');
    expect(report.health.reason).toMatch(/delegate login --profile emu/);
    await expect(acquireTokenSilently(context, { forceRefresh: true })).rejects.toMatchObject({ code: 'sign-in-required', aadsts: 700082 });
  });

  it('is still ok after 89 idle days, with 1 day left', async () => {
    emulator.clock.advance(89 * 24 * 60 * 60 * 1000);
    const health = (await probe(context)).health;
    expect(health.status).toBe('ok');
    expect(health.daysRemaining).toBe(90);
  });

  it('never marks the profile expired when the network is down', async () => {
    const dead = authContext(home, context.clock, { ...context.profile, authorityHost: 'https://127.0.0.1:1' });
    emulator.clock.advance(10 * 24 * 60 * 60 * 1000);
    const report = await probe(dead);
    expect(report.probe.outcome).toBe('network-error');
    expect(report.health.status).toBe('ok');
    expect(report.health.daysRemaining).toBe(80);
  });
});

describe('the daily probe meets a protocol-tracked device code session (AADSTS530036)', () => {
  it('marks the profile blocked that day, notifies once with the browser sign-in, and the next job is skipped before it runs', async () => {
    await emulator.control('POST', '/policy', { deviceCodeProtocolTracking: true });
    emulator.clock.advance(24 * 60 * 60 * 1000);
    const report = await probe(context);
    expect(report.probe).toMatchObject({ outcome: 'blocked', aadsts: 530036 });
    expect(report.health.status).toBe('blocked');
    expect(report.health.signInFlow).toBe('device-code');

    const delivered: DesktopNotification[] = [];
    const notices = new NotificationPolicy({ store: memoryNotificationStore(), deliver: (notification) => delivered.push(notification), clock: context.clock });
    notices.checkHealth([report.health]);
    notices.checkHealth([(await probe(context)).health]); // the app's hourly refresh, the same day
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ kind: 'sign-in-blocked', profile: 'emu', target: { view: 'reauth' } });
    expect(delivered[0]?.body).toBe(
      "Your organisation's Conditional Access no longer accepts this sign-in: it began with a device code (AADSTS530036). Jobs are skipped until then. Click to sign in with a browser.",
    );

    // The scheduler's check before a run: blocked, so the job is skipped with that reason instead of failing.
    expect((await healthBeforeRun(context)).status).toBe('blocked');
  });
});

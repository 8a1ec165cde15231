import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { NotificationPolicy, type NotificationTimers } from '../../../electron/core/notifications/notification-policy.js';
import { fileNotificationStore, memoryNotificationStore, notificationsPath, type NotificationStore } from '../../../electron/core/notifications/notification-state.js';
import { signInEpoch } from '../../../electron/core/notifications/expiry-notices.js';
import type { DesktopNotification } from '../../../electron/core/notifications/desktop-notification.js';
import type { JobNotifySetting } from '../../../electron/core/notifications/run-notices.js';
import type { ProfileHealth } from '../../../shared/models/health.js';
import { health, run } from '../../shell/support/fixtures.js';
import { makeHome } from '../../support/test-home.js';

const DAY = 24 * 60 * 60_000;
const SIGNED_IN = '2026-08-01T08:00:00.000Z';

/** A clock the test moves, and timers that fire when the test says. */
class ManualTime implements NotificationTimers {
  now = new Date('2026-10-01T09:00:00Z');
  private pending: Array<{ at: number; callback: () => void; handle: number }> = [];
  private nextHandle = 1;
  readonly clock = { now: () => new Date(this.now) };

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.push({ at: this.now.getTime() + ms, callback, handle });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.handle !== handle);
  }

  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
    const due = this.pending.filter((timer) => timer.at <= this.now.getTime());
    this.pending = this.pending.filter((timer) => timer.at > this.now.getTime());
    for (const timer of due) timer.callback();
  }
}

/** The health computeHealth gives `daysRemaining` days before a 90-day expiry of the sign-in at SIGNED_IN. */
function countdown(daysRemaining: number, overrides: Partial<ProfileHealth> = {}): ProfileHealth {
  const status = daysRemaining <= 0 ? 'expired' : daysRemaining <= 7 ? 'warning' : 'ok';
  return health('work', status, { daysRemaining, lastInteractiveAuth: SIGNED_IN, expiresAt: new Date(Date.parse(SIGNED_IN) + 90 * DAY).toISOString(), ...overrides });
}

let time: ManualTime;
let delivered: DesktopNotification[];
const policy = (store: NotificationStore, coalesceMs = 30_000) =>
  new NotificationPolicy({ store, deliver: (notification) => delivered.push(notification), clock: time.clock, timers: time, coalesceMs, format: { locale: 'en-GB', timeZone: 'UTC' } });

beforeEach(() => {
  time = new ManualTime();
  delivered = [];
});

describe('expiry notifications', () => {
  it('fire once at each threshold: 14, 7, 3 and 1 days before', () => {
    const notifier = policy(memoryNotificationStore());
    for (let days = 30; days >= 1; days--) {
      notifier.checkHealth([countdown(days)]);
      notifier.checkHealth([countdown(days)]);
    }
    expect(delivered.map((notification) => notification.title)).toEqual([
      'work: sign-in expires in 14 days',
      'work: sign-in expires in 7 days',
      'work: sign-in expires in 3 days',
      'work: sign-in expires in 1 day',
    ]);
    expect(delivered[0]?.body).toBe("Sign in again before 30 Oct to keep work@contoso.com's scheduled jobs running. Click to sign in.");
  });

  it('fire once at expiry, and once when policy blocks the sign-in', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.checkHealth([countdown(0, { status: 'expired' })]);
    notifier.checkHealth([countdown(0, { status: 'expired' })]);
    notifier.checkHealth([countdown(0, { status: 'blocked', reason: 'Conditional Access blocks the device code sign-in here (AADSTS53003).' })]);
    notifier.checkHealth([countdown(0, { status: 'blocked' })]);
    expect(delivered.map((notification) => [notification.kind, notification.title])).toEqual([
      ['sign-in-required', 'work: sign in again'],
      ['sign-in-blocked', 'work: sign-in blocked by policy'],
    ]);
    expect(delivered[1]?.body).toContain('AADSTS53003');
  });

  it('show only the most urgent threshold when the app was off for a while', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.checkHealth([countdown(5)]);
    notifier.checkHealth([countdown(4)]);
    expect(delivered.map((notification) => notification.title)).toEqual(['work: sign-in expires in 5 days']);
    expect(delivered[0]?.id).toBe('expiry:work:7');
  });

  it('are not repeated after a restart: what was shown is kept in notifications.json', () => {
    const { home, cleanup } = makeHome();
    try {
      policy(fileNotificationStore(home)).checkHealth([countdown(13)]);
      policy(fileNotificationStore(home)).checkHealth([countdown(13)]);
      policy(fileNotificationStore(home)).checkHealth([countdown(0, { status: 'expired' })]);
      policy(fileNotificationStore(home)).checkHealth([countdown(0, { status: 'expired' })]);
      expect(delivered.map((notification) => notification.id)).toEqual(['expiry:work:14', 'expired:work']);
      const saved = JSON.parse(readFileSync(notificationsPath(home), 'utf8'));
      expect(saved.profiles.work).toMatchObject({ epoch: SIGNED_IN, ended: 'expired' });
      expect(statSync(notificationsPath(home)).mode & 0o777).toBe(0o600);
    } finally {
      cleanup();
    }
  });

  it('start again after a new sign-in moves the expiry', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.checkHealth([countdown(6)]);
    notifier.checkHealth([countdown(0, { status: 'expired' })]);
    const signedInAgain = '2026-11-25T08:00:00.000Z';
    notifier.checkHealth([countdown(90, { lastInteractiveAuth: signedInAgain })]);
    notifier.checkHealth([countdown(14, { lastInteractiveAuth: signedInAgain })]);
    notifier.checkHealth([countdown(0, { status: 'expired', lastInteractiveAuth: signedInAgain })]);
    expect(delivered.map((notification) => notification.id)).toEqual(['expiry:work:7', 'expired:work', 'expiry:work:14', 'expired:work']);
  });

  it('start again when a silent refresh renews the refresh token, but not after a refusal', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.checkHealth([countdown(7)]);
    const refreshed = '2026-11-20T08:00:00.000Z';
    expect(signInEpoch(countdown(7, { lastSilentAuth: refreshed }))).toBe(refreshed);
    notifier.checkHealth([countdown(90, { lastSilentAuth: refreshed })]);
    notifier.checkHealth([countdown(7, { lastSilentAuth: refreshed })]);
    expect(delivered.map((notification) => notification.id)).toEqual(['expiry:work:7', 'expiry:work:7']);
  });

  it('say nothing for a signed-out profile, and forget removed profiles', () => {
    const store = memoryNotificationStore();
    const notifier = policy(store);
    notifier.checkHealth([health('spare', 'signed-out'), countdown(10)]);
    expect(Object.keys(store.state.profiles).sort()).toEqual(['spare', 'work']);
    notifier.checkHealth([countdown(10)]);
    expect(Object.keys(store.state.profiles)).toEqual(['work']);
    expect(delivered.map((notification) => notification.id)).toEqual(['expiry:work:14']);
  });

  it('ignore thresholds as long as the lifetime, so signing in does not warn at once', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.checkHealth([countdown(10, { lifetimeDays: 10 })]);
    expect(delivered).toEqual([]);
    notifier.checkHealth([countdown(7, { lifetimeDays: 10 })]);
    expect(delivered.map((notification) => notification.id)).toEqual(['expiry:work:7']);
  });

  it('open the re-auth dialog for the profile', () => {
    policy(memoryNotificationStore()).checkHealth([countdown(3)]);
    expect(delivered[0]).toMatchObject({ target: { view: 'reauth' }, profile: 'work' });
  });

  it('start afresh from a damaged notifications.json', () => {
    const { home, cleanup } = makeHome();
    try {
      writeFileSync(notificationsPath(home), '{ not json');
      policy(fileNotificationStore(home)).checkHealth([countdown(3)]);
      expect(delivered).toHaveLength(1);
    } finally {
      cleanup();
    }
  });
});

describe('job failure notifications', () => {
  const jobs: Record<string, JobNotifySetting> = {
    'nightly-etl': { name: 'nightly-etl', notify: 'failure', tries: 1 },
    report: { name: 'Daily report', notify: 'always', tries: 1 },
    quiet: { name: 'quiet', notify: 'never', tries: 1 },
    flaky: { name: 'flaky', notify: 'failure', tries: 3 },
  };
  const ended = (minutesAgo = 0) => new Date(time.now.getTime() - minutesAgo * 60_000).toISOString();

  beforeEach(() => {
    time.now = new Date('2026-11-21T02:05:00Z');
  });

  it('coalesce several failures within the window into one: "3 jobs failed: a, b, c"', () => {
    const notifier = policy(memoryNotificationStore());
    for (const id of ['a', 'b', 'c']) notifier.runFinished(run(id, 'failed', { endedAt: ended() }), { name: id, notify: 'failure', tries: 1 });
    expect(delivered).toEqual([]);
    time.advance(30_000);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ kind: 'runs-failed', title: '3 jobs failed: a, b, c', target: { view: 'history', status: ['failed', 'timed-out'] } });
  });

  it('name the job, the time and the reason when one job failed, and open History at that run', () => {
    const notifier = policy(memoryNotificationStore());
    const failed = run('nightly-etl', 'failed', { startedAt: '2026-11-21T02:00:00.000Z', endedAt: '2026-11-21T02:00:30.000Z', error: { code: 'graph-error', message: 'Graph answered 403.', action: 'Check the permissions.' } });
    notifier.runFinished(failed, jobs['nightly-etl']);
    time.advance(30_000);
    expect(delivered).toEqual([
      { id: `runs-failed:${failed.id}`, kind: 'runs-failed', title: 'nightly-etl failed at 02:00', body: 'Graph answered 403. Check the permissions.', target: { view: 'history', runId: failed.id, jobId: 'nightly-etl' } },
    ]);
  });

  it('respect notify: never, and announce successes only for notify: always', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.runFinished(run('quiet', 'failed', { endedAt: ended() }), jobs.quiet);
    notifier.runFinished(run('nightly-etl', 'succeeded', { endedAt: ended() }), jobs['nightly-etl']);
    time.advance(30_000);
    expect(delivered).toEqual([]);
    notifier.runFinished(run('report', 'succeeded', { endedAt: ended() }), jobs.report);
    time.advance(30_000);
    expect(delivered.map((notification) => [notification.kind, notification.title, notification.body])).toEqual([['runs-finished', 'Daily report succeeded at 02:00', 'Sent the report to 3 recipients']]);
  });

  it('wait for the last try of a job that retries', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.runFinished(run('flaky', 'failed', { attempt: 1, endedAt: ended() }), jobs.flaky);
    notifier.runFinished(run('flaky', 'failed', { attempt: 2, endedAt: ended() }), jobs.flaky);
    time.advance(30_000);
    expect(delivered).toEqual([]);
    notifier.runFinished(run('flaky', 'timed-out', { attempt: 3, endedAt: ended() }), jobs.flaky);
    time.advance(30_000);
    expect(delivered.map((notification) => notification.title)).toEqual(['flaky timed out at 02:00']);
  });

  it('never announce a run twice, even after a restart', () => {
    const store = memoryNotificationStore();
    const failed = run('nightly-etl', 'failed', { endedAt: ended() });
    const first = policy(store);
    first.runFinished(failed, jobs['nightly-etl']);
    first.runFinished(failed, jobs['nightly-etl']);
    time.advance(30_000);
    policy(store).runFinished(failed, jobs['nightly-etl']);
    time.advance(30_000);
    expect(delivered).toHaveLength(1);
    expect(store.state.lastRunId).toBe(failed.id);
  });

  it('leave out runs that ended long ago (found in the history at start)', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.runFinished(run('nightly-etl', 'failed', { endedAt: ended(120) }), jobs['nightly-etl']);
    time.advance(30_000);
    expect(delivered).toEqual([]);
  });

  it('announce what is pending when the app quits', () => {
    const notifier = policy(memoryNotificationStore());
    notifier.runFinished(run('nightly-etl', 'failed', { endedAt: ended() }), jobs['nightly-etl']);
    notifier.dispose();
    expect(delivered).toHaveLength(1);
    time.advance(60_000);
    expect(delivered).toHaveLength(1);
  });

  it('survive a notification the OS refuses', () => {
    const notifier = new NotificationPolicy({ store: memoryNotificationStore(), deliver: () => { throw new Error('no notification daemon'); }, clock: time.clock, timers: time });
    expect(() => notifier.checkHealth([countdown(1)])).not.toThrow();
  });
});

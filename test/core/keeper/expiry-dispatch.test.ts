import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchExpiryNotices } from '../../../electron/core/keeper/expiry-dispatch.js';
import { ChannelFailure, type ChannelName, type NoticeChannel } from '../../../electron/core/keeper/notice-channel.js';
import { memoryNotificationStore } from '../../../electron/core/notifications/notification-state.js';
import { makeHome } from '../../support/test-home.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

const NOW = new Date('2026-11-20T08:00:00Z');
let home: { home: string; cleanup: () => void };
beforeEach(() => (home = makeHome()));
afterEach(() => home.cleanup());

function health(daysRemaining: number, status: ProfileHealth['status'] = 'ok'): ProfileHealth {
  return {
    profile: 'work', status, reason: status === 'expired' ? 'The refresh token has expired.' : 'fine', account: { username: 'adele@contoso.com', tenantId: 't', homeAccountId: 'h' },
    daysRemaining, expiresAt: '2026-11-30T08:00:00.000Z', lastInteractiveAuth: '2026-09-01T08:00:00.000Z', lastSilentAuth: null, lastProbe: null,
    cacheBackend: 'keychain', clientId: 'c', scopes: [], lifetimeDays: 90, warningDays: 7,
  };
}

function channel(name: ChannelName, behaviour: Array<'sent' | 'moot' | 'not-sent' | 'unknown'> = [], available = true): NoticeChannel & { sent: string[] } {
  const sent: string[] = [];
  return {
    name, needsGraph: name !== 'desktop', sent,
    available: () => Promise.resolve(available),
    send: (notice) => {
      const outcome = behaviour.shift() ?? 'sent';
      sent.push(notice.id);
      if (outcome === 'not-sent' || outcome === 'unknown') return Promise.reject(new ChannelFailure(outcome, `${name} failed`));
      return Promise.resolve(outcome);
    },
  };
}

function dispatch(healths: ProfileHealth[], channels: NoticeChannel[], store = memoryNotificationStore(), lines: string[] = []) {
  return dispatchExpiryNotices(healths, { home: home.home, store, channels, clock: { now: () => NOW }, who: 'test 1', log: (line) => lines.push(line) });
}

describe('expiry notices on each channel, exactly once', () => {
  it('sends each threshold once per channel, however often it is checked', async () => {
    const store = memoryNotificationStore();
    const desktop = channel('desktop');
    const mail = channel('mail');
    for (let i = 0; i < 3; i++) await dispatch([health(10)], [desktop, mail], store);
    await dispatch([health(6)], [desktop, mail], store);
    expect(desktop.sent).toEqual(['expiry:work:14', 'expiry:work:7']);
    expect(mail.sent).toEqual(['expiry:work:14', 'expiry:work:7']);
    expect(store.state.channels?.mail?.work).toMatchObject({ warned: [14, 7], last: { id: 'expiry:work:7', outcome: 'sent', by: 'test 1' } });
  });

  it('a send that certainly failed is tried again at the next check; one with an unknown outcome never', async () => {
    const store = memoryNotificationStore();
    const mail = channel('mail', ['not-sent', 'sent']);
    const teams = channel('teams', ['unknown']);
    const lines: string[] = [];
    await dispatch([health(10)], [mail, teams], store, lines);
    await dispatch([health(10)], [mail, teams], store, lines);
    expect(mail.sent).toEqual(['expiry:work:14', 'expiry:work:14']);
    expect(teams.sent).toEqual(['expiry:work:14']);
    expect(store.state.channels?.teams?.work?.last?.outcome).toBe('unknown');
    expect(lines).toContain('mail: expiry:work:14 for work failed: mail failed (tried again at the next check)');
  });

  it('a notice that a token renewal made moot is not recorded, so the next one is judged afresh', async () => {
    const store = memoryNotificationStore();
    const mail = channel('mail', ['moot']);
    await dispatch([health(10)], [mail], store);
    expect(store.state.channels?.mail?.work).toBeUndefined();
  });

  it('the end of a sign-in goes to the desktop only: mail and Teams need the token that has died', async () => {
    const store = memoryNotificationStore();
    const desktop = channel('desktop');
    const mail = channel('mail');
    const lines: string[] = [];
    await dispatch([health(0, 'expired')], [desktop, mail], store, lines);
    await dispatch([health(0, 'expired')], [desktop, mail], store, lines);
    expect(desktop.sent).toEqual(['expired:work']);
    expect(mail.sent).toEqual([]);
    expect(lines.filter((line) => line.startsWith('mail: not sent'))).toHaveLength(1);
  });

  it('a desktop without a notification service is skipped silently and keeps the notice for a desktop that appears later', async () => {
    const store = memoryNotificationStore();
    const lines: string[] = [];
    await dispatch([health(10)], [channel('desktop', [], false)], store, lines);
    expect(lines).toEqual([]);
    expect(store.state.profiles.work?.warned ?? []).toEqual([]);
    const later = channel('desktop');
    await dispatch([health(10)], [later], store);
    expect(later.sent).toEqual(['expiry:work:14']);
  });

  it('two processes dispatching at once send once: the file lock lets one through, the other finds it recorded', async () => {
    const store = memoryNotificationStore();
    const mail = channel('mail');
    await Promise.all([dispatch([health(10)], [mail], store), dispatch([health(10)], [mail], store)]);
    expect(mail.sent).toEqual(['expiry:work:14']);
  });
});

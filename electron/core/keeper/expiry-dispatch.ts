/**
 * Hands each due expiry notice to each channel exactly once, across the app, the daemon and restarts.
 *
 * The notices themselves are expiry-notices.ts's (14/7/3/1 days, at expiry, blocked), computed per channel
 * against that channel's own record in `notifications.json` (the desktop's is the file's `profiles`, as before
 * channels existed). The whole check runs under `notifications.lock`, so an app and a daemon of one home never
 * both send; the record is saved before each send (a process that dies mid-send leaves `sending`, and the notice
 * is never repeated blindly). A send that certainly failed is rolled back and tried at the next check; one whose
 * outcome is unknown stays recorded. A channel that cannot deliver here (no notification service) is skipped
 * without a trace, so a desktop session that appears later still shows the notice.
 */
import { join } from 'node:path';
import { withLock } from '../fs/file-lock.js';
import { DEFAULT_EXPIRY_THRESHOLDS, expiryNotice } from '../notifications/expiry-notices.js';
import type { ChannelNoticeState, ExpiryNoticeState, NotificationState, NotificationStore } from '../notifications/notification-state.js';
import { ChannelFailure, type NoticeChannel } from './notice-channel.js';
import type { Clock } from '../clock.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export const NOTIFICATIONS_LOCK_NAME = 'notifications.lock';
/** A sender waits this long for the other process's check (which may be sending a mail) before giving up this round. */
const LOCK_WAIT_MS = 120_000;
/** Longer than any check holds it: a live holder is never taken for stale while it sends. */
const LOCK_STALE_MS = 15 * 60_000;

export interface DispatchOptions {
  home: string;
  store: NotificationStore;
  channels: readonly NoticeChannel[];
  clock: Clock;
  /** `daemon 4242` or `app 77`: written beside each send, for a person reading the file. */
  who: string;
  log(line: string): void;
  thresholds?: readonly number[];
}

export interface DispatchResult {
  channel: string;
  profile: string;
  id: string;
  outcome: 'sent' | 'moot' | 'not-sent' | 'unknown' | 'skipped';
}

export async function dispatchExpiryNotices(healths: readonly ProfileHealth[], options: DispatchOptions): Promise<DispatchResult[]> {
  return withLock(join(options.home, NOTIFICATIONS_LOCK_NAME), () => dispatchLocked(healths, options), { kind: 'notifications', timeoutMs: LOCK_WAIT_MS, staleAfterMs: LOCK_STALE_MS });
}

async function dispatchLocked(healths: readonly ProfileHealth[], options: DispatchOptions): Promise<DispatchResult[]> {
  const results: DispatchResult[] = [];
  const thresholds = options.thresholds ?? DEFAULT_EXPIRY_THRESHOLDS;
  for (const channel of options.channels) {
    let available: boolean | undefined;
    for (const health of healths) {
      const state = options.store.load();
      const previous = recordOf(state, channel.name, health.profile);
      const { state: next, notification } = expiryNotice(health, stripLast(previous), thresholds);
      if (!notification) {
        if (JSON.stringify(next) !== JSON.stringify(stripLast(previous))) options.store.save(withRecord(state, channel.name, health.profile, { ...next, ...lastOf(previous) }));
        continue;
      }
      if (channel.needsGraph && notification.kind !== 'expiry-warning') {
        // Without a working token there is no Graph: the end of a sign-in is told by the desktop (and the status).
        options.store.save(withRecord(state, channel.name, health.profile, { ...next, ...lastOf(previous) }));
        options.log(`${channel.name}: not sent for ${health.profile}: "${notification.title}" needs a working sign-in to go out through Microsoft Graph`);
        results.push({ channel: channel.name, profile: health.profile, id: notification.id, outcome: 'skipped' });
        continue;
      }
      available ??= await channel.available();
      if (!available) continue;
      const sending: ChannelNoticeState = { ...next, last: { id: notification.id, at: options.clock.now().toISOString(), outcome: 'sending', by: options.who } };
      options.store.save(withRecord(state, channel.name, health.profile, channel.name === 'desktop' ? next : sending));
      let outcome: DispatchResult['outcome'];
      try {
        outcome = await channel.send(notification, health);
      } catch (error) {
        outcome = error instanceof ChannelFailure ? error.outcome : 'not-sent';
        options.log(`${channel.name}: ${notification.id} for ${health.profile} failed: ${(error as Error).message}${outcome === 'not-sent' ? ' (tried again at the next check)' : ''}`);
      }
      const after = options.store.load();
      if (outcome === 'sent' || outcome === 'unknown') {
        if (channel.name !== 'desktop') options.store.save(withRecord(after, channel.name, health.profile, { ...sending, last: { ...sending.last!, outcome } }));
        if (outcome === 'sent') options.log(`${channel.name}: sent "${notification.title}" (${notification.id}) for ${health.profile}`);
      } else {
        // Certainly not out (or no longer true): as if never tried, so the next check decides afresh.
        options.store.save(withRecord(after, channel.name, health.profile, previous));
        if (outcome === 'moot') options.log(`${channel.name}: ${notification.id} for ${health.profile} not sent: getting a token renewed the sign-in`);
      }
      results.push({ channel: channel.name, profile: health.profile, id: notification.id, outcome });
    }
  }
  return results;
}

function recordOf(state: NotificationState, channel: string, profile: string): ChannelNoticeState | undefined {
  if (channel === 'desktop') return state.profiles[profile];
  return state.channels?.[channel as 'mail' | 'teams']?.[profile];
}

function withRecord(state: NotificationState, channel: string, profile: string, record: ChannelNoticeState | undefined): NotificationState {
  if (channel === 'desktop') {
    const profiles = { ...state.profiles };
    if (record) profiles[profile] = stripLast(record) as ExpiryNoticeState;
    else delete profiles[profile];
    return { ...state, profiles };
  }
  const name = channel as 'mail' | 'teams';
  const entries = { ...(state.channels?.[name] ?? {}) };
  if (record) entries[profile] = record;
  else delete entries[profile];
  return { ...state, channels: { ...state.channels, [name]: entries } };
}

function stripLast(record: ChannelNoticeState | undefined): ExpiryNoticeState | undefined {
  if (!record) return undefined;
  return { epoch: record.epoch, warned: record.warned, ended: record.ended };
}

function lastOf(record: ChannelNoticeState | undefined): Pick<ChannelNoticeState, 'last'> {
  return record?.last ? { last: record.last } : {};
}

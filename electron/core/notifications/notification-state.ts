/**
 * What Delegate has already told the person, kept in `<home>/notifications.json` so a restart (or a crash,
 * or the login item starting the app every morning) never repeats a warning.
 *
 * Written atomically (a reader sees the old file or the new one). A missing file starts afresh; a damaged one
 * (not JSON at all, far too large, or a pipe, folder or device in its place) is kept aside and reported (fs/damaged-file.ts) before starting afresh: the worst outcome is
 * one repeated warning, never a lost one, and never a silent reset.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { keepDamagedFile } from '../fs/damaged-file.js';
import { readBoundedTextFile } from '../fs/read-bounded-file.js';
import { ensurePrivateDir } from '../home/delegate-home.js';

export const NOTIFICATIONS_FILE_NAME = 'notifications.json';

/** Per profile: which expiry warnings were shown for the current sign-in. */
export interface ExpiryNoticeState {
  /**
   * The sign-in these warnings belong to: the last time a refresh token was issued (interactive or silent).
   * When it changes, the expiry moved and every warning may be shown again.
   */
  epoch: string | null;
  /** Thresholds (days) already warned about. */
  warned: number[];
  /** The end state already announced for this sign-in. */
  ended: 'expired' | 'blocked' | null;
}

/** A warning handed to a channel that cannot be taken back (mail, Teams): recorded before it is sent. */
export interface ChannelSend {
  /** The notice, e.g. `expiry:work:7`. */
  id: string;
  at: string;
  /** `sending` until the answer came (a process that died meanwhile leaves it: never sent again); `unknown`: no answer. */
  outcome: 'sending' | 'sent' | 'unknown';
  /** Which process sent it (`daemon 4242`, `app 77`), for a person reading the file. */
  by: string;
}

export interface ChannelNoticeState extends ExpiryNoticeState {
  last?: ChannelSend;
}

/** Channels beyond the desktop one (whose record is `profiles`, as before channels existed). */
export type RemoteChannelName = 'mail' | 'teams';

export interface NotificationState {
  version: 1;
  /** The desktop channel: which expiry notices were shown, per profile. */
  profiles: Record<string, ExpiryNoticeState>;
  /** Per channel and profile: which expiry notices were sent (keeper/expiry-dispatch.ts). */
  channels?: Partial<Record<RemoteChannelName, Record<string, ChannelNoticeState>>>;
  /** The newest run already considered for a notification; older runs are never announced (again). */
  lastRunId: number;
}

export interface NotificationStore {
  load(): NotificationState;
  save(state: NotificationState): void;
}

export function emptyNotificationState(): NotificationState {
  return { version: 1, profiles: {}, lastRunId: 0 };
}

export function notificationsPath(home: string): string {
  return join(home, NOTIFICATIONS_FILE_NAME);
}

export function fileNotificationStore(home: string): NotificationStore {
  const path = notificationsPath(home);
  return {
    load: () => {
      let text: string | undefined;
      try {
        // Not readFileSync: a named pipe there would block the whole process (the daemon's scheduler with it)
        // and a link to /dev/zero would fill the memory; a folder there would fail every save for good.
        text = readBoundedTextFile(path, { what: 'the record of notifications already shown', limit: MAX_NOTIFICATIONS_BYTES });
      } catch (error) {
        return keptAside(path, (error as Error).message);
      }
      if (text === undefined) return emptyNotificationState();
      try {
        return parseNotificationState(JSON.parse(text));
      } catch (error) {
        return keptAside(path, (error as Error).message);
      }
    },
    save: (state) => {
      ensurePrivateDir(home);
      writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
    },
  };
}

/** Far more than any real record (a few hundred bytes a profile); a bigger file is not one Delegate wrote. */
const MAX_NOTIFICATIONS_BYTES = 4 * 1024 * 1024;

/**
 * Moves what is at `path` aside (a damaged file, or a pipe, folder or device in its place) and starts afresh.
 * Where even the move fails, this round goes on with a fresh record in memory rather than stopping the caller
 * (the app's start, the keeper's check): the save that follows says what is wrong.
 */
function keptAside(path: string, reason: string): NotificationState {
  try {
    keepDamagedFile(path, {
      what: 'The record of notifications already shown',
      reason,
      consequence: 'started a new one; a warning already shown may be shown once more',
    });
  } catch {
    // Reported by the save that follows, which meets the same folder.
  }
  return emptyNotificationState();
}

export function memoryNotificationStore(initial: NotificationState = emptyNotificationState()): NotificationStore & { state: NotificationState } {
  const store = {
    state: structuredClone(initial),
    load: () => structuredClone(store.state),
    save: (state: NotificationState) => {
      store.state = structuredClone(state);
    },
  };
  return store;
}

/** Keeps what is well-formed and drops the rest (a hand edit must not stop the app). */
function parseNotificationState(raw: unknown): NotificationState {
  const state = emptyNotificationState();
  if (!isRecord(raw)) return state;
  if (typeof raw.lastRunId === 'number' && Number.isInteger(raw.lastRunId) && raw.lastRunId >= 0) state.lastRunId = raw.lastRunId;
  if (isRecord(raw.channels)) {
    const channels: NonNullable<NotificationState['channels']> = {};
    for (const channel of ['mail', 'teams'] as const) {
      const entries = raw.channels[channel];
      if (!isRecord(entries)) continue;
      const parsed: Record<string, ChannelNoticeState> = {};
      for (const [name, entry] of Object.entries(entries)) {
        if (!isRecord(entry)) continue;
        const last = parseSend(entry.last);
        parsed[name] = { ...parseNoticeState(entry), ...(last ? { last } : {}) };
      }
      channels[channel] = parsed;
    }
    state.channels = channels;
  }
  if (!isRecord(raw.profiles)) return state;
  for (const [name, entry] of Object.entries(raw.profiles)) {
    if (!isRecord(entry)) continue;
    state.profiles[name] = parseNoticeState(entry);
  }
  return state;
}

function parseNoticeState(entry: Record<string, unknown>): ExpiryNoticeState {
  return {
    epoch: typeof entry.epoch === 'string' ? entry.epoch : null,
    warned: Array.isArray(entry.warned) ? entry.warned.filter((day): day is number => typeof day === 'number') : [],
    ended: entry.ended === 'expired' || entry.ended === 'blocked' ? entry.ended : null,
  };
}

function parseSend(raw: unknown): ChannelSend | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.at !== 'string') return undefined;
  const outcome = raw.outcome === 'sent' || raw.outcome === 'unknown' || raw.outcome === 'sending' ? raw.outcome : 'unknown';
  return { id: raw.id, at: raw.at, outcome, by: typeof raw.by === 'string' ? raw.by : '' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

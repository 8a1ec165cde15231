/**
 * A way to reach the person with an expiry notice: the desktop, a mail, a Teams chat.
 *
 * `send` resolves `sent`, or `moot` when it found on the way that the notice no longer holds (getting a token
 * for the mail renewed the sign-in). It throws a ChannelFailure saying whether the notice certainly did not go
 * out (`not-sent`: may be tried at the next check) or may have (`unknown`: never sent again — a duplicate
 * warning mail is worse than a missing one, and the desktop still shows it).
 */
import type { DesktopNotification } from '../notifications/desktop-notification.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export type ChannelName = 'desktop' | 'mail' | 'teams';

export interface NoticeChannel {
  name: ChannelName;
  /** Needs a working Graph token: such a channel cannot carry the notice that the sign-in has ended. */
  needsGraph: boolean;
  /** Whether the channel can deliver here at all (a desktop channel without a notification service cannot). */
  available(): Promise<boolean>;
  send(notice: DesktopNotification, health: ProfileHealth): Promise<'sent' | 'moot'>;
}

export class ChannelFailure extends Error {
  constructor(
    readonly outcome: 'not-sent' | 'unknown',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChannelFailure';
  }
}

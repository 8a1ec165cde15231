/**
 * The sign-in keeper, shared by `delegate daemon` and the desktop app: probes every signed-in profile (at
 * start, daily, after a wake — keeper-schedule.ts), which keeps the 90-day window sliding, then hands the
 * resulting health to the expiry notices on every configured channel, exactly once (expiry-dispatch.ts).
 *
 * The probe and the channels are given: the daemon probes with the core's probe and shows desktop notices
 * through the session bus; the app probes through its service (so the window hears of it) and shows them with
 * Electron. A failure of one profile's probe or of one channel never stops the others.
 */
import { authContext } from '../auth/auth-context.js';
import { computeHealth } from '../auth/health.js';
import { probe as probeProfile } from '../auth/probe.js';
import { readMetadata } from '../auth/profile-metadata.js';
import { loadConfig } from '../config/config-store.js';
import { fileNotificationStore, type NotificationStore } from '../notifications/notification-state.js';
import { dispatchExpiryNotices, type DispatchResult } from './expiry-dispatch.js';
import { KeeperSchedule, type CheckReason, type KeeperScheduleOptions } from './keeper-schedule.js';
import type { Clock } from '../clock.js';
import type { NoticeChannel } from './notice-channel.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export interface SignInKeeperOptions {
  home: string;
  clock: Clock;
  /** The channels, asked at each check (config.json may have changed). */
  channels: () => readonly NoticeChannel[];
  /** `daemon 4242`, `app 77`. */
  who: string;
  log(line: string): void;
  /** Probes one profile and returns its health; default: the core's probe. */
  probe?(profile: string): Promise<ProfileHealth>;
  /** Every profile's health as this process sees it; default: from each profile's metadata. */
  healths?(): ProfileHealth[];
  store?: NotificationStore;
  schedule?: Omit<KeeperScheduleOptions, 'check' | 'clock'>;
}

export class SignInKeeper {
  readonly schedule: KeeperSchedule;
  private readonly store: NotificationStore;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SignInKeeperOptions) {
    this.store = options.store ?? fileNotificationStore(options.home);
    this.schedule = new KeeperSchedule({
      ...options.schedule,
      clock: options.clock,
      check: async (reason) => {
        await this.check(reason);
      },
      onError: (error) => options.log(`sign-in check failed: ${(error as Error).message}`),
    });
  }

  start(): void {
    this.schedule.start();
  }

  wake(): void {
    this.schedule.wake();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }

  /** Probes every signed-in profile, then sends what is due. */
  async check(reason: CheckReason): Promise<DispatchResult[]> {
    const healths: ProfileHealth[] = [];
    for (const health of this.options.healths ? this.options.healths() : this.healths()) {
      if (!health.account) {
        healths.push(health);
        continue;
      }
      try {
        const probed = await (this.options.probe ?? ((name) => this.probeWithCore(name)))(health.profile);
        const last = probed.lastProbe;
        const said = last && last.outcome !== 'ok' ? `${last.outcome}${last.message ? ` (${last.message})` : ''}` : 'ok';
        this.options.log(`probe ${health.profile} (${reason}): ${said} — health ${probed.status}${probed.daysRemaining !== null ? `, ${probed.daysRemaining} day(s) left` : ''}`);
        healths.push(probed);
      } catch (error) {
        this.options.log(`probe ${health.profile} (${reason}) failed: ${(error as Error).message}`);
        healths.push(health);
      }
    }
    return this.notify(healths);
  }

  /** Sends the notices due for this health (without probing): the app calls it whenever health may have changed. */
  notify(healths: readonly ProfileHealth[]): Promise<DispatchResult[]> {
    // One at a time within the process (the app calls this on every health change); the file lock does it across.
    const next = this.queue.then(() => this.dispatch(healths));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private dispatch(healths: readonly ProfileHealth[]): Promise<DispatchResult[]> {
    return dispatchExpiryNotices(healths, { home: this.options.home, store: this.store, channels: this.options.channels(), clock: this.options.clock, who: this.options.who, log: this.options.log });
  }

  /** Every valid profile's health from its metadata (signed-out ones included: their records are reset). */
  healths(): ProfileHealth[] {
    return loadConfig(this.options.home).entries.flatMap((entry) => {
      if (!entry.ok) return [];
      const context = authContext(this.options.home, this.options.clock, entry.profile);
      return [computeHealth(entry.profile, readMetadata(context.paths).metadata, this.options.clock.now())];
    });
  }

  private async probeWithCore(name: string): Promise<ProfileHealth> {
    const entry = loadConfig(this.options.home).entries.find((candidate) => candidate.name === name);
    if (!entry?.ok) throw new Error(`the profile ${name} is no longer valid`);
    return (await probeProfile(authContext(this.options.home, this.options.clock, entry.profile))).health;
  }
}

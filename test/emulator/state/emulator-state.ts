import { BlobStore } from '../content/blob-store.js';
import { seedDrives } from '../seed/drive-seed.js';
import { seedMail } from '../seed/mail-seed.js';
import { AuthorizationCodeStore } from './authorization-code-store.js';
import { CaeChallengeStore } from './cae-challenge-store.js';
import { ConsentStore } from './consent-store.js';
import { PreauthorizationStore } from './preauthorization-store.js';
import { DeviceCodeStore } from './device-code-store.js';
import { DownloadLinkStore } from './download-link-store.js';
import { DriveStore } from './drive-store.js';
import { FaultStore } from './fault-store.js';
import { IssuedTokenLog } from './issued-token-log.js';
import { MailboxStore } from './mailbox-store.js';
import { PendingAuthorizationStore } from './pending-authorization-store.js';
import { RefreshTokenStore } from './refresh-token-store.js';
import { SessionFlowStore } from './session-flow-store.js';
import { DEFAULT_POLICY, type ConditionalAccessPolicy } from '../policy/conditional-access-policy.js';
import { RequestLog } from './request-log.js';
import { SentMailLog } from './sent-mail-log.js';
import { TeamsMessageLog } from './teams-message-log.js';
import { UploadSessionStore } from './upload-session-store.js';

/**
 * Everything the emulator remembers between requests; `reset()` returns it to a fresh tenant with
 * the seeded mail, files and Teams. File content lives on disk under the content folder.
 */

export interface EmulatorSettings {
  deviceCodeIntervalSeconds: number;
  deviceCodeExpiresInSeconds: number;
  /** The largest body `PUT …/content` (simple upload) accepts; Graph documents 250 MB. */
  simpleUploadMaxBytes: number;
  /** A fixed access-token lifetime for tests; null: Entra's random 60–90 minutes. */
  accessTokenLifetimeSeconds: number | null;
}

export type AutoApproval = { mode: 'off' } | { mode: 'approve'; userOid: string } | { mode: 'decline' };

export class EmulatorState {
  readonly consent = new ConsentStore();
  readonly preauthorization = new PreauthorizationStore();
  readonly deviceCodes = new DeviceCodeStore();
  readonly authorizationCodes = new AuthorizationCodeStore();
  readonly pendingAuthorizations = new PendingAuthorizationStore();
  readonly refreshTokens = new RefreshTokenStore();
  /** Which flow started each refresh-token chain (protocol tracking). */
  readonly sessions = new SessionFlowStore();
  readonly issued = new IssuedTokenLog();
  readonly requests = new RequestLog();
  readonly faults = new FaultStore();
  readonly mailboxes = new MailboxStore();
  readonly sentMail = new SentMailLog();
  readonly blobs: BlobStore;
  readonly drives: DriveStore;
  readonly uploadSessions = new UploadSessionStore();
  readonly downloadLinks = new DownloadLinkStore();
  readonly teamsMessages = new TeamsMessageLog();
  /** Per user: refresh tokens issued before this instant are revoked (Entra's TokensValidFrom). */
  readonly tokensValidFrom = new Map<string, Date>();
  /** Claims challenges queued for CAE clients (cae/cae-challenge.ts). */
  readonly caeChallenges = new CaeChallengeStore();
  settings: EmulatorSettings;
  autoApproval: AutoApproval = { mode: 'off' };
  policy: ConditionalAccessPolicy = { ...DEFAULT_POLICY };

  constructor(
    private readonly initialSettings: EmulatorSettings,
    contentDirectory: string,
  ) {
    this.settings = { ...initialSettings };
    this.blobs = new BlobStore(contentDirectory);
    this.drives = new DriveStore(this.blobs);
  }

  /** Mailboxes, drives and Teams back to their seed; received times count back from `now`. */
  async seedWorkloads(now: Date): Promise<void> {
    this.mailboxes.clear();
    seedMail(this.mailboxes, now);
    this.sentMail.clear();
    this.uploadSessions.clear();
    this.downloadLinks.clear();
    await this.drives.clear();
    await seedDrives(this.drives, this.blobs, now);
    this.teamsMessages.clear();
  }

  async reset(now: Date): Promise<void> {
    this.consent.clear();
    this.preauthorization.clear();
    this.deviceCodes.clear();
    this.authorizationCodes.clear();
    this.pendingAuthorizations.clear();
    this.refreshTokens.clear();
    this.sessions.clear();
    this.policy = { ...DEFAULT_POLICY };
    this.issued.clear();
    this.requests.clear();
    this.faults.clear();
    this.tokensValidFrom.clear();
    this.caeChallenges.clear();
    this.settings = { ...this.initialSettings };
    this.autoApproval = { mode: 'off' };
    await this.seedWorkloads(now);
  }
}

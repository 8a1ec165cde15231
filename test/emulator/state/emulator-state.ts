import { AuthorizationCodeStore } from './authorization-code-store.js';
import { ConsentStore } from './consent-store.js';
import { DeviceCodeStore } from './device-code-store.js';
import { FaultStore } from './fault-store.js';
import { IssuedTokenLog } from './issued-token-log.js';
import { PendingAuthorizationStore } from './pending-authorization-store.js';
import { RefreshTokenStore } from './refresh-token-store.js';
import { RequestLog } from './request-log.js';

/** Everything the emulator remembers between requests; `reset()` returns it to a fresh tenant. */

export interface EmulatorSettings {
  deviceCodeIntervalSeconds: number;
  deviceCodeExpiresInSeconds: number;
}

export type AutoApproval = { mode: 'off' } | { mode: 'approve'; userOid: string } | { mode: 'decline' };

export class EmulatorState {
  readonly consent = new ConsentStore();
  readonly deviceCodes = new DeviceCodeStore();
  readonly authorizationCodes = new AuthorizationCodeStore();
  readonly pendingAuthorizations = new PendingAuthorizationStore();
  readonly refreshTokens = new RefreshTokenStore();
  readonly issued = new IssuedTokenLog();
  readonly requests = new RequestLog();
  readonly faults = new FaultStore();
  /** Per user: refresh tokens issued before this instant are revoked (Entra's TokensValidFrom). */
  readonly tokensValidFrom = new Map<string, Date>();
  settings: EmulatorSettings;
  autoApproval: AutoApproval = { mode: 'off' };

  constructor(private readonly initialSettings: EmulatorSettings) {
    this.settings = { ...initialSettings };
  }

  reset(): void {
    this.consent.clear();
    this.deviceCodes.clear();
    this.authorizationCodes.clear();
    this.pendingAuthorizations.clear();
    this.refreshTokens.clear();
    this.issued.clear();
    this.requests.clear();
    this.faults.clear();
    this.tokensValidFrom.clear();
    this.settings = { ...this.initialSettings };
    this.autoApproval = { mode: 'off' };
  }
}

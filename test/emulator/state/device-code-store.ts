import type { EntraErrorSpec } from '../entra/entra-error.js';
import type { ScopeRequest } from '../scopes/scope-request.js';

/** Device authorization requests (RFC 8628) from issue until redeemed. */

export type DeviceCodeStatus = 'pending' | 'approved' | 'declined';

export interface DeviceCodeGrant {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scopeRequest: ScopeRequest;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** Seconds the client must wait between polls; grows by 5 on every slow_down. */
  intervalSeconds: number;
  /** Real (not emulator) time of the last poll: polling speed is a property of the client's timers. */
  lastPollRealMs: number | undefined;
  status: DeviceCodeStatus;
  userOid: string | undefined;
  approvedAt: Date | undefined;
  /** Set when the person's approval was refused (AADSTS65002) and the emulator shows that at the poll. */
  refusal?: EntraErrorSpec;
}

export class DeviceCodeStore {
  private readonly grants = new Map<string, DeviceCodeGrant>();

  add(grant: DeviceCodeGrant): void {
    this.grants.set(grant.deviceCode, grant);
  }

  byDeviceCode(deviceCode: string): DeviceCodeGrant | undefined {
    return this.grants.get(deviceCode);
  }

  /** Finds a code as a person types it: any case, with or without spaces and dashes. */
  byUserCode(typed: string): DeviceCodeGrant | undefined {
    const wanted = normaliseUserCode(typed);
    return [...this.grants.values()].find((grant) => grant.userCode === wanted);
  }

  remove(deviceCode: string): void {
    this.grants.delete(deviceCode);
  }

  all(): DeviceCodeGrant[] {
    return [...this.grants.values()];
  }

  clear(): void {
    this.grants.clear();
  }
}

export function normaliseUserCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

import type { DirectoryUser } from '../directory/directory.js';
import type { EmulatorContext } from '../emulator-context.js';
import type { DeviceCodeGrant } from '../state/device-code-store.js';
import { findUnknownScope, recordConsent } from './consent.js';
import { aadstsLine } from './entra-error.js';
import { findUnapprovedScope } from './preauthorization-check.js';

/**
 * A person's answer to a device code, from the verification page or the control API.
 * Approval records consent; a code that expired (by the emulator clock) or was answered already
 * cannot change.
 */

export type DeviceCodeDecision = { readonly approve: true; readonly user: DirectoryUser } | { readonly approve: false };

export type DecisionOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'expired' | 'answered' | 'invalid-scope' | 'not-preauthorized' | 'blocked'; readonly message: string };

export function checkDeviceCodeAnswerable(context: EmulatorContext, grant: DeviceCodeGrant): DecisionOutcome {
  if (context.clock.now().getTime() >= grant.expiresAt.getTime()) {
    return {
      ok: false,
      reason: 'expired',
      message: "The code you entered has expired. Get a new code from the device you're trying to sign in to and try again.",
    };
  }
  if (grant.status !== 'pending') {
    return { ok: false, reason: 'answered', message: 'This code has already been used. Start the sign-in again on your device.' };
  }
  const unknownScope = findUnknownScope(grant.scopeRequest, grant.clientId);
  if (unknownScope) return { ok: false, reason: 'invalid-scope', message: aadstsLine(unknownScope) };
  return { ok: true };
}

export function decideDeviceCode(context: EmulatorContext, grant: DeviceCodeGrant, decision: DeviceCodeDecision): DecisionOutcome {
  const answerable = checkDeviceCodeAnswerable(context, grant);
  if (!answerable.ok) return answerable;
  if (decision.approve && context.state.policy.blockDeviceCode) {
    // Conditional Access blocks the sign-in in the browser; the code stays pending until it expires.
    return { ok: false, reason: 'blocked', message: "You don't have access to this (Error Code: 53003): Conditional Access blocks the device code flow." };
  }
  if (decision.approve) {
    // Entra refuses after the person signed in: the page shows AADSTS65002 and the code stays unanswered,
    // unless the emulator is told to show the refusal at the poll (preauthorization-store.ts).
    const unapproved = findUnapprovedScope(context.state.preauthorization, grant.clientId, grant.scopeRequest);
    if (unapproved) {
      if (context.state.preauthorization.deviceCodeRefusal === 'poll') grant.refusal = unapproved;
      return { ok: false, reason: 'not-preauthorized', message: aadstsLine(unapproved) };
    }
    recordConsent(context.state.consent, decision.user.oid, grant.clientId, grant.scopeRequest);
    grant.status = 'approved';
    grant.userOid = decision.user.oid;
    grant.approvedAt = context.clock.now();
  } else {
    grant.status = 'declined';
  }
  return { ok: true };
}

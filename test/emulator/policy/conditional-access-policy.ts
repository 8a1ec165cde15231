/**
 * The tenant's Conditional Access "authentication flows" policy, as switched through `POST /_control/policy`.
 *
 * - `blockDeviceCode`: a device code sign-in is blocked where real Entra blocks it — in the person's browser, which
 *   shows "You don't have access to this" with Error Code 53003 — never at the token poll, which keeps answering
 *   `authorization_pending` until the code expires (azure-cli #32420, #32621, #32809).
 * - `deviceCodeProtocolTracking`: sessions that started with device code are protocol-tracked; redeeming any refresh
 *   token of such a session fails with AADSTS530036, and that chain stays dead.
 * - `protocolTrackingSuberror`: no captured 530036 body was found, so whether Entra sends a suberror is inferred
 *   (none by default); tests can set one (`bad_token` makes msal-node delete the refresh token itself).
 */
import { z } from 'zod';
import type { EmulatorContext } from '../emulator-context.js';
import type { EntraErrorSpec } from '../entra/entra-error.js';
import { aadsts } from '../entra/aadsts.js';

export interface ConditionalAccessPolicy {
  blockDeviceCode: boolean;
  deviceCodeProtocolTracking: boolean;
  protocolTrackingSuberror: string | null;
}

export const DEFAULT_POLICY: ConditionalAccessPolicy = {
  blockDeviceCode: false,
  deviceCodeProtocolTracking: false,
  protocolTrackingSuberror: null,
};

export const policyUpdateSchema = z.strictObject({
  blockDeviceCode: z.boolean().optional(),
  deviceCodeProtocolTracking: z.boolean().optional(),
  protocolTrackingSuberror: z.string().min(1).nullable().optional(),
});

export function updatePolicy(current: ConditionalAccessPolicy, update: z.output<typeof policyUpdateSchema>): ConditionalAccessPolicy {
  return {
    blockDeviceCode: update.blockDeviceCode ?? current.blockDeviceCode,
    deviceCodeProtocolTracking: update.deviceCodeProtocolTracking ?? current.deviceCodeProtocolTracking,
    protocolTrackingSuberror: update.protocolTrackingSuberror === undefined ? current.protocolTrackingSuberror : update.protocolTrackingSuberror,
  };
}

/** The refusal for redeeming `refreshToken`, when protocol tracking applies to its chain. */
export function protocolTrackingRefusal(context: EmulatorContext, refreshToken: string): EntraErrorSpec | undefined {
  const sessions = context.state.sessions;
  if (sessions.isRefused(refreshToken)) return withSuberror(aadsts.authenticationFlowBlocked(), context.state.policy.protocolTrackingSuberror);
  if (!context.state.policy.deviceCodeProtocolTracking || sessions.flowOf(refreshToken) !== 'device-code') return undefined;
  sessions.refuse(refreshToken);
  return withSuberror(aadsts.authenticationFlowBlocked(), context.state.policy.protocolTrackingSuberror);
}

function withSuberror(spec: EntraErrorSpec, suberror: string | null): EntraErrorSpec {
  return suberror === null ? spec : { ...spec, suberror };
}

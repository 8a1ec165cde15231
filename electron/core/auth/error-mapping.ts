/**
 * Turns whatever msal-node, the keychain or the network threw into a DelegateError a person can act on.
 *
 * msal-node reports some of Entra's "sign in again" answers as `ServerError` with `errorCode: invalid_grant`
 * (no suberror) rather than `InteractionRequiredAuthError`, so the mapping reads the AADSTS number first and
 * the error class second. The AADSTS code is always kept for support.
 */
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { presetForClientId } from '../../../shared/client-presets.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Profile } from '../../../shared/models/profile.js';
import { aadstsOf, answerBehind, type EntraAnswer } from './entra-answer.js';

export interface MappingContext {
  profile: Pick<Profile, 'name' | 'clientId'>;
  /** What was being asked for, to name it in the message. */
  scopes?: readonly string[];
  /** The network client's own account of its last failure, which msal reduces to a generic code. */
  networkFailure?: DelegateError | undefined;
  /** Entra's raw answer to the last refused request (entra-answer.ts): msal's device code poller drops its AADSTS number. */
  entraAnswer?: EntraAnswer | undefined;
}

interface MsalLikeError {
  name?: string;
  errorCode?: string;
  errorMessage?: string;
  subError?: string;
  errorNo?: string | number;
  correlationId?: string;
  message?: string;
}

export function mapAuthError(error: unknown, context: MappingContext): DelegateError {
  if (isDelegateError(error)) return error;
  const msal = (typeof error === 'object' && error !== null ? error : {}) as MsalLikeError;
  const text = `${msal.errorMessage ?? ''} ${msal.message ?? ''}`;
  const answer = answerBehind(msal, context.entraAnswer);
  const aadsts = Number(msal.errorNo ?? /AADSTS(\d+)/.exec(text)?.[1] ?? aadstsOf(answer) ?? Number.NaN);
  const entraSays = answer?.description ?? firstLine(msal.errorMessage ?? msal.message ?? String(error));
  const correlationId = answer?.correlationId ?? msal.correlationId;
  const detail = [entraSays, correlationId ? `correlation ID ${correlationId}` : '', answer?.traceId ? `trace ID ${answer.traceId}` : ''].filter(Boolean).join('; ');
  const browserSignIn = `Sign in with a browser: \`delegate login --browser --profile ${context.profile.name}\` (or "Sign in with a browser" in the app).`;
  const signIn = `Sign in again: \`delegate login --profile ${context.profile.name}\`, or "Sign in again…" in the Delegate tray menu.`;
  const make = (code: ErrorCode, message: string, action: string) =>
    new DelegateError({ code, message, action, detail, ...(Number.isFinite(aadsts) ? { aadsts } : {}) }, { cause: error });

  if (Number.isFinite(aadsts)) {
    switch (aadsts) {
      case 700082:
      case 70008:
        return make('sign-in-required', `Your sign-in expired because it was not used for too long (AADSTS${aadsts}).`, signIn);
      case 50173:
        return make('sign-in-required', 'Your sign-in was revoked, for example after a password change or reset (AADSTS50173).', signIn);
      case 70043:
        return make('sign-in-required', "Your organisation's Conditional Access policy requires you to sign in again after a set time, and that time has passed (AADSTS70043).", signIn);
      case 50076:
      case 50078:
        return make('sign-in-required', `Your organisation now requires multi-factor authentication for this sign-in (AADSTS${aadsts}).`, `${signIn} Have your second factor ready.`);
      case 65001:
        return make(
          'sign-in-required',
          `You have not consented to ${describeScopes(context.scopes)} for this app (AADSTS65001).`,
          `Make sure the profile's scopes include what you need (\`delegate profiles set ${context.profile.name} --scopes ...\`), then sign in again to consent: \`delegate login --profile ${context.profile.name}\`.`,
        );
      case 65002:
        return make(
          'scope-not-preauthorized',
          `The client ID ${describeClient(context.profile.clientId)} is not pre-approved by Microsoft for ${describeScopes(context.scopes)} (AADSTS65002).`,
          `Use a client ID that is pre-approved for it, e.g. \`delegate profiles set ${context.profile.name} --client-id office\` (or azure-cli, graph-powershell), or drop that scope; then sign in again.`,
        );
      case 53003:
      case 530033:
        return make(
          'blocked-by-policy',
          `Your organisation's Conditional Access policy blocks this sign-in method on this device (AADSTS${aadsts}).`,
          `${browserSignIn} If that is blocked too, ask your IT team which sign-in methods are allowed here.`,
        );
      case 530036:
        // Protocol tracking: the session began with a device code; Entra says its refresh token must be deleted,
        // and another device code sign-in would be tracked the same way.
        return make(
          'blocked-by-policy',
          "Your organisation's Conditional Access no longer accepts this sign-in: it began with a device code (AADSTS530036).",
          browserSignIn,
        );
      default:
        break;
    }
  }

  // msal's poller calls every refusal but authorization_pending `post_request_failed`: Entra's own word is better.
  const code = (msal.errorCode === 'post_request_failed' ? answer?.error : undefined) ?? msal.errorCode ?? '';
  if (code === 'authorization_declined' || /authorization_declined/.test(text)) {
    return make('device-code-declined', 'The sign-in was declined on the verification page.', 'Start the sign-in again and choose Approve (or check that the right account was picked).');
  }
  if (code === 'expired_token' || code === 'device_code_expired' || /expired_token|device_code_expired/.test(text)) {
    // Real Entra blocks device code in the person's browser (Error 53003) and lets the poll run out: from here an
    // expired code and a blocked one look the same, so say both.
    return make(
      'device-code-expired',
      "The code expired without being used. If the sign-in page said 'You don't have access to this' (Error 53003), your organisation blocks this sign-in method: use `delegate login --browser`.",
      `${browserSignIn} Or start again with \`delegate login --profile ${context.profile.name}\` and enter the new code within its time limit.`,
    );
  }
  if (code === 'temporarily_unavailable' || code === 'server_error') {
    // Entra's words for an outage (its 5xx, usually caught by the network client first): nothing changed.
    return make('network', "Microsoft's sign-in service is having trouble; nothing changed.", 'Try again in a few minutes. Your sign-in is unchanged; there is nothing to fix on your side.');
  }
  if (code === 'network_error' || code === 'endpoints_resolution_error' || msal.name === 'NetworkError') {
    if (context.networkFailure) return context.networkFailure;
    return make('network', `Could not reach Microsoft Entra ID: ${entraSays}`, 'Check your network connection (VPN, proxy, Wi-Fi) and try again. Your sign-in is unchanged.');
  }
  if (
    msal.name === 'InteractionRequiredAuthError' ||
    code === 'invalid_grant' ||
    code === 'interaction_required' ||
    code === 'no_tokens_found' ||
    code === 'no_account_found' ||
    code === 'refresh_token_expired' ||
    code === 'native_account_unavailable'
  ) {
    return make('sign-in-required', `Entra ID needs you to sign in again${Number.isFinite(aadsts) ? ` (AADSTS${aadsts})` : ''}.`, signIn);
  }
  if (msal.name === 'ServerError' || msal.name === 'AuthError' || msal.name === 'ClientConfigurationError' || msal.name === 'ClientAuthError') {
    return make('auth-failed', `Entra ID refused the request: ${entraSays}`, 'Check the profile (client ID, tenant, scopes) with `delegate profiles list`; keep the AADSTS code and correlation ID for support.');
  }
  return make('unexpected', `Something unexpected went wrong: ${entraSays}`, 'Try again; if it keeps happening, report it with this message.');
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]?.trim() ?? '';
}

function describeScopes(scopes: readonly string[] | undefined): string {
  if (!scopes || scopes.length === 0) return 'the requested permissions';
  return scopes.map((scope) => `"${scope}"`).join(', ');
}

function describeClient(clientId: string): string {
  const preset = presetForClientId(clientId);
  return preset ? `${clientId} (${preset.label})` : clientId;
}

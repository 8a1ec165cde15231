import { AuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { EntraAnswerRecorder, readEntraAnswer } from '../../../electron/core/auth/entra-answer.js';
import { mapAuthError } from '../../../electron/core/auth/error-mapping.js';
import { realReason } from '../../../electron/core/auth/session-refusal.js';
import { EMPTY_METADATA } from '../../../electron/core/auth/profile-metadata.js';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';

const TOKEN = new URL('https://login.microsoftonline.com/organizations/oauth2/v2.0/token');
const profile = { name: 'work', clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c' };

function entraBody(error: string, code: number, text: string, extra: Record<string, unknown> = {}) {
  return {
    error,
    error_description: `AADSTS${code}: ${text}\r\nTrace ID: 0c1f2e3d-4b5a-6978-8a9b-0c1d2e3f4a5b\r\nCorrelation ID: 11111111-2222-3333-4444-555555555555\r\nTimestamp: 2026-12-03 10:00:00Z`,
    error_codes: [code],
    timestamp: '2026-12-03 10:00:00Z',
    trace_id: '0c1f2e3d-4b5a-6978-8a9b-0c1d2e3f4a5b',
    correlation_id: '11111111-2222-3333-4444-555555555555',
    ...extra,
  };
}

describe("Entra's raw answer, kept beside what msal makes of it", () => {
  it('keeps error, error_codes, suberror, trace and correlation IDs and the first line of the description', () => {
    const answer = readEntraAnswer(TOKEN, 400, entraBody('invalid_grant', 700082, 'The refresh token has expired due to inactivity.', { suberror: 'bad_token' }));
    expect(answer).toEqual({
      endpoint: '/organizations/oauth2/v2.0/token',
      status: 400,
      error: 'invalid_grant',
      errorCodes: [700082],
      suberror: 'bad_token',
      traceId: '0c1f2e3d-4b5a-6978-8a9b-0c1d2e3f4a5b',
      correlationId: '11111111-2222-3333-4444-555555555555',
      timestamp: '2026-12-03 10:00:00Z',
      description: 'AADSTS700082: The refresh token has expired due to inactivity.',
    });
  });

  it('ignores successes, HTML, and anything that is not an Entra error; a success clears the last error', () => {
    const recorder = new EntraAnswerRecorder();
    recorder.record(TOKEN, 400, entraBody('invalid_grant', 530036, 'The refresh token is invalid.'));
    expect(recorder.last?.errorCodes).toEqual([530036]);
    recorder.record(new URL('https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration'), 200, { issuer: 'x' });
    expect(recorder.last?.errorCodes).toEqual([530036]);
    recorder.record(TOKEN, 200, { access_token: 'secret-token', refresh_token: 'secret-refresh' });
    expect(recorder.last).toBeUndefined();
    expect(readEntraAnswer(TOKEN, 502, '<html>Bad gateway</html>')).toBeUndefined();
  });

  it('cuts a lying server down to size: no megabyte strings, no non-numeric codes', () => {
    const answer = readEntraAnswer(TOKEN, 400, { error: 'x'.repeat(1_000_000), error_codes: ['53003', 1.5, 7, ...Array(100).fill(1)], error_description: 'y'.repeat(100_000) });
    expect(answer?.error).toHaveLength(500);
    expect(answer?.errorCodes).toEqual([7, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(answer?.description).toHaveLength(500);
  });
});

describe('the error mapping with the raw answer', () => {
  it("gets back the AADSTS number msal's device code poller drops (post_request_failed with the bare error)", () => {
    const answer = readEntraAnswer(TOKEN, 400, entraBody('invalid_grant', 530033, 'Remote device flow blocked due to device-based conditional access.'));
    // What msal-node 7's DeviceCodeClient throws: createAuthError(postRequestFailed, correlationId, body.error).
    const polled = new AuthError('post_request_failed', 'corr-1', 'invalid_grant');
    const mapped = mapAuthError(polled, { profile, entraAnswer: answer });
    expect(mapped).toMatchObject({ code: 'blocked-by-policy', aadsts: 530033 });
    expect(mapped.action).toContain('`delegate login --browser --profile work`');
    expect(mapped.detail).toContain('AADSTS530033: Remote device flow blocked');
    expect(mapped.detail).toContain('trace ID 0c1f2e3d-4b5a-6978-8a9b-0c1d2e3f4a5b');
  });

  it('does not pin an older answer on an unrelated error', () => {
    const answer = readEntraAnswer(TOKEN, 400, entraBody('authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending.'));
    const expired = new AuthError('device_code_expired', 'corr-1');
    const mapped = mapAuthError(expired, { profile, entraAnswer: answer });
    expect(mapped.code).toBe('device-code-expired');
    expect(mapped.aadsts).toBeUndefined();
    expect(mapped.message).toBe(
      "The code expired without being used. If the sign-in page said 'You don't have access to this' (Error 53003), your organisation blocks this sign-in method: use `delegate login --browser`.",
    );
  });

  it('makes AADSTS530036 a block with the browser sign-in as the action, not "sign in again"', () => {
    const error = new ServerError('invalid_grant', 'corr-1', 'AADSTS530036: The refresh token is invalid due to authentication flow checks by Conditional Access.', undefined, '530036', 400);
    const mapped = mapAuthError(error, { profile });
    expect(mapped).toMatchObject({ code: 'blocked-by-policy', aadsts: 530036 });
    expect(mapped.action).toBe('Sign in with a browser: `delegate login --browser --profile work` (or "Sign in with a browser" in the app).');
  });
});

describe("a refusal outlives msal's no_tokens_found", () => {
  const recorded = { at: '2026-12-03T10:00:00.000Z', code: 'sign-in-required', message: 'Your sign-in expired because it was not used for too long (AADSTS700082).', action: 'Sign in again.', aadsts: 700082 };
  const vague = new DelegateError({ code: 'sign-in-required', message: 'Entra ID needs you to sign in again.', action: 'Sign in again.' });

  it('answers with the recorded reason while nobody has signed in since', () => {
    const reason = realReason(vague, { ...EMPTY_METADATA, lastInteractiveAuth: '2026-09-01T00:00:00.000Z', lastAuthError: recorded });
    expect(reason.recorded).toBe(true);
    expect(reason.error).toMatchObject({ code: 'sign-in-required', aadsts: 700082, message: recorded.message });
  });

  it('lets a new answer from Entra, or a sign-in since, win', () => {
    const fresh = new DelegateError({ code: 'blocked-by-policy', message: 'Blocked (AADSTS530036).', action: 'Browser.', aadsts: 530036 });
    expect(realReason(fresh, { ...EMPTY_METADATA, lastAuthError: recorded }).error).toBe(fresh);
    expect(realReason(vague, { ...EMPTY_METADATA, lastInteractiveAuth: '2026-12-04T00:00:00.000Z', lastAuthError: recorded }).error).toBe(vague);
    expect(realReason(vague, { ...EMPTY_METADATA, lastAuthError: { ...recorded, code: 'made-up-code' } }).error).toBe(vague);
  });
});

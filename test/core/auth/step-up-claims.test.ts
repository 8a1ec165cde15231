import { describe, expect, it } from 'vitest';
import { asksForStepUp, refusesOnlyTheStepUp } from '../../../electron/core/auth/step-up-claims.js';

const ACRS = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
const NBF = '{"access_token":{"nbf":{"essential":true, "value":"1796313751"}}}';

describe('step-up claims', () => {
  it('tells an authentication-context challenge from a revocation one', () => {
    expect(asksForStepUp(ACRS)).toBe(true);
    expect(asksForStepUp(NBF)).toBe(false);
    expect(asksForStepUp(undefined)).toBe(false);
    expect(asksForStepUp('{"access_token":')).toBe(false);
  });

  it('an MFA refusal of a step-up ends only that request, but a revoked, expired or blocked session still ends the session', () => {
    expect(refusesOnlyTheStepUp(ACRS, { code: 'sign-in-required', aadsts: 50076 })).toBe(true);
    expect(refusesOnlyTheStepUp(ACRS, { code: 'sign-in-required', aadsts: undefined })).toBe(true);
    expect(refusesOnlyTheStepUp(ACRS, { code: 'sign-in-required', aadsts: 50173 })).toBe(false);
    expect(refusesOnlyTheStepUp(ACRS, { code: 'sign-in-required', aadsts: 700082 })).toBe(false);
    expect(refusesOnlyTheStepUp(ACRS, { code: 'blocked-by-policy', aadsts: 530036 })).toBe(false);
    expect(refusesOnlyTheStepUp(NBF, { code: 'sign-in-required', aadsts: 50076 })).toBe(false);
  });
});

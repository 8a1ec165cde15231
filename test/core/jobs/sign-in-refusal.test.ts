import { describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { ActionOutcomeError } from '../../../electron/core/jobs/kinds/action-outcome.js';
import { signInRefusalIn } from '../../../electron/core/jobs/sign-in-refusal.js';

const revoked = new DelegateError({ code: 'sign-in-required', message: 'Your sign-in was revoked (AADSTS50173).', action: 'Sign in again.', aadsts: 50173 });

describe('which run endings mean a person must sign in (skipped, not failed)', () => {
  it('a refusal met mid-run, also when a kind reported it as "not sent"', () => {
    expect(signInRefusalIn(revoked)).toBe(revoked);
    expect(signInRefusalIn(new ActionOutcomeError('not-done', 'The mail "Daily" was not sent.', undefined, { cause: revoked }))).toBe(revoked);
  });

  it('not a mail that may have gone out, nor an ordinary failure', () => {
    expect(signInRefusalIn(new ActionOutcomeError('unknown', 'The mail "Daily" may have been sent.', 'Check Sent Items.', { cause: revoked }))).toBeUndefined();
    expect(signInRefusalIn(new DelegateError({ code: 'network', message: 'Could not reach Graph.', action: 'Retry.' }))).toBeUndefined();
    expect(signInRefusalIn(new Error('boom'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { signInStage, spellOut } from '../../renderer/reauth/sign-in-stage.js';

const now = Date.parse('2026-11-20T12:00:00.000Z');
const deviceCode = { userCode: 'GQ7XPZ3LK', verificationUri: 'https://microsoft.com/devicelogin', expiresAt: '2026-11-20T12:15:00.000Z' };

describe('what the re-auth dialog shows', () => {
  it('shows "starting" while its own request is on the way, whatever an earlier attempt left behind', () => {
    expect(signInStage({ signIn: { profile: 'work', phase: 'signed-in' }, starting: true, startError: null, now }).kind).toBe('starting');
  });

  it('shows the code while it is valid, and "expired" once its time is up', () => {
    expect(signInStage({ signIn: { profile: 'work', phase: 'device-code', deviceCode }, starting: false, startError: null, now })).toMatchObject({ kind: 'device-code', userCode: 'GQ7XPZ3LK' });
    expect(signInStage({ signIn: { profile: 'work', phase: 'device-code', deviceCode }, starting: false, startError: null, now: Date.parse(deviceCode.expiresAt) }).kind).toBe('code-expired');
  });

  it('offers the browser sign-in beside the code once it has been pending for two minutes, not before', () => {
    const issued = { ...deviceCode, issuedAt: '2026-11-20T11:58:00.001Z' };
    const stage = (at: number) => signInStage({ signIn: { profile: 'work', phase: 'device-code', deviceCode: issued }, starting: false, startError: null, now: at });
    expect(stage(Date.parse('2026-11-20T11:59:59.000Z'))).toMatchObject({ kind: 'device-code', offerBrowser: false });
    expect(stage(Date.parse('2026-11-20T12:00:00.001Z'))).toMatchObject({ kind: 'device-code', offerBrowser: true });
    // A code from an older main process (no issue time) never claims to know how long it has waited.
    expect(signInStage({ signIn: { profile: 'work', phase: 'device-code', deviceCode }, starting: false, startError: null, now })).toMatchObject({ offerBrowser: false });
  });

  it('shows the error main reported, or the refusal of the start request itself', () => {
    const blocked = { code: 'blocked-by-policy' as const, message: 'Blocked', action: 'Use a browser', aadsts: 53003 };
    expect(signInStage({ signIn: { profile: 'work', phase: 'failed', error: blocked }, starting: false, startError: null, now })).toEqual({ kind: 'failed', error: blocked });
    expect(signInStage({ signIn: { profile: 'work', phase: 'idle' }, starting: false, startError: blocked, now })).toEqual({ kind: 'failed', error: blocked });
  });

  it('still explains a failure that came without an error', () => {
    const stage = signInStage({ signIn: { profile: 'work', phase: 'failed' }, starting: false, startError: null, now });
    expect(stage.kind === 'failed' && stage.error.message).toBe('The sign-in did not finish.');
  });

  it('spells a code out for screen readers', () => {
    expect(spellOut('GQ7X')).toBe('G Q 7 X');
  });
});

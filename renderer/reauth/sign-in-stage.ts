/**
 * Which screen the re-auth dialog shows, from the sign-in state main reports and what the dialog itself
 * is waiting for. Pure, so every combination can be reasoned about (and tested) in one place.
 */
import type { ErrorData } from '../../shared/errors.js';
import type { SignInState } from '../../shared/ipc/ipc-models.js';

export type SignInStage =
  | { kind: 'starting' }
  | {
      kind: 'device-code';
      userCode: string;
      verificationUri: string;
      expiresAt: string;
      /**
       * Pending long enough that a Conditional Access block is likely: real Entra shows it only in the browser
       * (Error 53003) and the code never completes, so the dialog offers the browser sign-in beside the code.
       */
      offerBrowser: boolean;
    }
  | { kind: 'code-expired' }
  | { kind: 'browser' }
  | { kind: 'signed-in' }
  | { kind: 'failed'; error: ErrorData }
  | { kind: 'cancelled' };

/** About two minutes: a person who can sign in has usually entered the code by then. */
export const OFFER_BROWSER_AFTER_MS = 2 * 60_000;

export interface StageInput {
  signIn: SignInState;
  /** A start request is on its way (the state main holds may still be the previous attempt's). */
  starting: boolean;
  /** The start request itself was refused. */
  startError: ErrorData | null;
  now: number;
}

export function signInStage({ signIn, starting, startError, now }: StageInput): SignInStage {
  if (starting) return { kind: 'starting' };
  if (startError) return { kind: 'failed', error: startError };
  switch (signIn.phase) {
    case 'device-code': {
      const code = signIn.deviceCode;
      if (!code) return { kind: 'starting' };
      if (Date.parse(code.expiresAt) <= now) return { kind: 'code-expired' };
      const issuedAt = code.issuedAt === undefined ? Number.NaN : Date.parse(code.issuedAt);
      const offerBrowser = Number.isFinite(issuedAt) && now - issuedAt >= OFFER_BROWSER_AFTER_MS;
      return { kind: 'device-code', userCode: code.userCode, verificationUri: code.verificationUri, expiresAt: code.expiresAt, offerBrowser };
    }
    case 'browser':
      return { kind: 'browser' };
    case 'signed-in':
      return { kind: 'signed-in' };
    case 'failed':
      return {
        kind: 'failed',
        error: signIn.error ?? { code: 'auth-failed', message: 'The sign-in did not finish.', action: 'Try again.' },
      };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'idle':
      return { kind: 'starting' };
  }
}

/** Spaced out for a screen reader, which would otherwise try to pronounce "GQ7XPZ3LK" as a word. */
export function spellOut(code: string): string {
  return code.split('').join(' ');
}

/**
 * The CLI's exit codes (PRODUCT.md): scripts branch on these, so they never change meaning.
 */
import type { ErrorCode } from '../../shared/errors.js';

export const ExitCode = {
  ok: 0,
  failed: 1,
  badInput: 2,
  signInRequired: 3,
  network: 4,
  /**
   * The keychain holding the sign-in is locked or not running: unlock it and try again. Not 3 (signing in again
   * would not help and nothing about the sign-in changed) and not 4 (no network involved); like 4 it means
   * "try later", so a script may simply retry.
   */
  keychainLocked: 5,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(code: ErrorCode): ExitCodeValue {
  switch (code) {
    case 'invalid-config':
    case 'unknown-profile':
    case 'invalid-input':
    case 'invalid-scope':
    case 'scope-not-preauthorized':
    case 'scope-missing':
      return ExitCode.badInput;
    case 'sign-in-required':
    case 'signed-out':
    case 'blocked-by-policy':
    case 'device-code-expired': // may be a Conditional Access block shown only in the browser: a person must act
      return ExitCode.signInRequired;
    case 'network':
      return ExitCode.network;
    case 'keychain-locked':
      return ExitCode.keychainLocked;
    default:
      return ExitCode.failed;
  }
}

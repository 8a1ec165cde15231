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
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(code: ErrorCode): ExitCodeValue {
  switch (code) {
    case 'invalid-config':
    case 'unknown-profile':
    case 'invalid-input':
    case 'invalid-scope':
    case 'scope-not-preauthorized':
      return ExitCode.badInput;
    case 'sign-in-required':
    case 'signed-out':
    case 'blocked-by-policy':
      return ExitCode.signInRequired;
    case 'network':
      return ExitCode.network;
    default:
      return ExitCode.failed;
  }
}

/**
 * Delegate's one error type: a code that survives process boundaries, a plain-words message and the
 * action to take. Everything a person can see goes through this.
 */
import type { ErrorCode, ErrorData } from '../../../shared/errors.js';

export class DelegateError extends Error {
  readonly code: ErrorCode;
  readonly action: string;
  readonly aadsts: number | undefined;
  readonly detail: string | undefined;

  constructor(data: ErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = 'DelegateError';
    this.code = data.code;
    this.action = data.action;
    this.aadsts = data.aadsts;
    this.detail = data.detail;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message, action: this.action };
    if (this.aadsts !== undefined) data.aadsts = this.aadsts;
    if (this.detail !== undefined) data.detail = this.detail;
    return data;
  }
}

export function isDelegateError(error: unknown): error is DelegateError {
  return error instanceof DelegateError;
}

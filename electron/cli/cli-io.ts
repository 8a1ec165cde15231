/**
 * How the CLI talks: data on stdout (one JSON document, or JSON lines for events, with --json), people-facing
 * errors on stderr with what to do next. Never a token, except `delegate token`'s own stdout.
 */
import { DelegateError, isDelegateError } from '../core/errors/delegate-error.js';
import { describeOsError, isOsError } from '../core/errors/os-error.js';
import { exitCodeFor, ExitCode, type ExitCodeValue } from './exit-codes.js';
import { escapeForTerminal } from './terminal-text.js';
import type { ErrorData } from '../../shared/errors.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  home: string;
}

// Everything printed goes through escapeForTerminal: names, subjects and messages from files, mail and Graph
// cannot drive the person's terminal. (`delegate token` prints a JWT, which has no control characters.)
export const processIo = (home: string): CliIo => ({
  out: (text) => process.stdout.write(escapeForTerminal(text)),
  err: (text) => process.stderr.write(escapeForTerminal(text)),
  env: process.env,
  home,
});

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value)}\n`);
}

export function toErrorData(error: unknown): ErrorData {
  if (isDelegateError(error)) return error.toData();
  if (isOsError(error)) return describeOsError(error).toData();
  return {
    code: 'unexpected',
    message: `Something unexpected went wrong: ${error instanceof Error ? error.message : String(error)}`,
    action: 'Try again; if it keeps happening, report it with this message.',
  };
}

/** Prints an error the way the command's output mode wants it and returns the exit code for it. */
export function reportError(io: CliIo, error: unknown, json: boolean): ExitCodeValue {
  const data = toErrorData(error);
  if (json) printJson(io, { error: data });
  else {
    const code = data.aadsts ? ` [AADSTS${data.aadsts}]` : '';
    io.err(`delegate: ${data.message}${code}\n  What to do: ${data.action}\n${data.detail && data.code === 'unexpected' ? `  Detail: ${data.detail}\n` : ''}`);
  }
  return exitCodeFor(data.code);
}

export function badInput(message: string, action: string): DelegateError {
  return new DelegateError({ code: 'invalid-input', message, action });
}

export { ExitCode };

/**
 * One line of a file, cut short, for an error message.
 *
 * Errors about config.json or jobs.yaml may quote the line at fault, never more: the name may be a symlink to
 * someone else's file (a key file, a .netrc), and an error that lists its contents line by line leaks them
 * into terminals, logs and bug reports.
 */
import { redactSecrets } from '../history/redact.js';

const MAX_QUOTED = 80;

/** Line `line` (1-based) of `text`, trimmed and cut to 80 characters, JSON-quoted; undefined when there is none. */
export function offendingLine(text: string, line: number | undefined): string | undefined {
  if (line === undefined || line < 1) return undefined;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  // Redacted before it is cut: the line may hold the proxy URL with its password (`"proxy": "http://u:p@…"`),
  // and a cut that drops the `@` would leave the password no longer shaped like one.
  const whole = redactSecrets(text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '').trim());
  if (whole === '') return undefined;
  return JSON.stringify(whole.length > MAX_QUOTED ? `${whole.slice(0, MAX_QUOTED)}…` : whole);
}

/** The 1-based line of a character offset in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

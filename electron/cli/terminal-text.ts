/**
 * Text for a terminal: control characters made visible instead of obeyed.
 *
 * Job names, mail subjects, Graph messages, script output and error texts can hold ANSI escape sequences (which
 * recolour, retitle or rewrite what the person sees, or worse on some terminals), carriage returns that overwrite
 * a line, BELs, C1 controls and bidi overrides that reorder text. Every human-readable line the CLI prints goes
 * through here; `--json` output is JSON-escaped already and, apart from C1 and bidi characters (which JSON leaves
 * raw), passes unchanged.
 */

// C0 controls except tab and newline, DEL, C1 controls, and the bidi formatting characters (LRE…RLO, LRI…PDI,
// LRM/RLM, ALM). The zero-width joiner stays: emoji sequences in a job name need it.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// The same, newline and tab included: for one field inside a line.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Escapes every control and bidi character as `\uXXXX`, keeping newlines and tabs (the CLI's own layout).
 * `\uXXXX` is also a valid JSON escape, so JSON output stays valid JSON meaning the same thing.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Escapes one value printed inside a line (a job name, a history message): newlines and tabs too. */
export function escapeField(text: string): string {
  return text.replace(UNSAFE_IN_LINE, escapeChar);
}

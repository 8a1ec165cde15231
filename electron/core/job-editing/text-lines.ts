/**
 * Line arithmetic on the jobs file's own text: where a line starts and ends, its column, whether it is blank or
 * only a comment. Offsets are JavaScript string indices (the yaml parser's node ranges use the same).
 * Line ends may be `\n` or `\r\n`; both are kept as they are.
 */

/** The offset where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the line break of the line holding `offset` (the text's end for a last line without one). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The offset of `offset`'s column within its line (0-based, counting characters). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The line starting at `start`, without its line break. */
export function lineAt(text: string, start: number): string {
  const end = nextLineStart(text, start);
  return text.slice(start, end).replace(/\r?\n$/, '');
}

export function isBlankLine(line: string): boolean {
  return line.trim() === '' && !line.includes('\uFEFF');
}

export function isCommentLine(line: string): boolean {
  return /^[ \t]*#/.test(line);
}

/** The indentation (leading spaces) of a line. */
export function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

/** The file's line break: CRLF when its first line ends with one, LF otherwise (and for a one-line file). */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** Replaces [start, end) of `text` with `insert`. */
export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/**
 * Which lines belong to a job in the list, for deleting it and for appending after it.
 *
 * The rule (the same for every edit):
 * - a job's lines run from its `-` line to its last line of content;
 * - comment lines directly above the `-` (no blank line between) that are not indented deeper than the `-` are
 *   the job's own ("# the daily report"), and go with it;
 * - comment lines after it that are indented deeper than its `-` are inside it (a commented-out field), even
 *   across blank lines, and go with it;
 * - anything separated by a blank line at the `-`'s column or left of it (a group heading, a trailer) stays.
 */
import { columnOf, indentOf, isBlankLine, isCommentLine, lineAt, lineStartOf, nextLineStart } from './text-lines.js';
import type { JobItem } from './jobs-text.js';

/** Where the job's own leading comments start (its `-` line's start when it has none). */
export function ownStart(text: string, item: JobItem): number {
  const dashColumn = columnOf(text, item.dashOffset);
  let start = item.lineStart;
  while (start > 0) {
    const previous = lineStartOf(text, start - 1);
    const line = lineAt(text, previous);
    if (!isCommentLine(line.replace(/^\uFEFF/, '')) || indentOf(line) > dashColumn) break;
    start = previous;
  }
  return start;
}

/** Where the job's lines end: past its content and the deeper-indented comment lines after it. */
export function ownEnd(text: string, item: JobItem, limit = text.length): number {
  const dashColumn = columnOf(text, item.dashOffset);
  let end = item.contentEnd;
  let cursor = item.contentEnd;
  while (cursor < limit) {
    const line = lineAt(text, cursor);
    const next = nextLineStart(text, cursor);
    if (isCommentLine(line) && indentOf(line) > dashColumn) end = next;
    else if (!isBlankLine(line)) break;
    cursor = next;
  }
  return end;
}

/** The blank lines from `offset` on (the offset past them). */
export function blankLinesAfter(text: string, offset: number): number {
  let cursor = offset;
  while (cursor < text.length && isBlankLine(lineAt(text, cursor))) cursor = nextLineStart(text, cursor);
  return cursor;
}

/** The blank lines just before `offset` (the offset where they start). */
export function blankLinesBefore(text: string, offset: number): number {
  let cursor = offset;
  while (cursor > 0) {
    const previous = lineStartOf(text, cursor - 1);
    if (!isBlankLine(lineAt(text, previous))) break;
    cursor = previous;
  }
  return cursor;
}

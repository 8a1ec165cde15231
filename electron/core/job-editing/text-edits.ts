/**
 * Splices planned on the jobs file's text (each a range of the original text and what replaces it), applied at once.
 */
import { splice } from './text-lines.js';

export interface Edit {
  start: number;
  end: number;
  insert: string;
}

/**
 * Applies non-overlapping edits, last first so earlier offsets stay right. Two inserts at one offset (keys added
 * to `action:` and to the job, when `action:` is its last key) keep the order they were made in: the inner first.
 */
export function applyEdits(text: string, edits: Edit[]): string {
  const ordered = edits.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.order - a.order);
  return ordered.reduce((result, { edit }) => splice(result, edit.start, edit.end, edit.insert), text);
}

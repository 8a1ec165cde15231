/**
 * The text that makes `jobs:` null (`~`, `null`, `Null`, `!!null`, `&a ~`), which must go before a job is added:
 * a `- id:` item under `jobs: ~` is not a list of jobs but broken YAML (or, after `!!null`, a list that other YAML
 * tools refuse to read). Only the value's own bytes go; a comment after it stays on the `jobs:` line.
 */
import type { CST, Pair } from 'yaml';
import { lineAt, lineStartOf, nextLineStart } from './text-lines.js';

export type Span = readonly [start: number, end: number];

/** Where the null value (with its tag or anchor) is written; undefined for a bare `jobs:`. */
export function nullValueSpan(pair: Pair): Span | undefined {
  const token = pair.srcToken as CST.CollectionItem | undefined;
  const parts: Array<{ offset: number; source: string }> = (token?.sep ?? []).filter((part) => part.type === 'tag' || part.type === 'anchor');
  const value = token?.value;
  if (value && 'source' in value && typeof value.source === 'string' && value.source !== '') parts.push(value);
  if (parts.length === 0) return undefined;
  return [Math.min(...parts.map((part) => part.offset)), Math.max(...parts.map((part) => part.offset + part.source.length))];
}

/** The text without the null value: `jobs: ~  # none` → `jobs: # none`, `jobs: ~` → `jobs:`, a line of its own goes. */
export function withoutNullValue(text: string, [start, end]: Span): string {
  const lineStart = lineStartOf(text, start);
  const line = lineAt(text, lineStart);
  const lineEnd = lineStart + line.length;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  if (before.trim() === '' && after.trim() === '') return text.slice(0, lineStart) + text.slice(nextLineStart(text, lineStart));
  if (after.trim() === '') return text.slice(0, lineStart) + before.replace(/[ \t]+$/, '') + text.slice(lineEnd);
  return text.slice(0, start) + after.replace(/^[ \t]+/, '') + text.slice(lineEnd);
}

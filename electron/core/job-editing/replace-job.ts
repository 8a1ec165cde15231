/**
 * Replaces a job with the editor's version, changing as few bytes as it can.
 *
 * Key by key in the job's mapping (and inside nested block mappings such as `action:`): a key whose value did
 * not change keeps its bytes and comments; a changed value that fits on its line replaces only the value's bytes
 * (a trailing comment stays); a changed value that needs lines replaces that key's lines; a removed key's lines
 * go; a new key is added after the mapping's last key at its indentation. In a mapping written in flow style
 * (`- {id: a, …}`, `action: {…}`) only changed values are replaced and new keys appended (flow-map-edits.ts).
 * A job whose splice would not read back as intended is re-rendered whole (its own lines only).
 */
import { isDeepStrictEqual } from 'node:util';
import { isCollection, isMap, isNode, isScalar, type YAMLMap } from 'yaml';
import { refuseAliases } from './alias-check.js';
import { checkIdFree, checkJob } from './check-job.js';
import { fileStyle } from './file-style.js';
import { readJobsText, theJob, type JobItem, type JobsText } from './jobs-text.js';
import { keepFinalNewline } from './final-newline.js';
import { renderFlowJob, renderInline, renderItem, renderPair, type RenderStyle } from './render-yaml.js';
import { columnOf, lineStartOf, nextLineStart, splice } from './text-lines.js';
import { verifyEdit } from './verify-edit.js';
import { flowMapEdits } from './flow-map-edits.js';
import { applyEdits, type Edit } from './text-edits.js';
import type { EditAction } from './edit-action.js';
import { withoutUnwrittenDefaults } from './unwritten-defaults.js';
import { isDelegateError } from '../errors/delegate-error.js';

export function replaceJob(text: string, originalId: string, job: Record<string, unknown>): string {
  const id = checkJob(job);
  const jobs = readJobsText(text);
  const item = theJob(jobs, originalId);
  checkIdFree(jobs.items, id, item);
  refuseAliases(item, 'save');
  return replaceJobIn(jobs, item, withoutUnwrittenDefaults(job, item.raw));
}

/** The file with `item` replaced by `job` (already checked); verified before it is returned. */
export function replaceJobIn(jobs: JobsText, item: JobItem, job: Record<string, unknown>, action: EditAction = 'save'): string {
  const expected = jobs.items.map((other) => (other === item ? job : other.raw));
  const style = fileStyle(jobs);
  const node = item.node;
  if (isMap(node)) {
    const edits = node.flow ? flowMapEdits(node, asRecord(item.raw), job, style) : mapEdits(jobs.text, node, asRecord(item.raw), job, style);
    if (edits) {
      try {
        return verifyEdit(jobs, keepFinalNewline(jobs.text, applyEdits(jobs.text, edits)), expected, action);
      } catch (error) {
        // A splice that does not read back as intended (an odd layout): the whole item is re-rendered instead.
        if (!isDelegateError(error) || error.code !== 'unexpected') throw error;
      }
    }
  }
  return verifyEdit(jobs, keepFinalNewline(jobs.text, wholeItem(jobs, item, job, style)), expected, action);
}

function wholeItem(jobs: JobsText, item: JobItem, job: unknown, style: RenderStyle): string {
  const { text } = jobs;
  if (isCollection(item.node) && item.node.flow && item.node.range) {
    return splice(text, item.node.range[0], item.node.range[1], renderFlowJob(job, style));
  }
  const before = item.contentEnd === text.length && !text.endsWith('\n') ? '' : jobs.lineBreak;
  return splice(text, item.dashOffset, item.contentEnd, renderItem(job, columnOf(text, item.dashOffset), style) + before);
}

function mapEdits(text: string, map: YAMLMap, old: Record<string, unknown>, next: Record<string, unknown>, style: RenderStyle): Edit[] | undefined {
  const edits: Edit[] = [];
  const seen = new Set<string>();
  let lastEnd: number | undefined;
  let column: number | undefined;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.range) return undefined;
    const key = pair.key.value;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const keyStart = pair.key.range[0];
    column ??= columnOf(text, keyStart);
    const value = isNode(pair.value) ? pair.value : null;
    const valueRange = value?.range ?? undefined;
    const valueEnd = valueRange ? Math.max(valueRange[1], pair.key.range[1]) : pair.key.range[1];
    const pairEnd = nextLineStart(text, valueEnd - 1);
    lastEnd = pairEnd;
    if (!Object.hasOwn(next, key)) {
      // Only a key that starts its line can lose its lines (`- id:` shares the line with the item's dash).
      const lineStart = lineStartOf(text, keyStart);
      if (text.slice(lineStart, keyStart).trim() !== '') return undefined;
      edits.push({ start: lineStart, end: pairEnd, insert: '' });
      continue;
    }
    const wanted = next[key];
    if (isDeepStrictEqual(plain(old[key]), plain(wanted))) continue;
    if (isMap(value) && value.items.length > 0 && isRecord(wanted) && isRecord(old[key])) {
      const inner = value.flow ? flowMapEdits(value, asRecord(old[key]), wanted, style) : mapEdits(text, value, asRecord(old[key]), wanted, style);
      if (inner) {
        edits.push(...inner);
        continue;
      }
    }
    const sourceText = valueRange ? text.slice(valueRange[0], valueRange[1]) : '';
    const onItsLine = valueRange !== undefined && sourceText !== '' && !sourceText.includes('\n');
    if (value && onItsLine && (isScalar(value) || (isCollection(value) && value.flow))) {
      // The person's quotes stay on a one-line string; multi-line text (an HTML body) reads better as a `|` block.
      const quoting = isScalar(value) && (value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE') && typeof wanted === 'string' && !wanted.includes('\n') ? value.type : undefined;
      const inline = renderInline(wanted, { ...style, flow: isCollection(value), ...(quoting ? { quoting } : {}) });
      if (inline !== undefined) {
        edits.push({ start: valueRange[0], end: valueRange[1], insert: inline });
        continue;
      }
    }
    edits.push({ start: keyStart, end: pairEnd, insert: withLineComment(renderPair(key, wanted, column, style), keyLineComment(text, pair.key.range[1], valueRange)) + style.lineBreak });
  }
  const added = Object.keys(next).filter((key) => !seen.has(key) && next[key] !== undefined);
  if (added.length > 0) {
    if (lastEnd === undefined || column === undefined) return undefined;
    const indent = ' '.repeat(column);
    const before = lastEnd === text.length && !text.endsWith('\n') ? style.lineBreak : '';
    edits.push({ start: lastEnd, end: lastEnd, insert: before + added.map((key) => indent + renderPair(key, next[key], column as number, style) + style.lineBreak).join('') });
  }
  return edits;
}

/**
 * The comment at the end of a key's line (`subject: x  # for the boss`, `body:  # HTML`), which a value
 * re-rendered over several lines would otherwise drop; it goes back after the new `key:` / `key: |`.
 */
function keyLineComment(text: string, keyEnd: number, valueRange: readonly number[] | undefined): string | undefined {
  const lineEnd = text.indexOf('\n', keyEnd);
  const line = text.slice(keyEnd, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  // An empty value (`key:   # note`) has no bytes of its own: everything after the `:` is looked at.
  const valueOnLine = valueRange !== undefined && valueRange[0] !== valueRange[1] && (lineEnd < 0 || (valueRange[0] ?? 0) < lineEnd);
  const rest = valueOnLine && valueRange ? text.slice(valueRange[1], lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '') : line.replace(/^[ \t]*:/, '');
  return /^[ \t]+#/.test(rest) ? rest.trim() : undefined;
}

function withLineComment(rendered: string, comment: string | undefined): string {
  if (comment === undefined) return rendered;
  const lineBreak = rendered.indexOf('\n');
  const first = lineBreak < 0 ? rendered : rendered.slice(0, lineBreak).replace(/\r$/, '');
  // After a line that opens a block (`key:`, `key: |`, `key: >-`), or a one-line pair; never after the first line
  // of a scalar that goes on, where it would become its text.
  if (lineBreak >= 0 && !/:( [|>][-+0-9]*)?$/.test(first)) return rendered;
  return `${first} ${comment}${rendered.slice(first.length)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

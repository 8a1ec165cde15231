/**
 * Pauses or resumes a job: only the bytes of its `enabled:` value change, or one `enabled: false` line is added
 * under its id (at the job's indentation) when it had none. A job written in flow style is re-rendered whole.
 */
import { isMap, isNode, isScalar, type CST, type Pair } from 'yaml';
import { refuseAliases } from './alias-check.js';
import { readJobsText, theJob } from './jobs-text.js';
import { keepFinalNewline } from './final-newline.js';
import { replaceJobIn } from './replace-job.js';
import { columnOf, nextLineStart, splice } from './text-lines.js';
import { verifyEdit } from './verify-edit.js';

export function setJobEnabled(text: string, jobId: string, enabled: boolean): string {
  const jobs = readJobsText(text, 'switch');
  const item = theJob(jobs, jobId, 'switch');
  refuseAliases(item, 'switch');
  const raw = item.raw as Record<string, unknown>;
  if ((raw.enabled ?? true) === enabled && (raw.enabled === undefined || typeof raw.enabled === 'boolean')) return text;
  const next = { ...raw, enabled };
  const expected = jobs.items.map((other) => (other === item ? next : other.raw));
  const node = item.node;
  if (!isMap(node) || node.flow) return replaceJobIn(jobs, item, next, 'switch');
  const pair = node.items.find((candidate) => isScalar(candidate.key) && candidate.key.value === 'enabled');
  if (pair && isScalar(pair.value) && pair.value.range && !String(pair.value.source ?? '').includes('\n')) {
    const [start, end] = pair.value.range;
    // `enabled:` with no value: the empty value sits where a comment may follow, so the word goes right after
    // the `:` with a space (never `enabled:true`, which is a key, nor `true# note`, which is text).
    const colon = start === end ? colonAfter(pair) : undefined;
    if (colon !== undefined) return verifyEdit(jobs, keepFinalNewline(text, splice(text, colon + 1, colon + 1, ` ${String(enabled)}`)), expected, 'switch');
    return verifyEdit(jobs, splice(text, start, end, String(enabled)), expected, 'switch');
  }
  if (pair) return replaceJobIn(jobs, item, next, 'switch');
  const idPair = node.items.find((candidate) => isScalar(candidate.key) && candidate.key.value === 'id') as Pair | undefined;
  const first = node.items[0];
  const anchor = idPair ?? first;
  const keyStart = isNode(anchor?.key) ? anchor.key.range?.[0] : undefined;
  const valueEnd = isNode(anchor?.value) ? anchor.value.range?.[1] : undefined;
  // `? id` / `: a` (an explicit key): the key's column is not the mapping's, so the job is re-rendered instead.
  if (keyStart === undefined || valueEnd === undefined || isExplicitKey(anchor)) return replaceJobIn(jobs, item, next, 'switch');
  const at = nextLineStart(text, valueEnd - 1);
  const before = at === text.length && !text.endsWith('\n') ? jobs.lineBreak : '';
  const line = `${' '.repeat(columnOf(text, keyStart))}enabled: ${String(enabled)}${jobs.lineBreak}`;
  return verifyEdit(jobs, keepFinalNewline(text, splice(text, at, at, before + line)), expected, 'switch');
}

/** The offset of a pair's `:` (from its source tokens). */
function colonAfter(pair: Pair): number | undefined {
  const token = pair.srcToken as CST.CollectionItem | undefined;
  return token?.sep?.find((part) => part.type === 'map-value-ind')?.offset;
}

function isExplicitKey(pair: Pair | undefined): boolean {
  const token = pair?.srcToken as CST.CollectionItem | undefined;
  return token?.start.some((part) => part.type === 'explicit-key-ind') ?? false;
}

/**
 * In-place edits of a mapping written in flow style (`- {id: a, schedule: "0 7 * * *", action: {…}}`): only the
 * changed values' bytes are replaced, and a new key is added as `, key: value` after the last one, so the
 * person's quoting and spacing of everything else in the job stay. A removed key or an empty value is left to
 * the caller, which then re-renders the whole mapping.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, isScalar, type YAMLMap } from 'yaml';
import { renderInline, type RenderStyle } from './render-yaml.js';
import type { Edit } from './text-edits.js';

export function flowMapEdits(map: YAMLMap, old: Record<string, unknown>, next: Record<string, unknown>, style: RenderStyle): Edit[] | undefined {
  const flow = { ...style, flow: true };
  const edits: Edit[] = [];
  const seen = new Set<string>();
  let lastEnd: number | undefined;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') return undefined;
    const key = pair.key.value;
    const value = isNode(pair.value) ? pair.value : null;
    const range = value?.range;
    if (seen.has(key) || !Object.hasOwn(next, key) || !value || !range || range[0] === range[1]) return undefined;
    seen.add(key);
    lastEnd = range[1];
    const wanted = next[key];
    if (isDeepStrictEqual(plain(old[key]), plain(wanted))) continue;
    if (isMap(value) && value.flow && isRecord(wanted) && isRecord(old[key])) {
      const inner = flowMapEdits(value, old[key], wanted, style);
      if (inner) {
        edits.push(...inner);
        continue;
      }
    }
    // Inside `{…}` a multi-line text must be one double-quoted line; a one-line string keeps the person's quotes.
    const kept = isScalar(value) && (value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE') ? value.type : undefined;
    const quoting = typeof wanted === 'string' ? (wanted.includes('\n') ? 'QUOTE_DOUBLE' : kept) : undefined;
    const inline = renderInline(wanted, { ...flow, ...(quoting ? { quoting } : {}) });
    if (inline === undefined) return undefined;
    edits.push({ start: range[0], end: range[1], insert: inline });
  }
  const added = Object.keys(next).filter((key) => !seen.has(key) && next[key] !== undefined);
  if (added.length > 0) {
    if (lastEnd === undefined) return undefined;
    const pairs = added.map((key) => renderInline({ [key]: next[key] }, flow));
    if (pairs.some((rendered) => rendered === undefined || !rendered.startsWith('{') || !rendered.endsWith('}'))) return undefined;
    edits.push({ start: lastEnd, end: lastEnd, insert: pairs.map((rendered) => `, ${(rendered as string).slice(1, -1)}`).join('') });
  }
  return edits;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

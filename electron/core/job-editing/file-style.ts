/**
 * How the jobs file indents, so new lines look like the person's own: the step between a key and the keys of
 * its nested mapping (2 unless the file shows another), and the file's line break.
 */
import { isMap, isNode, isPair, visit } from 'yaml';
import { columnOf } from './text-lines.js';
import type { JobsText } from './jobs-text.js';
import type { RenderStyle } from './render-yaml.js';

export function fileStyle(jobs: JobsText): RenderStyle {
  let indent: number | undefined;
  for (const item of jobs.items) {
    if (!item.node || indent !== undefined) break;
    visit(item.node, {
      Pair(_, pair) {
        if (!isPair(pair) || !isNode(pair.key) || !isMap(pair.value) || pair.value.flow) return undefined;
        const keyStart = pair.key.range?.[0];
        const childKey = pair.value.items[0]?.key;
        const childStart = isNode(childKey) ? childKey.range?.[0] : undefined;
        if (keyStart === undefined || childStart === undefined) return undefined;
        const step = columnOf(jobs.text, childStart) - columnOf(jobs.text, keyStart);
        if (step >= 1 && step <= 8) {
          indent = step;
          return visit.BREAK;
        }
        return undefined;
      },
    });
  }
  return { indent: indent ?? 2, lineBreak: jobs.lineBreak };
}

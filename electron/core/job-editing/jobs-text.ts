/**
 * The jobs file's text, parsed only to find where things are: the `jobs:` list and each job's lines.
 *
 * Edits splice this text (never re-serialise the document), so everything here is about offsets: where a job's
 * `-` is, where its content ends. A file that is not valid YAML or not a `jobs:` mapping is refused: Delegate
 * does not guess at a file the person has to fix by hand anyway (the Jobs page shows what is wrong).
 */
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type CST, type Document, type Node, type YAMLSeq } from 'yaml';
import { DelegateError } from '../errors/delegate-error.js';
import { didNot, type EditAction } from './edit-action.js';
import { documentEnd } from './document-end.js';
import { nullValueSpan, type Span } from './null-jobs-value.js';
import { lineBreakOf, lineStartOf, nextLineStart } from './text-lines.js';

export interface JobItem {
  index: number;
  /** The job's id when it is a string; a job without one cannot be chosen for an edit. */
  id: string | undefined;
  /** The item's node (a mapping for every job worth editing). */
  node: Node | null;
  /** Offset of the item's `-`. */
  dashOffset: number;
  /** Offset where the `-` line starts. */
  lineStart: number;
  /** Offset just past the line break of the item's last line of content (its trailing comment lines not included). */
  contentEnd: number;
  /** The job as plain data, exactly as written (no defaults). */
  raw: unknown;
}

export interface JobsText {
  text: string;
  lineBreak: '\n' | '\r\n';
  document: Document.Parsed;
  /**
   * How the file holds its jobs: `absent` (an empty file, or only comments), `null` (`jobs:` with nothing or only
   * comments under it), `empty-flow` (`jobs: []`), `block` (a `- ` list).
   */
  shape: 'absent' | 'null' | 'empty-flow' | 'block';
  /** The `jobs` list node, for `block` and `empty-flow`. */
  list: YAMLSeq | undefined;
  /** The `jobs` value node, for `null` (to find its line). */
  jobsKeyEnd: number | undefined;
  /** For `null`: the `~` / `null` / `!!null` text that must go before a job is added (none for a bare `jobs:`). */
  nullValue: Span | undefined;
  /** Where the document ends (its `...` marker, or the text's end): a job added at the end goes before it. */
  documentEnd: number;
  items: JobItem[];
}

const FIX_BY_HAND = 'Fix jobs.yaml by hand first (the Jobs page shows the problem), then make your change again.';

/** The file's jobs and where they are written; `action` only words a refusal. */
export function readJobsText(text: string, action: EditAction = 'save'): JobsText {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { keepSourceTokens: true, lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new DelegateError({ code: 'invalid-config', message: `jobs.yaml is not valid YAML (line ${line}: ${(error.message.split('\n')[0] ?? '').slice(0, 120)}), so Delegate did not change it.`, action: FIX_BY_HAND });
  }
  const base = { text, lineBreak: lineBreakOf(text), document, list: undefined, jobsKeyEnd: undefined, nullValue: undefined, documentEnd: documentEnd(text), items: [] };
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { ...base, shape: 'absent' };
  if (!isMap(contents) || contents.flow) throw notJobsFile('it is not a block mapping with "jobs:" at the top', action);
  const keys = contents.items.map((pair) => (isScalar(pair.key) ? pair.key.value : pair.key));
  if (keys.some((key) => key !== 'jobs')) throw notJobsFile('it has top-level fields other than "jobs"', action);
  const pair = contents.items[0];
  if (!pair) return { ...base, shape: 'absent' };
  const value = pair.value;
  if (value === null || (isScalar(value) && value.value === null)) {
    const keyEnd = isNode(pair.key) ? pair.key.range?.[1] : undefined;
    return { ...base, shape: 'null', jobsKeyEnd: keyEnd, nullValue: nullValueSpan(pair) };
  }
  if (!isSeq(value)) throw notJobsFile('"jobs" is not a list of jobs', action);
  if (value.flow) {
    if (value.items.length === 0) return { ...base, shape: 'empty-flow', list: value };
    throw new DelegateError({
      code: 'invalid-config',
      message: `jobs.yaml writes its jobs as one flow list ("jobs: [...]"), which Delegate cannot change without rewriting every job in it, so it ${didNot(action)}.`,
      action: 'Write the jobs as a "- " list (one job per item, as in the README), or make the change in jobs.yaml by hand.',
    });
  }
  const token = value.srcToken as CST.BlockSequence | undefined;
  // A comment line at the items' column after the last job is a CST item of its own, with no `-` and no value.
  const dashed = token?.items.filter((entry) => entry.start.some((part) => part.type === 'seq-item-ind')) ?? [];
  if (token?.type !== 'block-seq' || dashed.length !== value.items.length) throw new DelegateError({ code: 'unexpected', message: `Delegate could not find the jobs in jobs.yaml's text, so it ${didNot(action)}.`, action: 'Make the change in jobs.yaml by hand, and report this.' });
  const items = value.items.map((node, index): JobItem => {
    const dash = dashed[index]?.start.find((part) => part.type === 'seq-item-ind');
    const dashOffset = dash?.offset ?? (isNode(node) ? (node.range?.[0] ?? 0) : 0);
    const end = isNode(node) && node.range ? Math.max(node.range[1], dashOffset + 1) : dashOffset + 1;
    const raw = isNode(node) ? safeToJs(node, document, action) : null;
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
    return { index, id, node: isNode(node) ? node : null, dashOffset, lineStart: lineStartOf(text, dashOffset), contentEnd: nextLineStart(text, end - 1), raw };
  });
  return { ...base, shape: 'block', list: value, items };
}

function notJobsFile(why: string, action: EditAction): DelegateError {
  return new DelegateError({ code: 'invalid-config', message: `jobs.yaml is not a jobs file Delegate can edit: ${why}, so it ${didNot(action)}.`, action: FIX_BY_HAND });
}

/** A node as plain data; a file whose aliases expand past yaml's limit (a "billion laughs") is refused. */
function safeToJs(node: Node, document: Document.Parsed, action: EditAction): unknown {
  try {
    return node.toJS(document);
  } catch (error) {
    throw new DelegateError({ code: 'invalid-config', message: `jobs.yaml could not be read as data (${(error as Error).message.slice(0, 120)}), so Delegate ${didNot(action)}.`, action: FIX_BY_HAND });
  }
}

/** The jobs whose id is `id` (exactly as written). */
export function jobsWithId(jobs: JobsText, id: string): JobItem[] {
  return jobs.items.filter((item) => item.id === id);
}

/** The one job with this id; refuses a missing id and an id two jobs share. */
export function theJob(jobs: JobsText, id: string, action: EditAction = 'save'): JobItem {
  const found = jobsWithId(jobs, id);
  if (found.length === 0) throw new DelegateError({ code: 'invalid-input', message: `There is no job "${id}" in jobs.yaml, so Delegate ${didNot(action)}.`, action: 'Reload the Jobs view: the job may have been renamed or removed in the file.' });
  if (found.length > 1) throw new DelegateError({ code: 'invalid-config', message: `${found.length} jobs in jobs.yaml have the id "${id}", so Delegate cannot tell which one is meant and ${didNot(action)}.`, action: 'Give each job its own id in jobs.yaml by hand, then make your change again.' });
  return found[0] as JobItem;
}

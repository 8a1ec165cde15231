/**
 * New YAML text for what the editor changed: a value, a `key: value` pair or a whole job, indented to where it goes.
 *
 * Rendered by the yaml library (so quoting is its: `0123`, `#…`, `a: b`, leading spaces come out quoted; strings a
 * YAML 1.1 reader takes for booleans, numbers or dates, `yes` or `2026-01-01`, are quoted too: yaml11-lookalike.ts;
 * multi-line text as a `|` block), never folded (lineWidth 0), lists of plain values written `[a, b]` as people
 * write recipients and args, mappings as blocks. The caller parses the result again before anything is written.
 */
import { Document, isCollection, isScalar, visit, type Scalar } from 'yaml';
import { readsDifferentlyInYaml11 } from './yaml11-lookalike.js';

export interface RenderStyle {
  /** Spaces per nesting level in the file (2 unless the file uses another step). */
  indent: number;
  lineBreak: '\n' | '\r\n';
  /** Every collection in flow style (`{a: 1, b: [x]}`), for a job written that way. */
  flow?: boolean;
  /** The quoting the value had (`"…"`, `'…'`), kept for a new string where the yaml library can write it so. */
  quoting?: Scalar.Type;
}

function toText(value: unknown, style: RenderStyle): string {
  const document = new Document(value);
  visit(document, {
    Scalar(_, node, path) {
      // Inside `{…}` / `[…]` a text with line breaks is one `"…\n…"` line: the yaml library would otherwise break it
      // over lines that a flow job on its one line (or a splice into one) cannot hold.
      const inFlow = style.flow === true || path.some((ancestor) => isCollection(ancestor) && ancestor.flow === true);
      if (inFlow && typeof node.value === 'string' && node.value.includes('\n')) node.type = 'QUOTE_DOUBLE';
      // A `|+` block keeps the blank lines after it, so whatever the file has below would change the text: quote it.
      if (typeof node.value === 'string' && /\n\s*\n$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
      // `yes`, `on`, `1_000`, `2026-01-01`: text here, but a boolean, number or date to a YAML 1.1 reader.
      if (typeof node.value === 'string' && node.type === undefined && readsDifferentlyInYaml11(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Map(_, node) {
      if (style.flow) node.flow = true;
    },
    Seq(_, node) {
      if (style.flow || node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  if (style.quoting && isScalar(document.contents) && typeof document.contents.value === 'string') document.contents.type = style.quoting;
  // A top-level flow collection must be flow all the way down, which the yaml library does by itself.
  if (style.flow && isCollection(document.contents)) document.contents.flow = true;
  return document.toString({ lineWidth: 0, flowCollectionPadding: false, indent: style.indent, minContentWidth: 0 });
}

/** Joins rendered lines with the file's line break, every line after the first indented by `column` spaces. */
function place(rendered: string, column: number, lineBreak: string): string {
  const lines = rendered.replace(/\n$/, '').split('\n');
  return lines.map((line, index) => (index === 0 || line === '' ? line : ' '.repeat(column) + line)).join(lineBreak);
}

/** A value written on its key's line (`x`, `"0123"`, `[a, b]`, `{a: 1}`), or undefined when it needs more lines. */
export function renderInline(value: unknown, style: RenderStyle): string | undefined {
  const text = toText(value, style).replace(/\n$/, '');
  return text.includes('\n') ? undefined : text;
}

/** `key: value` (over as many lines as it takes) for a key at `column`, without a final line break. */
export function renderPair(key: string, value: unknown, column: number, style: RenderStyle): string {
  return place(toText({ [key]: value }, style), column, style.lineBreak);
}

/** A whole job as a list item (`- id: …`) whose `-` is at `column`, without a final line break. */
export function renderItem(job: unknown, column: number, style: RenderStyle): string {
  return place(toText([job], { ...style, flow: false }), column, style.lineBreak);
}

/** A whole job in flow style (`{id: a, …}`) on one line, for a job written that way. */
export function renderFlowJob(job: unknown, style: RenderStyle): string {
  return toText(job, { ...style, flow: true }).replace(/\n$/, '');
}

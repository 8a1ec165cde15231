/**
 * Text made safe for the evidence pack's HTML. Every value in the pack passes through `html()`: names,
 * subjects, paths and commands come from hand-edited files and may hold markup, quotes, or characters that
 * change how text reads. Markup characters become entities; control characters and Unicode bidirectional
 * controls (an RTL override can make `exe.pdf` read as `fdp.exe`, the "Trojan Source" trick) are shown as
 * visible `<U+202E>` marks, so the reviewer sees what the file really says.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * C0 controls but tab and newline, DEL, C1 controls, and the bidi controls: LRM/RLM, ALM, LRE…RLO, LRI…PDI;
 * plus the line and paragraph separators, which some viewers treat as line breaks.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function html(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character)
    .replace(INVISIBLE, (character) => `<span class="ctl">&lt;U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '?'}&gt;</span>`);
}

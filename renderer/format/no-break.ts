/**
 * Keeps a short value on one line: "in 21 h" must never wrap as "in 21" / "h)" in a narrow window.
 */

const NBSP = '\u00a0';

/** The same text with every ordinary space a non-breaking one. */
export function keepTogether(text: string): string {
  return text.replace(/ /g, NBSP);
}

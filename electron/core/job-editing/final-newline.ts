/**
 * A file that did not end with a line break still does not after an edit (and one that did still does).
 */
export function keepFinalNewline(original: string, edited: string): string {
  if (original === '' || original.endsWith('\n')) return edited;
  return edited.replace(/\r?\n$/, '');
}

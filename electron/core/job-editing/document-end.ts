/**
 * Where the document ends in the text: at the `...` marker when the file has one (anything after it, comments
 * included, is outside the document), else at the text's end. A job added at the end goes here, inside.
 */
import { Parser } from 'yaml';

export function documentEnd(text: string): number {
  for (const token of new Parser().parse(text)) if (token.type === 'doc-end') return token.offset;
  return text.length;
}

/**
 * Message bodies between text and HTML. Graph returns bodies as HTML unless the caller sends
 * `Prefer: outlook.body-content-type="text"`; Exchange converts either way.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function textToHtml(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => escapeHtml(line)).join('<br>\r\n');
  return `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div>${lines}</div></body></html>`;
}

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Exchange's bodyPreview: the first 255 characters of the text, whitespace collapsed. */
export function bodyPreview(bodyType: 'text' | 'html', body: string): string {
  const text = bodyType === 'html' ? htmlToText(body) : body;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** The body type a request prefers through `Prefer: outlook.body-content-type`. */
export function preferredBodyType(prefer: string | undefined): 'text' | 'html' {
  return /outlook\.body-content-type\s*=\s*"?text"?/i.test(prefer ?? '') ? 'text' : 'html';
}

/** Graph confirms an honoured preference with `Preference-Applied`. */
export function preferenceApplied(bodyType: 'text' | 'html'): Record<string, string> {
  return bodyType === 'text' ? { 'Preference-Applied': 'outlook.body-content-type="text"' } : {};
}

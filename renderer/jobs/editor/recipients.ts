/**
 * Chip text: what a pasted or typed line becomes as entries (addresses, scopes, resources). Pure.
 */

/**
 * Splits typed or pasted text into entries: `a@x.com; b@x.com`, one per line, spaces, or `Alex <alex@x.com>` (the
 * address in angle brackets is kept and the display name dropped, as Outlook copies recipients that way).
 */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[;,\n\r]+/)
    .flatMap((part) => {
      const bracketed = /<([^<>]+)>/.exec(part);
      if (bracketed?.[1]) return [bracketed[1].trim()];
      return part.trim().split(/\s+/);
    })
    .map((part) => part.replace(/^["']|["']$/g, '').trim())
    .filter((part) => part !== '');
}

/** Adds entries, skipping ones already there (compared ignoring case, as addresses and scopes are). */
export function addEntries(list: readonly string[], added: readonly string[]): string[] {
  const next = [...list];
  for (const entry of added) if (!next.some((existing) => existing.toLowerCase() === entry.toLowerCase())) next.push(entry);
  return next;
}

/** A recipients value as the schema takes it: one address as text, several as a list, none as undefined. */
export function recipientsValue(list: readonly string[]): string | string[] | undefined {
  if (list.length === 0) return undefined;
  return list.length === 1 ? list[0] : [...list];
}

/** The draft's recipients (text or list) as a list. */
export function recipientsList(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  return Array.isArray(value) ? value.map(String) : [];
}

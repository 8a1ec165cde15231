import type { MailMessage } from '../../../state/mailbox-store.js';

/**
 * `$expand=singleValueExtendedProperties($filter=id eq '{id}')`: which of a message's extended properties to
 * include. Graph returns only the ones the filter names (an id comparison, ignoring case), and omits the
 * collection when the message has none of them.
 */

const EXPAND = /^singleValueExtendedProperties\(\$filter=id eq '((?:[^']|'')*)'\)$/i;

/** The property ids asked for, or undefined when `$expand` does not name extended properties. */
export function expandedPropertyIds(expand: readonly string[] | undefined): string[] | undefined {
  const ids = (expand ?? []).flatMap((entry) => {
    const match = EXPAND.exec(entry.trim());
    return match?.[1] === undefined ? [] : [match[1].replace(/''/g, "'")];
  });
  return ids.length === 0 ? undefined : ids;
}

export function expandedProperties(message: MailMessage, ids: readonly string[] | undefined): Record<string, unknown> {
  if (ids === undefined) return {};
  const wanted = new Set(ids.map((id) => id.toLowerCase()));
  const found = message.singleValueExtendedProperties.filter((property) => wanted.has(property.id.toLowerCase()));
  return found.length === 0 ? {} : { singleValueExtendedProperties: found.map((property) => ({ id: property.id, value: property.value })) };
}

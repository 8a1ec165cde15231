/** Entra's two ways of writing time in error messages. */

/** `2024-05-23 19:17:36Z`: the `timestamp` field and the Timestamp line of error descriptions. */
export function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** `2024-01-28T19:43:52.3866932Z`: instants quoted inside AADSTS messages, seven fractional digits. */
export function entraInstant(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 23)}0000Z`;
}

/** Whole seconds, as Entra writes a user's TokensValidFrom. */
export function entraWholeSecondInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.0000000Z`;
}

/** Graph's date-times in resources: UTC, whole seconds, `Z` (`2026-01-10T08:00:00Z`). */
export function graphDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

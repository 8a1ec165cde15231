/**
 * `--since WHEN` for `delegate logs`: an ISO date or date-time, or an age such as `10m`, `2h`, `3d`.
 */
import { DelegateError } from '../errors/delegate-error.js';

const AGE = /^(\d{1,6})\s*(s|m|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** A date alone, or a date and a time; the zone may be left out (then it is local time, as people mean it). */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The instant `text` names, relative to `now`. Throws a clear `invalid-input` error for anything else. */
export function parseSince(text: string, now: Date): Date {
  const value = text.trim();
  const age = AGE.exec(value);
  if (age) return new Date(now.getTime() - Number(age[1]) * (UNIT_MS[(age[2] as string).toLowerCase()] as number));
  if (ISO.test(value)) {
    // A date alone is local midnight (Date.parse would take it as UTC midnight); a time without a zone is local too.
    const local = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : value.replace(' ', 'T');
    const date = new Date(local);
    if (!Number.isNaN(date.getTime()) && sameCalendarDate(value, date, local)) return date;
  }
  throw new DelegateError({
    code: 'invalid-input',
    message: `logs: --since ${JSON.stringify(value.slice(0, 80))} is neither a date nor an age.`,
    action: 'Give an ISO date or date-time (2026-12-01, 2026-12-01T08:00, 2026-12-01T08:00:00Z; local time unless a zone is given) or an age: a number and s, m, h, d or w (10m, 2h, 3d).',
  });
}

/** `2026-02-31` must be refused, not rolled over to March 3rd. */
function sameCalendarDate(text: string, date: Date, parsed: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(parsed);
  if (zoned) {
    // The calendar check needs the date in the zone written; a valid day is valid in any zone, so check it alone.
    const check = new Date(Date.UTC(year, month - 1, day));
    return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  }
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

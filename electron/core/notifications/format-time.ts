/**
 * Times as a person reads them in a tooltip or a notification: "02:00" today, "20 Nov 02:00" otherwise.
 */
export interface TimeFormat {
  /** BCP 47 locale; default: the computer's. */
  locale?: string;
  /** IANA time zone; default: the computer's. */
  timeZone?: string;
}

export function formatRunTime(iso: string, now: Date, format: TimeFormat = {}): string {
  const at = new Date(iso);
  const options = { ...(format.timeZone ? { timeZone: format.timeZone } : {}) };
  const time = new Intl.DateTimeFormat(format.locale, { ...options, hour: '2-digit', minute: '2-digit' }).format(at);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { ...options, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  if (day(at) === day(now)) return time;
  return `${new Intl.DateTimeFormat(format.locale, { ...options, day: 'numeric', month: 'short' }).format(at)} ${time}`;
}

/** A date without the time, for "sign in again before 27 Nov". */
export function formatDay(iso: string, format: TimeFormat = {}): string {
  return new Intl.DateTimeFormat(format.locale, { ...(format.timeZone ? { timeZone: format.timeZone } : {}), day: 'numeric', month: 'short' }).format(new Date(iso));
}

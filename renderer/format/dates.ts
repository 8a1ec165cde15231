/**
 * Dates as a person reads them in a settings window: "Today, 07:00", "in 3 h", "2 days ago".
 *
 * Everything takes `now` so the same instant always reads the same way, and tests need no clock. Short values are
 * kept on one line (non-breaking spaces): a narrow window wraps around them, never inside them.
 */
import { keepTogether } from './no-break.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** "Today, 07:00", "Yesterday, 18:32", "Tomorrow, 07:00", "Tue 12 Nov, 07:00", "12 Nov 2025, 07:00". */
export function formatWhen(iso: string | null, now: Date, locale?: string): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const dayOffset = Math.round((startOfDay(date) - startOfDay(now)) / DAY);
  if (dayOffset === 0) return keepTogether(`Today, ${time}`);
  if (dayOffset === -1) return keepTogether(`Yesterday, ${time}`);
  if (dayOffset === 1) return keepTogether(`Tomorrow, ${time}`);
  if (Math.abs(dayOffset) < 7) return keepTogether(`${date.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short' })}, ${time}`);
  const sameYear = date.getFullYear() === now.getFullYear();
  const day = date.toLocaleDateString(locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
  return keepTogether(`${day}, ${time}`);
}

/** The full instant, with seconds, for details panels and tooltips. */
export function formatFull(iso: string | null, locale?: string): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The day alone, for dates far off: "Sat 23 Jan 2027". */
export function formatDay(iso: string | null, locale?: string): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** "just now", "in 12 min", "3 h ago", "in 2 days". */
export function formatRelative(iso: string | null, now: Date): string {
  if (iso === null) return '—';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '—';
  const delta = at - now.getTime();
  const distance = Math.abs(delta);
  if (distance < MINUTE) return 'just now';
  let amount: string;
  if (distance < HOUR) amount = `${Math.floor(distance / MINUTE)} min`;
  else if (distance < DAY) {
    const hours = Math.floor(distance / HOUR);
    const minutes = Math.floor((distance % HOUR) / MINUTE);
    amount = hours < 3 && minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  } else {
    const days = Math.floor(distance / DAY);
    amount = days === 1 ? '1 day' : `${days} days`;
  }
  return keepTogether(delta > 0 ? `in ${amount}` : `${amount} ago`);
}

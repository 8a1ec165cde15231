/**
 * How long a run took, in the few units a person reads at a glance, on one line (non-breaking spaces).
 */
import { keepTogether } from './no-break.js';

/** "0.4 s", "12 s", "3 min 5 s", "1 h 4 min". */
export function formatDuration(ms: number): string {
  return keepTogether(durationWords(ms));
}

function durationWords(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 10_000) return `${(Math.floor(safe / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(safe / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) {
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${totalMinutes} min` : `${totalMinutes} min ${seconds} s`;
  }
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** A run's duration in ms: to its end, or to `now` while it still runs; null for a broken timestamp. */
export function runDurationMs(run: { startedAt: string; endedAt: string | null }, now: number): number | null {
  const start = Date.parse(run.startedAt);
  const end = run.endedAt === null ? now : Date.parse(run.endedAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, end - start);
}

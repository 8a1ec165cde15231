/**
 * The current time, refreshed on an interval, so countdowns and "in 3 min" stay true while the window is open.
 */
import { useEffect, useState } from 'react';

export function useNow(intervalMs: number, active = true): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return undefined;
    const tick = () => setNow(new Date());
    // At once too: the value may be old when the clock was inactive (a dialog opening much later).
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, intervalMs);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [intervalMs, active]);
  return now;
}

/**
 * Desktop notifications for damaged files kept aside: once per file a day, not once per occurrence.
 *
 * A file that something damages again and again (a sync tool rewriting it, a failing disk) is kept aside on every
 * run; a notification for each would bury the person's desktop. The first says so; the overview and
 * `delegate status` keep listing every kept copy, so nothing goes unsaid.
 */
import type { DamagedFile } from '../../../shared/models/damaged-file.js';

export const DAMAGED_NOTICE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export function onceAFileADay(announce: (report: DamagedFile) => void, now: () => number = Date.now): (report: DamagedFile) => void {
  const announced = new Map<string, number>();
  return (report) => {
    const last = announced.get(report.file);
    const at = now();
    if (last !== undefined && at - last < DAMAGED_NOTICE_INTERVAL_MS && at >= last) return;
    announced.set(report.file, at);
    announce(report);
  };
}

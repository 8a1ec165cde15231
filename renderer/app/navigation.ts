/**
 * Where the window is: a view, and for History the run and filters an outside request asked for.
 */
import type { RunStatus } from '../../shared/models/job-run.js';
import type { View } from '../../shared/ipc/ipc-models.js';

export interface HistoryTarget {
  runId?: number;
  jobId?: string;
  status?: RunStatus[];
  /** Changes on every request, so asking twice for the same run still selects it again. */
  serial: number;
}

export const VIEWS: ReadonlyArray<{ view: View; label: string }> = [
  { view: 'overview', label: 'Overview' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'history', label: 'History' },
  { view: 'settings', label: 'Settings' },
];

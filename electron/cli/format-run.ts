/**
 * One history row as a line for people.
 */
import { escapeField } from './terminal-text.js';
import type { JobRun } from '../../shared/models/job-run.js';

export function formatRunLine(run: JobRun): string {
  const duration = run.endedAt ? `${((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s` : 'running';
  const what = run.error ? `${run.error.message}${run.error.graphRequestId ? ` [request-id ${run.error.graphRequestId}]` : ''}${run.error.aadsts ? ` [AADSTS${run.error.aadsts}]` : ''}` : (run.summary ?? '');
  const attempt = run.attempt > 1 ? ` try ${run.attempt}` : '';
  // One run, one line: a newline in a message must not forge a second row.
  const broker = run.broker ? ` [token broker: ${run.broker.ok} served, ${run.broker.refused} refused]` : '';
  return `#${run.id} ${escapeField(run.jobId)} ${run.status.toUpperCase()} (${run.trigger}${attempt}) ${new Date(run.startedAt).toLocaleString()} ${duration}: ${escapeField(what)}${broker}`;
}

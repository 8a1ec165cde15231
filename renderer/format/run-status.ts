/**
 * How a run's status and trigger read, and their colour: a failed run is red; one that timed out or was
 * interrupted is amber (it may well work next time); skipped is grey.
 */
import type { RunStatus, RunTrigger } from '../../shared/models/job-run.js';
import type { Tone } from './tone.js';

const LABELS: Record<RunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  'timed-out': 'Timed out',
  interrupted: 'Interrupted',
};

const TONES: Record<RunStatus, Tone> = {
  running: 'progress',
  succeeded: 'ok',
  failed: 'danger',
  'timed-out': 'warning',
  interrupted: 'warning',
  skipped: 'neutral',
};

const TRIGGERS: Record<RunTrigger, string> = {
  schedule: 'Schedule',
  'catch-up': 'Catch-up',
  manual: 'Run now',
  retry: 'Retry',
  exec: 'delegate exec',
};

export function runStatusLabel(status: RunStatus): string {
  return LABELS[status];
}

export function runStatusTone(status: RunStatus): Tone {
  return TONES[status];
}

export function runTriggerLabel(trigger: RunTrigger): string {
  return TRIGGERS[trigger];
}

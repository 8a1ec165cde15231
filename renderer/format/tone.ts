/**
 * The status colours: green ok, amber a warning (a run that timed out or was interrupted), red a failed run or
 * a sign-in required or blocked, grey signed out or not known; blue for something in progress.
 */
export type Tone = 'ok' | 'warning' | 'danger' | 'neutral' | 'progress';

/**
 * The status colours, shared with the tray icon: green ok, amber warning or a failed run, red sign-in
 * required or blocked, grey signed out or not known; blue for something in progress.
 */
export type Tone = 'ok' | 'warning' | 'danger' | 'neutral' | 'progress';

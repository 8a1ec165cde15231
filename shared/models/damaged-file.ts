/**
 * A damaged state file Delegate moved aside (never deleted) and replaced with a fresh one.
 */
export interface DamagedFile {
  /** The file as it was named, e.g. `/home/ann/.config/Delegate/history.sqlite`. */
  file: string;
  /** Where the damaged bytes are kept, e.g. `…/history.sqlite.damaged-2026-12-03T12-26-23-120Z`. */
  keptAs: string;
  /** When it was moved aside (ISO). */
  at: string;
  /** What happened and what it means, in plain words. */
  message: string;
}

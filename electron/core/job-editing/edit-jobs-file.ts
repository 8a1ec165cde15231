/**
 * Applies one edit to jobs.yaml on disk, only if the file is still the version the window read.
 *
 * Read (bounded, keeping a byte order mark; jobs-file-bytes.ts), compare the version, compute the new text, compare the version once more just before the
 * atomic replace, write. Why no lock file: the other writers of jobs.yaml are the person's editor and sync tools,
 * which take no Delegate lock; the one Delegate writer (the window's main process) edits synchronously, so two of
 * its edits never interleave. The second comparison narrows the window in which a save from another program can
 * be overwritten to the rename itself; the new file then simply replaces the old one, as any editor's save does.
 * A linked jobs.yaml is written at its target (the link stays), keeping the target's permissions.
 */
import { statSync } from 'node:fs';
import { DelegateError } from '../errors/delegate-error.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { linkedFileTarget } from '../fs/linked-file-target.js';
import { jobsFileVersion } from '../jobs/jobs-file.js';
import { didNot, type EditAction } from './edit-action.js';
import { readJobsFileForEdit } from './jobs-file-bytes.js';

/** Turns the file's current text (undefined: no file) into the new text; throws to refuse. Same text: no write. */
export type JobsTextEdit = (text: string | undefined) => string;

export interface EditResult {
  /** False when the edit changed nothing (the job was already so), and nothing was written. */
  written: boolean;
  version: string | null;
}

/** `action` words a refusal ("did not delete the job"); the edit itself words its own. */
export function editJobsFile(path: string, version: string | null, edit: JobsTextEdit, action: EditAction = 'save'): EditResult {
  const { text, bom } = readJobsFileForEdit(path, action);
  ensureVersion(text, version, action);
  const next = edit(text);
  if (next === text) return { written: false, version };
  const target = linkedFileTarget(path);
  ensureVersion(readJobsFileForEdit(path, action).text, version, action);
  // The byte order mark the file had (Notepad writes one) goes back; the version never includes it.
  writeFileAtomic(target, bom ? `\uFEFF${next}` : next, modeOf(target));
  return { written: true, version: jobsFileVersion(next) };
}

function ensureVersion(text: string | undefined, version: string | null, action: EditAction): void {
  if (jobsFileVersion(text) === version) return;
  throw new DelegateError({
    code: 'file-changed',
    message: text === undefined ? `jobs.yaml was removed since the window read it, so Delegate ${didNot(action)}.` : `jobs.yaml changed on disk since the window read it, so Delegate ${didNot(action)} (your change would have overwritten the other one).`,
    action: 'Reload the Jobs view, then make your change again.',
  });
}

/** The file's own permissions (a person may have made it group-readable on purpose); 0600 for a new file. */
function modeOf(path: string): number {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return 0o600;
  }
}

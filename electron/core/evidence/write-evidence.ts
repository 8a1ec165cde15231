/**
 * Writes an evidence pack to a file: whole or not at all, never over an existing file unless asked.
 *
 * The pack is written to a temporary file beside the target, then linked to the target name — a link fails if
 * the name exists, so "refuse to overwrite" holds even against another process writing at the same moment —
 * or, with `force`, renamed over it. Mode 0600: the pack holds no secret, but it names the account, the
 * tenant, mail recipients and file paths; the person shares it deliberately (attached to a mail, uploaded to a
 * ticket), and other users of the same computer have no business reading it meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { showPath, withOsWords } from '../errors/os-error.js';

export const EVIDENCE_FILE_MODE = 0o600;

export function writeEvidenceFile(path: string, contents: string, options: { force: boolean }): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', EVIDENCE_FILE_MODE);
    try {
      writeSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.force) renameSync(temporary, path);
    else linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(dirname(path))) {
      throw new DelegateError({ code: 'invalid-input', message: `The folder ${showPath(dirname(path))} does not exist, so the evidence pack was not written.`, action: 'Create the folder first, or choose another place with --out FILE.' });
    }
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && !options.force) {
      throw new DelegateError({
        code: 'invalid-input',
        message: `${showPath(path)} already exists; Delegate did not overwrite it.`,
        action: 'Choose another file with --out FILE, or add --force to replace it.',
      });
    }
    throw withOsWords(error, { path });
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** `delegate-evidence-work-2026-12-03.html` (or `-all-`): says what and when, and sorts by date. */
export function defaultEvidenceFileName(scope: string, generatedAt: Date): string {
  return `delegate-evidence-${scope}-${generatedAt.toISOString().slice(0, 10)}.html`;
}

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
import { closeSync, existsSync, fsyncSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
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

/**
 * Where `--out PATH` puts the pack: PATH itself, or — when PATH is a folder (or a link to one), such as the
 * Desktop or Delegate's home — the usual file name inside it. Never one of Delegate's own files: a pack written
 * over config.json or jobs.yaml (`--force` included) would destroy the settings it describes, so inside the home
 * only an `.html` name is accepted.
 */
export function evidenceTarget(out: string, suggestedName: string, home: string): string {
  let path = resolve(out);
  try {
    if (statSync(path).isDirectory()) path = join(path, suggestedName);
  } catch {
    // Not there yet (or unreadable): the writer says what is wrong with it.
  }
  if (!path.toLowerCase().endsWith('.html') && isInside(path, home)) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `${showPath(path)} is one of Delegate's own files (inside its home ${showPath(home)}), so the evidence pack was not written there.`,
      action: 'Choose a file outside the home, e.g. --out ~/delegate-evidence.html, or a name ending in .html.',
    });
  }
  return path;
}

function isInside(path: string, home: string): boolean {
  const real = (target: string): string => {
    try {
      return realpathSync(target);
    } catch {
      return resolve(target);
    }
  };
  // The folder is resolved, not the file: the file may not exist yet, and a link named like it is still in the home.
  const rel = relative(real(home), join(real(dirname(path)), basename(path)));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** `delegate-evidence-work-2026-12-03.html` (or `-all-`): says what and when, and sorts by date. */
export function defaultEvidenceFileName(scope: string, generatedAt: Date): string {
  return `delegate-evidence-${scope}-${generatedAt.toISOString().slice(0, 10)}.html`;
}

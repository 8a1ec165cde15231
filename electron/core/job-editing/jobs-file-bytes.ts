/**
 * The jobs file's text for an edit, with what the plain reader drops: whether it starts with a byte order mark.
 *
 * `readJobsFileText` (the loader's reader, and the file's version) removes a BOM; an edit must write it back.
 * A file that is not valid UTF-8 (a comment saved in Latin-1) is refused: its text was read with replacement
 * characters, and writing that back would change bytes the person never touched.
 */
import { readFileSync } from 'node:fs';
import { DelegateError } from '../errors/delegate-error.js';
import { JOBS_FILE_MAX_BYTES, readJobsFileText } from '../jobs/jobs-file.js';
import { didNot, type EditAction } from './edit-action.js';

export interface JobsFileForEdit {
  /** The text without a BOM (as the version is computed), undefined when there is no file. */
  text: string | undefined;
  bom: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readJobsFileForEdit(path: string, action: EditAction = 'save'): JobsFileForEdit {
  // First the bounded reader: a folder, a FIFO or a huge file is refused before anything is read whole.
  if (readJobsFileText(path) === undefined) return { text: undefined, bom: false };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: undefined, bom: false };
    throw error;
  }
  if (bytes.length > JOBS_FILE_MAX_BYTES) return readJobsFileForEdit(path, action);
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    throw new DelegateError({
      code: 'invalid-config',
      message: `jobs.yaml is not UTF-8 text (part of it was saved in another encoding, such as Latin-1), so Delegate ${didNot(action)}: writing it back would change characters you did not edit.`,
      action: 'Save jobs.yaml as UTF-8 in your editor, then make your change again.',
    });
  }
  const bom = decoded.startsWith('\uFEFF');
  return { text: bom ? decoded.slice(1) : decoded, bom };
}

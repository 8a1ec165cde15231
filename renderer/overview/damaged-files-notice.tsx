/**
 * The notice for damaged state files Delegate kept aside: what happened, where the old file is, and that jobs
 * keep running. It stays while the kept files exist; deleting them is the person's call.
 */
import { WarningIcon } from '../components/icons.js';
import { formatFull } from '../format/dates.js';
import type { DamagedFile } from '../../shared/models/damaged-file.js';

/** Damaged files listed by name; older ones are counted. */
const SHOWN = 5;

export function DamagedFilesNotice({ files }: { files: readonly DamagedFile[] }) {
  if (files.length === 0) return null;
  return (
    <div className="notice notice-warning damaged-files-notice" role="status">
      <WarningIcon className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">{files.length === 1 ? 'A damaged file was kept aside' : `${files.length} damaged files were kept aside`}</p>
        {/* The newest few: a file damaged on every start would otherwise fill the window. */}
        {files.slice(-SHOWN).map((file) => (
          <p className="notice-message" key={file.keptAs}>
            {describe(file)}
          </p>
        ))}
        {files.length > SHOWN && <p className="notice-message">{`…and ${files.length - SHOWN} older ones, the oldest from ${formatFull(files[0]?.at ?? null)}.`}</p>}
        <p className="notice-message">Delegate started fresh copies and keeps running your jobs. Nothing was deleted.</p>
      </div>
    </div>
  );
}

/** One kept file in the person's words, with the time in their locale rather than the ISO stamp core writes. */
function describe(file: DamagedFile): string {
  const name = file.file.split(/[\\/]/).pop() ?? file.file;
  return `${name} was damaged on ${formatFull(file.at)}; Delegate kept it as ${file.keptAs} and started a fresh one. Delete the kept file once you no longer need it.`;
}

/**
 * The notice for damaged state files Delegate kept aside: what happened, where the old file is, and that jobs
 * keep running. It stays while the kept files exist; deleting them is the person's call.
 */
import { WarningIcon } from '../components/icons.js';
import type { DamagedFile } from '../../shared/models/damaged-file.js';

export function DamagedFilesNotice({ files }: { files: readonly DamagedFile[] }) {
  if (files.length === 0) return null;
  return (
    <div className="notice notice-warning damaged-files-notice" role="status">
      <WarningIcon className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">{files.length === 1 ? 'A damaged file was kept aside' : `${files.length} damaged files were kept aside`}</p>
        {files.map((file) => (
          <p className="notice-message" key={file.keptAs}>
            {file.message}
          </p>
        ))}
        <p className="notice-message">Delegate started fresh copies and keeps running your jobs. Nothing was deleted.</p>
      </div>
    </div>
  );
}

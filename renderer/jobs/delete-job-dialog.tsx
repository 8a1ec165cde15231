/**
 * Asks before a job is deleted from the jobs file, naming it and saying its history is kept.
 */
import { useRef, useState } from 'react';
import { ErrorCodes, type ErrorData } from '../../shared/errors.js';
import type { JobSummary, JobsView } from '../../shared/ipc/ipc-models.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { Spinner } from '../components/spinner.js';
import { useApi } from '../ipc/api-context.js';

interface DeleteJobDialogProps {
  job: JobSummary | null;
  /** The jobs file version when Delete… was clicked (not a later one): main refuses the delete if the file changed since. */
  version: string | null;
  onDeleted: (view: JobsView, job: JobSummary) => void;
  onCancel: () => void;
  onReload: () => void;
}

export function DeleteJobDialog({ job, version, onDeleted, onCancel, onReload }: DeleteJobDialogProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  // A second click before React has drawn "busy" must not send a second delete.
  const sending = useRef(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const close = () => {
    setError(null);
    onCancel();
  };
  const remove = async () => {
    if (!job || busy || sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    const result = await api.request('jobs:delete', { jobId: job.id, version });
    sending.current = false;
    setBusy(false);
    if (result.ok) {
      setError(null);
      onDeleted(result.value, job);
    } else setError(result.error);
  };
  return (
    <ModalDialog open={job !== null} onCancel={close} labelledBy="delete-job-title" describedBy="delete-job-text" className="confirm-dialog">
      {job ? (
        <div className="confirm-dialog-body">
          <h2 id="delete-job-title" className="editor-title">
            Delete “{job.name}”?
          </h2>
          <p id="delete-job-text">
            It is removed from the jobs file and stops running. Its history is kept (under the id <span className="mono">{job.id}</span>); the other jobs and the
            rest of the file stay as they are.
          </p>
          {error ? (
            <ErrorNotice error={error} title={error.code === ErrorCodes.fileChanged ? 'The jobs file changed since it was read: Delegate did not delete the job' : 'Delegate did not delete the job'}>
              {error.code === ErrorCodes.fileChanged ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setError(null);
                    onReload();
                  }}
                >
                  Reload
                </button>
              ) : null}
            </ErrorNotice>
          ) : null}
          <div className="editor-buttons">
            <button type="button" className="button" data-autofocus onClick={close}>
              Keep it
            </button>
            <button type="button" className="button button-danger" aria-disabled={busy || undefined} onClick={() => void remove()}>
              {busy ? <Spinner /> : null}
              Delete job
            </button>
          </div>
        </div>
      ) : null}
    </ModalDialog>
  );
}

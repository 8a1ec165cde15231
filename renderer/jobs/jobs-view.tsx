/**
 * Jobs: every job in the jobs file with its schedule, next run and last result; Run now, the enable
 * switch, the global pause, and the file's problems.
 */
import { useEffect, useRef, useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { JobSummary } from '../../shared/ipc/ipc-models.js';
import type { HistoryTarget } from '../app/navigation.js';
import { ViewHeader } from '../app/view-header.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Spinner } from '../components/spinner.js';
import { Switch } from '../components/switch.js';
import { useNow } from '../hooks/use-now.js';
import { useApi } from '../ipc/api-context.js';
import { useEvent } from '../ipc/use-event.js';
import { useRequest } from '../ipc/use-request.js';
import { FIX_FILE_FIRST, JobItem } from './job-item.js';
import { jobsAreFromEarlierVersion } from './job-problem-groups.js';
import { JobsProblemsPanel } from './jobs-problems-panel.js';
import { withRun } from './with-run.js';
import { DeleteJobDialog } from './delete-job-dialog.js';
import { JobEditorPage, type EditorTarget } from './editor/job-editor-page.js';
import { rememberedDraft } from './editor/draft-memory.js';

interface JobsViewProps {
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  focusTitle: boolean;
  onShowRun: (target: Omit<HistoryTarget, 'serial'>) => void;
}

export function JobsView({ paused, onPausedChange, focusTitle, onShowRun }: JobsViewProps) {
  const api = useApi();
  const jobs = useRequest('jobs:list', {});
  const view = jobs.value;
  const anyRunning = view?.jobs.some((job) => job.running) ?? false;
  const now = useNow(anyRunning ? 1000 : 30_000);
  const [pauseBusy, setPauseBusy] = useState(false);
  const [pauseError, setPauseError] = useState<ErrorData | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Unsaved editor work left for another view comes back with the page.
  const [editor, setEditor] = useState<EditorTarget | null>(() => rememberedDraft<EditorTarget>()?.target ?? null);
  // The job asked about, with the file version the person saw when they clicked Delete…: a file changed while the
  // question is open is refused, not deleted from blindly.
  const [deleting, setDeleting] = useState<{ job: JobSummary; version: string | null } | null>(null);
  // Where focus goes when the list comes back: the job's Edit button, or New job.
  const focusAfter = useRef<string | null>(null);
  const newJobRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (editor !== null || focusAfter.current === null) return;
    const jobId = focusAfter.current;
    focusAfter.current = null;
    const button = jobId === '' ? null : document.querySelector<HTMLElement>(`[data-job-edit="${CSS.escape(jobId)}"]`);
    (button ?? newJobRef.current)?.focus();
  }, [editor, view]);
  const closeEditor = (jobId: string | null) => {
    focusAfter.current = jobId ?? '';
    setEditor(null);
  };

  useEvent('jobs:changed', jobs.setValue);
  useEvent('run:updated', (run) => {
    if (!view) return;
    jobs.setValue((latest) => withRun(latest ?? view, run));
    if (run.status !== 'running') {
      const name = view.jobs.find((job) => job.id === run.jobId)?.name ?? run.jobId;
      setAnnouncement(`${name}: ${run.status === 'succeeded' ? 'succeeded' : run.status.replace('-', ' ')}.`);
    }
  });

  const setPaused = async (next: boolean) => {
    setPauseBusy(true);
    setPauseError(null);
    const result = await api.request('jobs:set-paused', { paused: next });
    setPauseBusy(false);
    if (result.ok) onPausedChange(result.value.paused);
    else setPauseError(result.error);
  };

  if (editor && view) {
    const fromJob = editor.mode === 'edit' || editor.mode === 'duplicate' ? editor.jobId : null;
    return (
      <JobEditorPage
        target={editor}
        view={view}
        onTargetChange={setEditor}
        onReloadList={jobs.reload}
        onLeave={() => closeEditor(fromJob)}
        onSaved={(next, jobId) => {
          jobs.setValue(next);
          setAnnouncement(`Saved the job ${jobId}.`);
          closeEditor(jobId);
        }}
      />
    );
  }

  return (
    <div className="view">
      <ViewHeader
        title="Jobs"
        focusOnMount={focusTitle}
        subtitle={view ? <span className="mono selectable">{view.path}</span> : null}
      >
        {view?.fileError ? (
          // Off while the file cannot be read (a save would have to rewrite a file Delegate cannot parse); said why, just below.
          <button ref={newJobRef} type="button" className="button button-primary" aria-disabled="true" aria-describedby="jobs-locked-reason">
            New job
          </button>
        ) : view ? (
          <button ref={newJobRef} type="button" className="button button-primary" onClick={() => setEditor({ mode: 'choose' })}>
            New job
          </button>
        ) : null}
        <Switch
          label="Pause schedule"
          description={paused ? 'Nothing runs on its own' : undefined}
          checked={paused}
          busy={pauseBusy}
          onChange={(next) => void setPaused(next)}
        />
      </ViewHeader>
      {view?.fileError ? (
        <p id="jobs-locked-reason" className="jobs-locked-note">
          {FIX_FILE_FIRST}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {pauseError ? <ErrorNotice error={pauseError} /> : null}
      {paused ? (
        <p className="banner" role="note">
          The schedule is paused: no job starts on its own until you turn the switch off. <strong>Run now</strong> still works.
        </p>
      ) : null}

      {jobs.error && !view ? (
        <ErrorNotice error={jobs.error} title="Delegate could not read the jobs">
          <button type="button" className="button" onClick={jobs.reload}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {!view && !jobs.error ? (
        <p className="view-loading" role="status">
          <Spinner /> Loading jobs…
        </p>
      ) : null}

      {view ? (
        <>
          <JobsProblemsPanel view={view} onEdit={view.fileError ? undefined : (jobId: string) => setEditor({ mode: 'edit', jobId })} />
          {view.jobs.length === 0 && !view.fileError ? (
            <div className="empty">
              <p className="empty-title">No jobs yet</p>
              <p>
                Add one with <strong>New job</strong>, or write them in <span className="mono">{view.path}</span>; Delegate reloads the file as soon as you save it.
              </p>
            </div>
          ) : view.jobs.length === 0 ? null : (
            <>
              {jobsAreFromEarlierVersion(view) ? (
                <h2 id="jobs-stale-title" className="jobs-stale-title">
                  Still scheduled from the last version Delegate could read
                </h2>
              ) : null}
              <ul className="job-list" aria-label="Jobs" aria-describedby={jobsAreFromEarlierVersion(view) ? 'jobs-stale-title' : undefined}>
                {view.jobs.map((job) => (
                  <JobItem
                    key={job.id}
                    job={job}
                    version={view.version}
                    now={now}
                    paused={paused}
                    fromEarlierVersion={jobsAreFromEarlierVersion(view)}
                    onChanged={jobs.setValue}
                    onShowRun={onShowRun}
                    onRunStarted={(run) => jobs.setValue((latest) => withRun(latest ?? view, run))}
                    // With the file unreadable the item shows these disabled, saying why (fromEarlierVersion).
                    onEdit={(target: JobSummary) => setEditor({ mode: 'edit', jobId: target.id })}
                    onDuplicate={(target: JobSummary) => setEditor({ mode: 'duplicate', jobId: target.id })}
                    onDelete={(target: JobSummary) => setDeleting({ job: target, version: view.version })}
                  />
                ))}
              </ul>
            </>
          )}
        </>
      ) : null}
      <DeleteJobDialog
        job={deleting?.job ?? null}
        version={deleting?.version ?? null}
        onCancel={() => setDeleting(null)}
        onReload={() => {
          // The question was about the file as it was: back to the list as it is now, to decide again.
          focusAfter.current = deleting?.job.id ?? '';
          setDeleting(null);
          jobs.reload();
        }}
        onDeleted={(next, job) => {
          jobs.setValue(next);
          setDeleting(null);
          setAnnouncement(`Deleted the job ${job.name}. Its history is kept.`);
          focusAfter.current = '';
          newJobRef.current?.focus();
        }}
      />
    </div>
  );
}

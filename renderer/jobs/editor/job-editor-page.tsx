/**
 * The Jobs page's editor, whichever way it was opened: choose a kind for a new job, or load a job's source (as
 * written in the file) to edit or duplicate it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ErrorData } from '../../../shared/errors.js';
import type { JobSource, JobsView } from '../../../shared/ipc/ipc-models.js';
import { ViewHeader } from '../../app/view-header.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Spinner } from '../../components/spinner.js';
import { useApi } from '../../ipc/api-context.js';
import { duplicateDraft, isChanged, newDraft, type EditorKind } from './job-draft.js';
import { JobEditor } from './job-editor.js';
import { KindChooser } from './kind-chooser.js';
import { forgetDraft, rememberDraft, rememberedDraft } from './draft-memory.js';

export type EditorTarget = { mode: 'choose' } | { mode: 'new'; kind: EditorKind } | { mode: 'edit' | 'duplicate'; jobId: string };

interface JobEditorPageProps {
  target: EditorTarget;
  view: JobsView;
  onTargetChange: (target: EditorTarget) => void;
  onSaved: (view: JobsView, jobId: string) => void;
  /** Back to the list (the job the editor was opened from gets the focus). */
  onLeave: () => void;
  /** Reads the jobs file again (after "the file changed"). */
  onReloadList: () => void;
}

export function JobEditorPage({ target, view, onTargetChange, onSaved, onLeave, onReloadList }: JobEditorPageProps) {
  const api = useApi();
  const jobId = target.mode === 'edit' || target.mode === 'duplicate' ? target.jobId : null;
  const [source, setSource] = useState<JobSource | null>(null);
  const [loadError, setLoadError] = useState<ErrorData | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (jobId === null) return undefined;
    let current = true;
    void api.request('jobs:get-source', { jobId }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setSource((previous) => (previous && previous.jobId === result.value.jobId ? { ...previous, version: result.value.version } : result.value));
        setLoadError(null);
      } else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, [api, jobId, generation]);

  const targetKey = JSON.stringify(target);
  // Unsaved work for this same target, left when the person went to another view.
  const [resumed] = useState(() => {
    const entry = rememberedDraft<EditorTarget>();
    return entry && JSON.stringify(entry.target) === targetKey ? { draft: entry.draft, idFollowsName: entry.idFollowsName } : undefined;
  });
  const allIds = useMemo(() => view.jobs.map((job) => job.id), [view.jobs]);
  const otherIds = useMemo(() => (target.mode === 'edit' ? allIds.filter((id) => id !== target.jobId) : allIds), [allIds, target]);
  const reload = useCallback(() => {
    onReloadList();
    // An edit keeps the draft and saves against the file as it is now (its source's new version).
    if (jobId !== null) setGeneration((value) => value + 1);
  }, [onReloadList, jobId]);
  const initial = useMemo(() => {
    if (target.mode === 'new') return newDraft(target.kind);
    if (!source) return null;
    return target.mode === 'duplicate' ? duplicateDraft(source.source, allIds) : source.source;
    // The draft starts once; later list changes must not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, source?.jobId]);

  if (target.mode === 'choose') return <KindChooser onChoose={(kind) => onTargetChange({ mode: 'new', kind })} onCancel={onLeave} />;
  if (loadError && !source) {
    return (
      <div className="view job-editor-view">
        <ViewHeader title="Edit job" />
        <ErrorNotice error={loadError} title={`Delegate could not read the job "${jobId ?? ''}"`}>
          <button type="button" className="button" onClick={() => setGeneration((value) => value + 1)}>
            Try again
          </button>
          <button type="button" className="button" onClick={onLeave}>
            Back to jobs
          </button>
        </ErrorNotice>
      </div>
    );
  }
  if (!initial) {
    return (
      <div className="view job-editor-view">
        <p className="view-loading" role="status">
          <Spinner /> Loading the job…
        </p>
      </div>
    );
  }
  return (
    <JobEditor
      key={`${target.mode}-${jobId ?? ''}`}
      mode={target.mode}
      initial={initial}
      original={target.mode === 'edit' ? (source?.source ?? null) : null}
      {...(target.mode === 'edit' ? { originalId: target.jobId } : {})}
      version={target.mode === 'edit' ? (source?.version ?? view.version) : view.version}
      otherIds={otherIds}
      onSaved={(saved, id) => {
        forgetDraft();
        onSaved(saved, id);
      }}
      onLeave={() => {
        forgetDraft();
        onLeave();
      }}
      onReload={reload}
      resumed={resumed}
      onDraftChange={(draft, idFollowsName) => (isChanged(draft, initial) ? rememberDraft({ target, draft, idFollowsName }) : forgetDraft())}
    />
  );
}

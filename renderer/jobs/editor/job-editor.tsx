/**
 * The job editor: a job's fields bound to its raw object, checked by the shared schema as the person types (the
 * errors on the fields, the rest at the top), and saved through main, which checks it all again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorCodes, type ErrorData } from '../../../shared/errors.js';
import type { JobsView } from '../../../shared/ipc/ipc-models.js';
import { ViewHeader } from '../../app/view-header.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { TextField } from '../../components/form-fields.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { Spinner } from '../../components/spinner.js';
import { useApi } from '../../ipc/api-context.js';
import { useRequest } from '../../ipc/use-request.js';
import { jobKindLabel } from '../../format/job-kind.js';
import { HowFields, WhenFields } from './common-fields.js';
import type { DraftBinding } from './draft-binding.js';
import { deleteAt, idFromName, isChanged, jobToSave, setAt, setText, type Draft, type EditorKind } from './job-draft.js';
import { checkDraft, hasIssues, pathKey } from './job-issues.js';
import { KindFields } from './kind-fields.js';

export type EditorMode = 'new' | 'edit' | 'duplicate';

interface JobEditorProps {
  mode: EditorMode;
  /** The draft to start from (a new job's minimum, the job's source, or a copy of it). */
  initial: Draft;
  /** The job as written in the file (edit only): decides whether defaults are written. */
  original: Draft | null;
  /** The id of the job replaced (edit only). */
  originalId?: string;
  /** The jobs file version to save against. */
  version: string | null;
  /** Ids of every other job in the file. */
  otherIds: readonly string[];
  onSaved: (view: JobsView, jobId: string) => void;
  onLeave: () => void;
  /** Reads the file again after "the file changed"; the draft stays as it is. */
  onReload: () => void;
  /** Unsaved work from before the person went to another view: the form starts from it. */
  resumed?: { draft: Draft; idFollowsName: boolean } | undefined;
  /** Every change, so unsaved work survives a visit to another view. */
  onDraftChange?: (draft: Draft, idFollowsName: boolean) => void;
}

export function JobEditor({ mode, initial, original, originalId, version, otherIds, onSaved, onLeave, onReload, resumed, onDraftChange }: JobEditorProps) {
  const api = useApi();
  const appState = useRequest('app:get-state', {});
  const [draft, setDraft] = useState<Draft>(resumed?.draft ?? initial);
  const [idFollowsName, setIdFollowsName] = useState(resumed?.idFollowsName ?? mode === 'new');
  const onDraftChangeRef = useRef(onDraftChange);
  useEffect(() => {
    onDraftChangeRef.current = onDraftChange;
  });
  useEffect(() => {
    onDraftChangeRef.current?.(draft, idFollowsName);
  }, [draft, idFollowsName]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [local, setLocal] = useState<Record<string, string>>({});
  // A job loaded from the file shows what is wrong with it at once; a new one as the person fills it in.
  const [showAll, setShowAll] = useState(mode === 'edit');
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  // Set at once, unlike `saving`: a double click submits twice before React draws the first click's state.
  const savingNow = useRef(false);
  const [saveError, setSaveError] = useState<ErrorData | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const firstFieldRef = useRef<HTMLDivElement>(null);

  // Checked as the person pauses typing; Save checks the draft as it is at once.
  const [checked, setChecked] = useState(draft);
  useEffect(() => {
    const timer = window.setTimeout(() => setChecked(draft), 250);
    return () => window.clearTimeout(timer);
  }, [draft]);
  const issues = useMemo(() => checkDraft(checked, { otherIds, local }), [checked, otherIds, local]);
  const issuesNow = () => checkDraft(draft, { otherIds, local });

  useEffect(() => {
    firstFieldRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  const change = useCallback((edit: (draft: Draft) => Draft, key: string) => {
    setDraft(edit);
    setTouched((previous) => (previous.has(key) ? previous : new Set(previous).add(key)));
    setSaveError(null);
  }, []);
  const setLocalError = useCallback((key: string, message: string | undefined) => {
    setLocal((previous) => {
      if (previous[key] === message) return previous;
      const next = { ...previous };
      if (message === undefined) delete next[key];
      else next[key] = message;
      return next;
    });
  }, []);
  const shownFor = (key: string) => showAll || touched.has(key) || [...touched].some((touchedKey) => touchedKey.startsWith(`${key}.`) || key.startsWith(`${touchedKey}.`));
  const binding: DraftBinding = {
    draft,
    original,
    error: (key) => (shownFor(key) ? issues.fields[key] : undefined),
    change,
    setLocalError,
  };

  const kind = String((draft.action as Record<string, unknown> | undefined)?.kind ?? '') as EditorKind;
  const name = typeof draft.name === 'string' ? draft.name : '';
  const id = typeof draft.id === 'string' ? draft.id : '';
  const dirty = isChanged(draft, initial);

  const leave = () => {
    if (dirty && !saving) setConfirmLeave(true);
    else onLeave();
  };

  const save = async () => {
    if (savingNow.current) return;
    setShowAll(true);
    setSubmitted(true);
    setChecked(draft);
    const now = issuesNow();
    if (hasIssues(now)) {
      // The summary or the first field marked: after React has drawn the errors.
      window.setTimeout(() => {
        const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>('#job-editor-summary');
        target?.focus();
      }, 0);
      return;
    }
    savingNow.current = true;
    setSaving(true);
    setSaveError(null);
    const result = await api.request('jobs:save', { version, ...(originalId !== undefined ? { originalId } : {}), job: jobToSave(draft, original) });
    savingNow.current = false;
    setSaving(false);
    if (result.ok) onSaved(result.value, id);
    else setSaveError(result.error);
  };

  const title = mode === 'edit' ? `Edit ${typeof initial.name === 'string' && initial.name.trim() !== '' ? initial.name : String(initial.id)}` : mode === 'duplicate' ? 'New job (a copy)' : 'New job';
  const visibleSummary = showAll ? issues.summary : [];
  const fileChanged = saveError?.code === ErrorCodes.fileChanged;

  return (
    <div
      className="view job-editor-view"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented && !confirmLeave) {
          event.preventDefault();
          leave();
        }
      }}
    >
      <ViewHeader title={title} subtitle={<span className="kind">{jobKindLabel(kind)}</span>}>
        <button type="button" className="button" onClick={leave}>
          Back to jobs
        </button>
      </ViewHeader>
      <form
        ref={formRef}
        className="editor job-editor"
        aria-label={title}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {resumed && isChanged(resumed.draft, initial) ? (
          <p className="banner" role="note">
            Your unsaved changes to this job are as you left them.
          </p>
        ) : null}
        {visibleSummary.length > 0 ? (
          <div id="job-editor-summary" className="notice notice-danger" tabIndex={-1} role="alert">
            <div className="notice-body">
              <p className="notice-title">The job has problems the form cannot show on a field</p>
              <ul className="editor-summary-list">
                {visibleSummary.map((issue) => (
                  <li key={issue.text}>
                    {issue.text}
                    {issue.unknown ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => {
                            const { path, key } = issue.unknown ?? { path: [], key: '' };
                            change((previous) => deleteAt(previous, [...path, key]), pathKey(path));
                          }}
                        >
                          Remove {issue.unknown.key}
                          <span className="visually-hidden"> from the job</span>
                        </button>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
              <p className="notice-action">They stop the save: remove an unknown field here (a typo?) or fix it in jobs.yaml.</p>
            </div>
          </div>
        ) : null}

        <div className="field-row" ref={firstFieldRef}>
          <TextField
            label="Name"
            hint="What the list, history and notifications call it."
            placeholder="Daily sales report"
            value={name}
            error={binding.error('name')}
            onChange={(text) =>
              change((previous) => {
                let next = setText(previous, ['name'], text);
                if (idFollowsName) next = setAt(next, ['id'], idFromName(text));
                return next;
              }, 'name')
            }
          />
          <TextField
            label="Id"
            hint={
              mode === 'edit' && originalId !== undefined && id !== originalId
                ? `Its history stays under the old id "${originalId}".`
                : 'Used by delegate run and in the history: letters, digits, . _ -'
            }
            mono
            value={id}
            error={touched.has('name') || touched.has('id') || showAll ? issues.fields.id : undefined}
            onChange={(text) => {
              setIdFollowsName(false);
              change((previous) => setAt(previous, ['id'], text), 'id');
            }}
          />
        </div>

        <fieldset className="fieldset">
          <legend>What it does</legend>
          <KindFields kind={kind} binding={binding} />
        </fieldset>
        <WhenFields binding={binding} />
        <HowFields binding={binding} profiles={appState.value?.profiles ?? []} />

        <div className="editor-footer">
          {saveError ? (
            <ErrorNotice error={saveError} title={fileChanged ? 'The jobs file changed since it was read' : 'Delegate did not save the job'}>
              {fileChanged ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setSaveError(null);
                    onReload();
                  }}
                >
                  Reload
                </button>
              ) : null}
            </ErrorNotice>
          ) : null}
          {submitted && hasIssues(issues) ? (
            <p className="field-error" role="alert">
              Fix the fields marked above, then save again.
            </p>
          ) : null}
          <div className="editor-buttons">
            <button type="button" className="button" onClick={leave}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
              {saving ? <Spinner /> : null}
              {mode === 'edit' ? 'Save' : 'Add job'}
            </button>
          </div>
        </div>
      </form>
      <ModalDialog open={confirmLeave} onCancel={() => setConfirmLeave(false)} labelledBy="leave-title" describedBy="leave-text" className="confirm-dialog">
        <div className="confirm-dialog-body">
          <h2 id="leave-title" className="editor-title">
            Discard your changes?
          </h2>
          <p id="leave-text">What you changed in this job is not saved.</p>
          <div className="editor-buttons">
            <button type="button" className="button" data-autofocus onClick={() => setConfirmLeave(false)}>
              Keep editing
            </button>
            <button type="button" className="button button-danger" onClick={onLeave}>
              Discard changes
            </button>
          </div>
        </div>
      </ModalDialog>
    </div>
  );
}

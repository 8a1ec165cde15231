/**
 * New job, step one: which kind of job. Radio cards (arrows move, Enter or Continue goes on).
 */
import { useEffect, useRef, useState } from 'react';
import { ViewHeader } from '../../app/view-header.js';
import type { EditorKind } from './job-draft.js';
import { KIND_CHOICES } from './job-kinds.js';

interface KindChooserProps {
  onChoose: (kind: EditorKind) => void;
  onCancel: () => void;
}

export function KindChooser({ onChoose, onCancel }: KindChooserProps) {
  const [kind, setKind] = useState<EditorKind>('mail.send');
  const firstRef = useRef<HTMLInputElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  return (
    <div
      className="view job-editor-view"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <ViewHeader title="New job">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </ViewHeader>
      <form
        className="editor kind-chooser"
        aria-labelledby="kind-chooser-title"
        onSubmit={(event) => {
          event.preventDefault();
          onChoose(kind);
        }}
      >
        <fieldset className="kind-cards">
          <legend id="kind-chooser-title" className="editor-title">
            What should the job do?
          </legend>
          {KIND_CHOICES.map((choice, index) => (
            <label key={choice.kind} className={`kind-card${kind === choice.kind ? ' is-selected' : ''}`}>
              <input
                ref={index === 0 ? firstRef : undefined}
                type="radio"
                name="job-kind"
                value={choice.kind}
                checked={kind === choice.kind}
                onChange={() => setKind(choice.kind)}
                onDoubleClick={() => onChoose(choice.kind)}
              />
              <span>
                <span className="kind-card-title">{choice.title}</span>
                <span className="kind-card-description">{choice.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="editor-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}

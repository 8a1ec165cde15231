/**
 * The job editor's controls beyond plain text: chips, a local path with a native picker, a checkbox, a select and
 * a multi-line text, each labelled and tied to its hint and error like the app's other fields.
 */
import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { PathPurpose } from '../../../shared/ipc/ipc-models.js';
import { FieldShell } from '../../components/form-fields.js';
import { useApi } from '../../ipc/api-context.js';
import { addEntries, splitAddresses } from './recipients.js';

interface ChipsFieldProps {
  label: string;
  hint?: string;
  error?: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  mono?: boolean;
  /** Marks an entry that is wrong (an address that is not one), so the person sees which chip the error means. */
  isInvalid?: (value: string) => boolean;
}

/** Entries as chips: Enter, comma or semicolon adds what was typed, Backspace in an empty box removes the last. */
export function ChipsField({ label, hint, error, values, onChange, placeholder, mono, isInvalid }: ChipsFieldProps) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const commit = (raw: string) => {
    const added = splitAddresses(raw);
    if (added.length > 0) onChange(addEntries(values, added));
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',' || event.key === ';') && text.trim() !== '') {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Enter') {
      // An empty box: Enter must not submit the form by surprise.
      event.preventDefault();
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      event.preventDefault();
      onChange(values.slice(0, -1));
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[;,\n]|\s\S/.test(pasted.trim())) return;
    event.preventDefault();
    commit(`${text} ${pasted}`);
  };
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <div className={`chip-input${mono ? ' mono' : ''}`} onClick={(event) => event.target === event.currentTarget && inputRef.current?.focus()}>
          {values.length > 0 ? (
            <ul className="chip-input-list" aria-label={`${label}: ${values.length} ${values.length === 1 ? 'entry' : 'entries'}`}>
              {values.map((value, index) => (
                <li key={`${value}-${index}`} className={`chip chip-removable${isInvalid?.(value) ? ' chip-invalid' : ''}`}>
                  <span className="chip-text">{value}</span>
                  {isInvalid?.(value) ? <span className="visually-hidden"> (not valid)</span> : null}
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${value}`}
                    title={`Remove ${value}`}
                    onClick={() => {
                      onChange(values.filter((_, at) => at !== index));
                      inputRef.current?.focus();
                    }}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <input
            ref={inputRef}
            id={id}
            className="chip-input-box"
            type="text"
            value={text}
            placeholder={values.length === 0 ? placeholder : undefined}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              if (text.trim() !== '') commit(text);
            }}
          />
        </div>
      )}
    </FieldShell>
  );
}

interface PathFieldProps {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  purpose: PathPurpose;
  placeholder?: string;
  /** The picker's button text; "Choose…" by default. */
  chooseLabel?: string;
}

/**
 * A local path: typed, or chosen in the system's dialog (main shows it; the window only gets the answer back).
 * Relative paths are relative to Delegate's home, as in jobs.yaml.
 */
export function PathField({ label, hint, error, value, onChange, purpose, placeholder, chooseLabel = 'Choose…' }: PathFieldProps) {
  const api = useApi();
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const pick = async () => {
    setPicking(true);
    setPickError(null);
    const result = await api.request('dialog:pick-path', { purpose, ...(value.trim() !== '' ? { defaultPath: value.trim() } : {}) });
    setPicking(false);
    if (!result.ok) setPickError(`${result.error.message} ${result.error.action ?? ''}`.trim());
    else if (result.value.paths[0] !== undefined) onChange(result.value.paths[0]);
  };
  const shownError = error ?? pickError ?? undefined;
  return (
    <FieldShell label={label} hint={hint} error={shownError}>
      {({ id, describedBy }) => (
        <div className="path-input">
          <input
            id={id}
            className="input mono"
            type="text"
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={Boolean(shownError)}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          />
          <button type="button" className="button" aria-label={`${chooseLabel.replace('…', '')} ${label.toLowerCase()}…`} onClick={() => void pick()} aria-disabled={picking || undefined}>
            {chooseLabel}
          </button>
        </div>
      )}
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckboxField({ label, hint, checked, onChange }: CheckboxFieldProps) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span className="checkbox-text">
        <span>{label}</span>
        {hint ? <span className="radio-hint">{hint}</span> : null}
      </span>
    </label>
  );
}

interface SelectProps {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  narrow?: boolean;
}

export function Select({ label, hint, error, value, onChange, options, narrow }: SelectProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} narrow={narrow}>
      {({ id, describedBy }) => (
        <select id={id} className="select" value={value} aria-invalid={Boolean(error)} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface TextAreaProps {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  mono?: boolean;
  placeholder?: string;
}

export function TextArea({ label, hint, error, value, onChange, rows = 4, mono, placeholder }: TextAreaProps) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <textarea
          id={id}
          className={`textarea${mono ? ' mono' : ''}`}
          rows={rows}
          value={value}
          placeholder={placeholder}
          spellCheck={!mono}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldShell>
  );
}

interface ChoiceProps<T extends string> {
  legend: string;
  value: T;
  onChange: (value: T) => void;
  options: ReadonlyArray<{ value: T; label: string; hint?: string }>;
  /** Side by side (short labels) instead of one per line. */
  inline?: boolean;
  error?: string;
}

/** Radio buttons in a fieldset whose legend names the choice. */
export function Choice<T extends string>({ legend, value, onChange, options, inline, error }: ChoiceProps<T>) {
  const name = useId();
  return (
    <fieldset className={`choice${error ? ' has-error' : ''}`}>
      <legend className="field-label">{legend}</legend>
      <div className={inline ? 'choice-inline' : 'radio-list'}>
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input type="radio" name={name} checked={value === option.value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} onChange={() => onChange(option.value)} />
            <span>
              <span className="radio-title">{option.label}</span>
              {option.hint ? <span className="radio-hint">{option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

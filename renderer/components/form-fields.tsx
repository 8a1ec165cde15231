/**
 * Labelled form fields: the label, a hint and an error tied to the control for screen readers.
 */
import { useId, type ReactNode } from 'react';

export interface FieldShellProps {
  label: string;
  hint?: string;
  error?: string;
  narrow?: boolean;
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
}

/** A label, hint and error around any control (the ids come from here, so the control is tied to all three). */
export function FieldShell({ label, hint, error, narrow, children }: FieldShellProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}${narrow ? ' field-narrow' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy })}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  mono?: boolean;
  narrow?: boolean;
  autoFocus?: boolean;
  inputMode?: 'numeric' | 'text';
}

export function TextField({ label, hint, error, value, placeholder, onChange, onBlur, mono, narrow, autoFocus, inputMode }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} narrow={narrow}>
      {({ id, describedBy }) => (
        <input
          id={id}
          className={`input${mono ? ' mono' : ''}`}
          type="text"
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          autoFocus={autoFocus}
          inputMode={inputMode}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField({ label, hint, error, value, onChange, onBlur }: Omit<TextFieldProps, 'mono' | 'placeholder'>) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <textarea
          id={id}
          className="textarea mono"
          rows={2}
          spellCheck={false}
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      )}
    </FieldShell>
  );
}

interface SelectFieldProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
}

export function SelectField({ label, hint, value, onChange, options }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint}>
      {({ id, describedBy }) => (
        <select id={id} className="select" value={value} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
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

/**
 * How a control reads and writes its part of the draft: the binding the editor hands to each group of fields.
 */
import { getAt, setNumberText, setText, setWithDefault, numberText, type Draft, type DraftPath } from './job-draft.js';
import { pathKey } from './job-issues.js';

export interface DraftBinding {
  draft: Draft;
  /** The job as it was loaded (null for a new job): decides whether a default value is written. */
  original: Draft | null;
  /** The message shown under the field with this key, if any. */
  error: (key: string) => string | undefined;
  /** Applies an edit; `key` marks that field as touched (its errors show from now on). */
  change: (edit: (draft: Draft) => Draft, key: string) => void;
  /** A field whose text cannot become a value (JSON that does not parse) says why; undefined clears it. */
  setLocalError: (key: string, message: string | undefined) => void;
}

export function textProps(binding: DraftBinding, path: DraftPath) {
  const key = pathKey(path);
  const value = getAt(binding.draft, path);
  return {
    value: typeof value === 'string' ? value : value === undefined ? '' : String(value),
    error: binding.error(key),
    onChange: (text: string) => binding.change((draft) => setText(draft, path, text), key),
  };
}

export function numberProps(binding: DraftBinding, path: DraftPath) {
  const key = pathKey(path);
  return {
    value: numberText(getAt(binding.draft, path)),
    error: binding.error(key),
    inputMode: 'numeric' as const,
    onChange: (text: string) => binding.change((draft) => setNumberText(draft, path, text), key),
  };
}

export function defaultedProps<T>(binding: DraftBinding, path: DraftPath, defaultValue: T) {
  const key = pathKey(path);
  const value = getAt(binding.draft, path);
  return {
    value: (value === undefined ? defaultValue : value) as T,
    error: binding.error(key),
    onChange: (next: T) => binding.change((draft) => setWithDefault(draft, path, next, defaultValue, binding.original), key),
  };
}

/**
 * The scopes editor: a text box checked against Graph's permissions as the person types (by main, through
 * `settings:check-scopes`), each problem shown with its one-click fix.
 */
import { useEffect, useId, useState } from 'react';
import type { ScopeCheck } from '../../shared/ipc/ipc-models.js';
import { defaultScopesFor } from '../../shared/default-scopes.js';
import { ErrorIcon, WarningIcon } from '../components/icons.js';
import { Spinner } from '../components/spinner.js';
import { useDebouncedValue } from '../hooks/use-debounced-value.js';
import { useApi } from '../ipc/api-context.js';
import { replaceScope, splitScopes } from './profile-form.js';

interface ScopesFieldProps {
  /** The profile's client ID: its default set is what its client can get. */
  clientId: string;
  value: string;
  onChange: (value: string) => void;
  /** A problem the form found by itself (e.g. no scopes at all). */
  error?: string;
  /** Tells the form whether the last check found errors, so Save can wait for a fix. */
  onCheck?: (check: ScopeCheck | null) => void;
}

/** Typing pauses this long before the list is checked. */
const CHECK_DELAY_MS = 300;

export function ScopesField({ clientId, value, onChange, error, onCheck }: ScopesFieldProps) {
  const api = useApi();
  const id = useId();
  const settled = useDebouncedValue(value, CHECK_DELAY_MS);
  const [check, setCheck] = useState<{ text: string; result: ScopeCheck } | null>(null);
  const [checkFailed, setCheckFailed] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const scopes = splitScopes(settled);
    if (scopes.length === 0) return undefined;
    void api.request('settings:check-scopes', { scopes }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setCheck({ text: settled, result: result.value });
        setCheckFailed(null);
      } else {
        setCheckFailed(result.error.message);
      }
    });
    return () => {
      current = false;
    };
  }, [api, settled]);

  const fresh = check !== null && check.text === value;
  const result = check?.result ?? null;
  const checking = !fresh && splitScopes(value).length > 0 && checkFailed === null;
  useEffect(() => {
    onCheck?.(fresh ? result : null);
  }, [fresh, result, onCheck]);

  const count = splitScopes(value).length;
  const errors = result?.problems.filter((problem) => problem.severity === 'error') ?? [];
  const statusText = checking
    ? 'Checking…'
    : checkFailed
      ? `The scopes could not be checked: ${checkFailed}`
      : result && count > 0
        ? errors.length === 0
          ? `${count === 1 ? 'The scope is' : `All ${count} scopes are`} known Graph permissions${result.problems.length > 0 ? ', with notes below' : ''}.`
          : `${errors.length === 1 ? '1 scope needs' : `${errors.length} scopes need`} fixing.`
        : '';

  return (
    <div className={`field${error || errors.length > 0 ? ' has-error' : ''}`}>
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">
          Scopes
        </label>
        <button type="button" className="link-button" onClick={() => onChange(defaultScopesFor(clientId).join('\n'))}>
          Use the default set
        </button>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        The Graph permissions asked for at sign-in, one per line. A broad set means one consent now and silent tokens later.
      </p>
      <textarea
        id={id}
        className="textarea mono"
        rows={7}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={value}
        aria-describedby={`${id}-hint ${id}-status`}
        aria-invalid={Boolean(error) || errors.length > 0}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-status`} className={`field-status${errors.length > 0 && !checking ? ' is-error' : ''}`} role="status">
        {checking ? <Spinner /> : null}
        {error ?? statusText}
      </p>
      {result && result.problems.length > 0 ? (
        <ul className="scope-problems" aria-label="Problems with the scopes">
          {result.problems.map((problem, index) => (
            <li key={`${problem.scope}-${index}`} className={`scope-problem is-${problem.severity}`}>
              {problem.severity === 'error' ? <ErrorIcon className="problem-icon" /> : <WarningIcon className="problem-icon" />}
              <span className="scope-problem-text">
                {problem.scope ? <span className="mono scope-problem-scope">{problem.scope}</span> : null}
                <span>{problem.message}</span>
              </span>
              {problem.suggestion && problem.scope && problem.suggestion !== problem.scope ? (
                <button type="button" className="button button-small" onClick={() => onChange(replaceScope(value, problem.scope, [problem.suggestion ?? problem.scope]))}>
                  Use <span className="mono">{problem.suggestion}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

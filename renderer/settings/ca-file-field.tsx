/**
 * The profile's extra CA certificate: a path typed in, or chosen with the system's own file picker (through main,
 * which alone may show one). Cancelling the picker changes nothing.
 */
import { useId, useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useApi } from '../ipc/api-context.js';

interface CaFileFieldProps {
  value: string;
  onChange: (value: string) => void;
}

const HINT =
  'Usually not needed: Delegate trusts what your computer trusts. A PEM file, for a network that inspects TLS with a root your IT has not installed, or a host with its own certificate (such as the emulator).';

export function CaFileField({ value, onChange }: CaFileFieldProps) {
  const api = useApi();
  const id = useId();
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);

  const choose = async () => {
    if (picking) return;
    setPicking(true);
    setError(null);
    const result = await api.request('dialog:pick-path', { purpose: 'ca-file', ...(value.trim() ? { defaultPath: value.trim() } : {}) });
    setPicking(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const [path] = result.value.paths;
    if (path) onChange(path);
  };

  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Extra CA certificate (optional)
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {HINT}
      </p>
      <div className="input-with-button">
        <input
          id={id}
          className="input mono"
          type="text"
          value={value}
          placeholder="/path/to/root-ca.pem"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="button" className="button" onClick={() => void choose()} aria-disabled={picking || undefined}>
          Choose…
          <span className="visually-hidden"> a CA certificate file</span>
        </button>
      </div>
      {error ? <ErrorNotice error={error} title="The file picker did not open" /> : null}
    </div>
  );
}

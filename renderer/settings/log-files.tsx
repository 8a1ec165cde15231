/**
 * Settings' "Log files": where the app's and the daemon's logs are, and a button that opens the folder.
 */
import { useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Panel } from '../components/panel.js';
import { useApi } from '../ipc/api-context.js';

export function LogFiles({ folder }: { folder: string }) {
  const api = useApi();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);

  const open = async () => {
    setOpening(true);
    setError(null);
    const result = await api.request('settings:open-logs-folder', {});
    setOpening(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <Panel
      title="Log files"
      actions={
        <button type="button" className="button" onClick={() => void open()} disabled={opening}>
          Open log folder
        </button>
      }
    >
      <p className="panel-intro">
        What the app and <span className="mono">delegate daemon</span> did: runs, sign-in checks and errors with their request IDs, never a token. In a terminal:{' '}
        <span className="mono">delegate logs --follow</span>.
      </p>
      <dl className="facts">
        <div>
          <dt>Folder</dt>
          <dd className="mono selectable">{folder}</dd>
        </div>
      </dl>
      {error ? <ErrorNotice error={error} title="The log folder could not be opened" /> : null}
    </Panel>
  );
}

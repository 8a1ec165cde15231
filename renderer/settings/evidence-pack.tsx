/**
 * "Evidence for your security team": writes the evidence pack (one HTML file) for the current profile or all
 * of them. The app asks where to save in its own dialog; the window only hears where the file went.
 */
import { useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { EvidenceWritten } from '../../shared/ipc/ipc-models.js';
import { ErrorNotice } from '../components/error-notice.js';
import { CheckIcon } from '../components/icons.js';
import { Panel } from '../components/panel.js';
import { Spinner } from '../components/spinner.js';
import { Switch } from '../components/switch.js';
import { useApi } from '../ipc/api-context.js';

export function EvidencePack({ profile, profileCount }: { profile: string; profileCount: number }) {
  const api = useApi();
  const [all, setAll] = useState(false);
  const [writing, setWriting] = useState(false);
  const [written, setWritten] = useState<EvidenceWritten | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);

  const write = async () => {
    setWriting(true);
    setError(null);
    setWritten(null);
    const result = await api.request('settings:write-evidence', all ? { all: true } : { profile });
    setWriting(false);
    if (result.ok) setWritten(result.value);
    else setError(result.error);
  };

  return (
    <Panel
      title="Evidence for your security team"
      className="evidence-pack"
      actions={
        <button type="button" className="button" onClick={() => void write()} disabled={writing}>
          {writing ? 'Writing…' : 'Write evidence pack…'}
        </button>
      }
    >
      <p className="panel-intro">
        One self-contained HTML file to hand to whoever reviews Delegate: the client ID and whose app it is, the scopes the sign-in really carries, where the token cache lives, each job with
        what it touches and its schedule, 90 days of runs, and a hash of this app. It holds no token and no mail content.
      </p>
      {profileCount > 1 ? (
        <div className="settings-rows">
          <div className="settings-row">
            <Switch label="Include every profile" description={`Otherwise the pack covers ${profile} and the jobs that run as it.`} checked={all} busy={writing} onChange={setAll} />
          </div>
        </div>
      ) : null}
      {writing ? (
        <p className="evidence-status" role="status">
          <Spinner /> Writing the pack…
        </p>
      ) : null}
      {written && !writing ? (
        <p className="evidence-status" role="status">
          {written.path ? (
            <>
              <CheckIcon className="evidence-done" /> Saved {written.profiles === 1 ? '1 profile' : `${written.profiles} profiles`} and {written.jobs === 1 ? '1 job' : `${written.jobs} jobs`} to <code className="evidence-path">{written.path}</code>
            </>
          ) : (
            'Not saved: the save dialog was cancelled.'
          )}
        </p>
      ) : null}
      {error && !writing ? <ErrorNotice error={error} title="The evidence pack was not written" /> : null}
    </Panel>
  );
}

/**
 * Settings: the sign-in profiles (add, edit, remove, default), how Delegate starts, "Check my setup", and the
 * evidence pack for a security team.
 */
import { useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { AppState, SettingsView as SettingsModel } from '../../shared/ipc/ipc-models.js';
import type { Profile } from '../../shared/models/profile.js';
import { ViewHeader } from '../app/view-header.js';
import { ErrorNotice } from '../components/error-notice.js';
import { SelectField } from '../components/form-fields.js';
import { Panel } from '../components/panel.js';
import { Spinner } from '../components/spinner.js';
import { Switch } from '../components/switch.js';
import { useApi } from '../ipc/api-context.js';
import { useEvent } from '../ipc/use-event.js';
import { useRequest } from '../ipc/use-request.js';
import { ProfileEditor } from './profile-editor.js';
import { BUSY_REASON, ProfileList } from './profile-list.js';
import { SetupCheck } from './setup-check.js';
import { LogFiles } from './log-files.js';
import { EvidencePack } from './evidence-pack.js';

interface SettingsViewProps {
  state: AppState;
  focusTitle: boolean;
  /** Profiles changed: the app state (profile list, health) must be loaded again. */
  onAppChanged: () => void;
  onLaunchAtLoginChange: (enabled: boolean) => void;
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; profile: Profile };

export function SettingsView({ state, focusTitle, onAppChanged, onLaunchAtLoginChange }: SettingsViewProps) {
  const api = useApi();
  const settings = useRequest('settings:get', {});
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const [message, setMessage] = useState('');
  // config.json changed on disk while the editor was open: the editor reloads, or asks first if it has unsaved edits.
  const [diskChanged, setDiskChanged] = useState(false);
  const [editorGeneration, setEditorGeneration] = useState(0);

  useEvent('config:changed', () => {
    void api.request('settings:get', {}).then((result) => {
      if (!result.ok) return;
      settings.setValue(result.value);
      setDiskChanged(true);
    });
  });

  const reloadEditor = () => {
    setDiskChanged(false);
    setEditorGeneration((value) => value + 1);
    if (editing.kind !== 'edit' || !settings.value) return;
    const name = editing.profile.name;
    const fresh = settings.value.profiles.find((candidate) => candidate.name === name);
    if (fresh) {
      setEditing({ kind: 'edit', profile: fresh });
    } else {
      setEditing({ kind: 'none' });
      setError({ code: 'unknown-profile', message: `Profile ${name} is no longer in config.json: it was removed or renamed outside this window.`, action: '' });
    }
  };

  const apply = async (request: () => Promise<{ ok: true; value: SettingsModel } | { ok: false; error: ErrorData }>, done: string) => {
    setBusy(true);
    setError(null);
    const result = await request();
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    settings.setValue(result.value);
    setMessage(done);
    onAppChanged();
  };

  const setLaunchAtLogin = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    const result = await api.request('settings:set-launch-at-login', { enabled });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onLaunchAtLoginChange(result.value.launchAtLogin);
    if (settings.value) settings.setValue({ ...settings.value, launchAtLogin: result.value.launchAtLogin });
  };

  const view = settings.value;
  return (
    <div className="view">
      <ViewHeader title="Settings" focusOnMount={focusTitle} />
      <p className="visually-hidden" role="status">
        {message}
      </p>
      {settings.error && !view ? (
        <ErrorNotice error={settings.error} title="Delegate could not load its settings">
          <button type="button" className="button" onClick={settings.reload}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {!view && !settings.error ? (
        <p className="view-loading" role="status">
          <Spinner /> Loading settings…
        </p>
      ) : null}
      {view && editing.kind !== 'none' ? (
        <ProfileEditor
          key={`${editing.kind === 'edit' ? editing.profile.name : 'new'}-${editorGeneration}`}
          profile={editing.kind === 'edit' ? editing.profile : null}
          settings={view}
          diskChanged={diskChanged}
          onReload={reloadEditor}
          onCancel={() => {
            setDiskChanged(false);
            setEditing({ kind: 'none' });
          }}
          onSaved={(next, name) => {
            settings.setValue(next);
            setDiskChanged(false);
            setEditing({ kind: 'none' });
            setMessage(`Profile ${name} saved.`);
            onAppChanged();
          }}
        />
      ) : null}
      {view && editing.kind === 'none' ? (
        <>
          {error ? <ErrorNotice error={error} /> : null}
          <Panel
            title="Profiles"
            actions={
              <button
                type="button"
                className="button"
                onClick={() => {
                  setDiskChanged(false);
                  setEditing({ kind: 'new' });
                }}
                disabled={busy} title={busy ? BUSY_REASON : undefined}>
                Add profile…
              </button>
            }
          >
            <p className="panel-intro">Each profile is one identity: its cloud, client ID, tenant and scopes, with its own keychain entry.</p>
            <ProfileList
              settings={view}
              busy={busy}
              onEdit={(profile) => {
                setDiskChanged(false);
                setEditing({ kind: 'edit', profile });
              }}
              onRemove={(name) => void apply(() => api.request('settings:remove-profile', { name }), `Profile ${name} removed.`)}
              onMakeDefault={(name) => void apply(() => api.request('settings:set-default-profile', { name }), `${name} is now the default profile.`)}
            />
          </Panel>
          <Panel title="General">
            <div className="settings-rows">
              <div className="settings-row">
                <SelectField
                  label="Default profile"
                  hint="Used by jobs and commands that name no profile."
                  value={view.profiles.find((profile) => profile.isDefault)?.name ?? ''}
                  onChange={(name) => void apply(() => api.request('settings:set-default-profile', { name }), `${name} is now the default profile.`)}
                  options={view.profiles.map((profile) => ({ value: profile.name, label: profile.name }))}
                />
              </div>
              <div className="settings-row">
                <Switch
                  label="Start Delegate when you log in"
                  description="Keeps the daily check running, so the sign-in does not lapse."
                  checked={view.launchAtLogin}
                  busy={busy}
                  onChange={(enabled) => void setLaunchAtLogin(enabled)}
                />
              </div>
            </div>
          </Panel>
          <SetupCheck profile={state.profile} />
          <LogFiles folder={view.logsFolder} />
          <EvidencePack profile={state.profile} profileCount={view.profiles.length} />
          <p className="footnote">Delegate {state.version}</p>
        </>
      ) : null}
    </div>
  );
}

/**
 * Adds or edits a sign-in profile: cloud, client ID, tenant, scopes, thresholds and where tokens are kept.
 * The window checks what it can as the person types; main checks everything again on Save and its
 * answer is shown here, beside the Save button.
 */
import { useCallback, useEffect, useState } from 'react';
import { KNOWN_CLOUDS, type CloudName } from '../../shared/clouds.js';
import type { ErrorData } from '../../shared/errors.js';
import type { ScopeCheck, SettingsView } from '../../shared/ipc/ipc-models.js';
import type { Profile } from '../../shared/models/profile.js';
import { ErrorNotice } from '../components/error-notice.js';
import { SelectField, TextAreaField, TextField } from '../components/form-fields.js';
import { WarningIcon } from '../components/icons.js';
import { Spinner } from '../components/spinner.js';
import { useApi } from '../ipc/api-context.js';
import { changesSignIn, checkForm, clientIdOf, CUSTOM_CLIENT, formFromProfile, profileInput, withClientPreset, type FormField, type ProfileForm } from './profile-form.js';
import { CaFileField } from './ca-file-field.js';
import { ScopesField } from './scopes-field.js';

interface ProfileEditorProps {
  /** The profile to edit, or null to add one. */
  profile: Profile | null;
  settings: SettingsView;
  onSaved: (settings: SettingsView, name: string) => void;
  onCancel: () => void;
  /** config.json changed on disk since the editor opened. */
  diskChanged?: boolean;
  /** Start the editor again from config.json as it is now (the person's edits are dropped). */
  onReload?: () => void;
}

const CLOUD_OPTIONS: ReadonlyArray<{ value: CloudName; label: string }> = [
  ...(Object.entries(KNOWN_CLOUDS) as Array<[Exclude<CloudName, 'custom'>, { label: string }]>).map(([value, cloud]) => ({ value, label: cloud.label })),
  { value: 'custom', label: 'Custom (any sign-in host and Graph address)' },
];

export function ProfileEditor({ profile, settings, onSaved, onCancel, diskChanged = false, onReload }: ProfileEditorProps) {
  const api = useApi();
  const creating = profile === null;
  const presets = settings.clientPresets;
  const [form, setForm] = useState<ProfileForm>(() => formFromProfile(profile, presets));
  const [touched, setTouched] = useState<Partial<Record<FormField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorData | null>(null);
  const [scopeCheck, setScopeCheck] = useState<ScopeCheck | null>(null);
  const onScopeCheck = useCallback((check: ScopeCheck | null) => setScopeCheck(check), []);

  const errors = checkForm(form, { creating, existingNames: settings.profiles.map((existing) => existing.name), presets });
  const shown = (field: FormField) => (submitted || touched[field] ? errors[field] : undefined);
  const update = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setSaveError(null);
  };
  const touch = (field: FormField) => () => setTouched((previous) => ({ ...previous, [field]: true }));

  const changes = profileInput(form, profile, presets);
  // Unsaved edits: anything typed into a new profile, any change to an existing one.
  // (A new profile's form owes nothing to config.json: a change there leaves it alone.)
  const dirty = !creating && Object.keys(changes).length > 0;
  // A change on disk reloads an untouched form at once; edits in progress are never overwritten without asking.
  useEffect(() => {
    if (diskChanged && !creating && !dirty) onReload?.();
  }, [diskChanged, creating, dirty, onReload]);
  const signsOut = !creating && changesSignIn(changes);
  const scopesBlocked = scopeCheck !== null && !scopeCheck.ok;

  const save = async () => {
    setSubmitted(true);
    if (Object.keys(errors).length > 0 || scopesBlocked) return;
    if (!creating && Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    setSaveError(null);
    const name = creating ? form.name.trim() : profile.name;
    const result = await api.request('settings:save-profile', { name, create: creating, changes });
    setSaving(false);
    if (result.ok) onSaved(result.value, name);
    else setSaveError(result.error);
  };

  return (
    <form
      className="editor"
      aria-labelledby="editor-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="editor-title" className="editor-title">
        {creating ? 'Add a profile' : `Edit profile “${profile.name}”`}
      </h2>
      {diskChanged && dirty ? (
        <div className="notice notice-warning" role="alert">
          <WarningIcon className="notice-icon" />
          <div className="notice-body">
            <p className="notice-title">config.json changed on disk</p>
            <p className="notice-message">Something outside this window (the command line, an editor) changed the profiles while you were editing. Your changes here are not saved yet.</p>
            <p className="notice-action">Save writes only the fields you changed here; Reload starts again from the file as it is now and drops your changes.</p>
            <div className="notice-buttons">
              <button type="button" className="button" onClick={onReload}>
                Reload
              </button>
            </div>
          </div>
        </div>
      ) : null}

      {creating ? (
        <TextField label="Name" hint="Used with --profile on the command line." value={form.name} error={shown('name')} onChange={(value) => update('name', value)} onBlur={touch('name')} autoFocus />
      ) : null}

      <fieldset className="fieldset">
        <legend>Where to sign in</legend>
        <SelectField label="Cloud" value={form.cloud} onChange={(value) => update('cloud', value as CloudName)} options={CLOUD_OPTIONS} />
        {form.cloud === 'custom' ? (
          <div className="field-group">
            <TextField label="Sign-in host" placeholder="https://login.example.com" value={form.authorityHost} error={shown('authorityHost')} onChange={(value) => update('authorityHost', value)} onBlur={touch('authorityHost')} mono />
            <TextField label="Graph address" placeholder="https://graph.example.com" value={form.graphBaseUrl} error={shown('graphBaseUrl')} onChange={(value) => update('graphBaseUrl', value)} onBlur={touch('graphBaseUrl')} mono />
          </div>
        ) : null}
        <TextField
          label="Tenant"
          hint="“organizations” for any work account, or your tenant's ID or domain."
          value={form.tenant}
          error={shown('tenant')}
          onChange={(value) => update('tenant', value)}
          onBlur={touch('tenant')}
          mono
        />
        <CaFileField value={form.caFile} onChange={(value) => update('caFile', value)} />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Client</legend>
        <SelectField
          label="Client ID"
          hint="Microsoft's own public clients are rarely blocked. Office also covers SharePoint."
          value={form.clientPreset}
          onChange={(value) => {
            setForm((previous) => withClientPreset(previous, value, presets));
            setSaveError(null);
          }}
          options={[...presets.map((preset) => ({ value: preset.id, label: `${preset.label} (${preset.clientId.slice(0, 8)}…)` })), { value: CUSTOM_CLIENT, label: 'Another client ID…' }]}
        />
        {form.clientPreset === CUSTOM_CLIENT ? (
          <TextField
            label="Custom client ID"
            placeholder="00000000-0000-0000-0000-000000000000"
            value={form.customClientId}
            error={shown('customClientId')}
            onChange={(value) => update('customClientId', value)}
            onBlur={touch('customClientId')}
            mono
          />
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Permissions</legend>
        <ScopesField clientId={clientIdOf(form, presets)} value={form.scopesText} onChange={(value) => update('scopesText', value)} error={shown('scopesText')} onCheck={onScopeCheck} />
        <TextAreaField
          label="Extra resources (optional)"
          hint="Other resources to get tokens for silently, one https:// address per line, e.g. https://contoso.sharepoint.com"
          value={form.extraResourcesText}
          error={shown('extraResourcesText')}
          onChange={(value) => update('extraResourcesText', value)}
          onBlur={touch('extraResourcesText')}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Countdown</legend>
        <div className="field-row">
          <TextField
            label="Token lifetime (days)"
            hint="How long a refresh token lives unused; Entra's default is 90."
            value={form.lifetimeDays}
            error={shown('lifetimeDays')}
            onChange={(value) => update('lifetimeDays', value)}
            onBlur={touch('lifetimeDays')}
            inputMode="numeric"
            narrow
          />
          <TextField
            label="Warn when (days left)"
            hint="The tray turns amber at this many days or fewer."
            value={form.warningDays}
            error={shown('warningDays')}
            onChange={(value) => update('warningDays', value)}
            onBlur={touch('warningDays')}
            inputMode="numeric"
            narrow
          />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Token cache</legend>
        <div className="radio-list" role="radiogroup" aria-label="Where tokens are kept">
          <label className="radio">
            <input type="radio" name="cache" checked={form.cacheBackend === 'keychain'} onChange={() => update('cacheBackend', 'keychain')} />
            <span>
              <span className="radio-title">System keychain (recommended)</span>
              <span className="radio-hint">Keychain on macOS, Credential Manager (DPAPI) on Windows, the Secret Service on Linux.</span>
            </span>
          </label>
          <label className="radio">
            <input type="radio" name="cache" checked={form.cacheBackend === 'plaintext'} onChange={() => update('cacheBackend', 'plaintext')} />
            <span>
              <span className="radio-title">Plaintext file</span>
              <span className="radio-hint">Only where no keychain exists, such as a server without a desktop session.</span>
            </span>
          </label>
        </div>
        {form.cacheBackend === 'plaintext' ? (
          <div className={`notice notice-warning${shown('plaintext') ? ' has-error' : ''}`}>
            <WarningIcon className="notice-icon" />
            <div className="notice-body">
              <p className="notice-title">Tokens will be stored unencrypted</p>
              <p className="notice-message">
                The refresh token is written to a file readable only by your user account. Anyone who can read your files — a backup, a synced
                folder, malware running as you — can use it to act as you in Microsoft 365 for up to {form.lifetimeDays || '90'} days.
              </p>
              <label className="checkbox">
                <input type="checkbox" checked={form.plaintextAcknowledged} onChange={(event) => update('plaintextAcknowledged', event.target.checked)} />
                <span>I understand and want a plaintext token cache for this profile</span>
              </label>
              {shown('plaintext') ? <p className="field-error">{shown('plaintext')}</p> : null}
            </div>
          </div>
        ) : null}
      </fieldset>

      {signsOut ? (
        <p className="banner" role="note">
          Changing the cloud, tenant, client ID or token cache ends this profile's sign-in: you will sign in again after saving.
        </p>
      ) : null}
      {saveError ? <ErrorNotice error={saveError} title="Delegate did not save the profile" /> : null}
      {submitted && (Object.keys(errors).length > 0 || scopesBlocked) ? (
        <p className="field-error" role="alert">
          Fix the fields marked above, then save again.
        </p>
      ) : null}

      <div className="editor-buttons">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? <Spinner /> : null}
          {creating ? 'Add profile' : 'Save'}
        </button>
      </div>
    </form>
  );
}

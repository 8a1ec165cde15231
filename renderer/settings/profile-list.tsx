/**
 * The sign-in profiles, each with what identifies it and its actions; broken ones with their problems.
 */
import { KNOWN_CLOUDS } from '../../shared/clouds.js';
import type { SettingsView } from '../../shared/ipc/ipc-models.js';
import type { Profile } from '../../shared/models/profile.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorIcon } from '../components/icons.js';
import { StatusBadge } from '../components/status-badge.js';

interface ProfileListProps {
  settings: SettingsView;
  busy: boolean;
  onEdit: (profile: Profile) => void;
  onRemove: (name: string) => void;
  onMakeDefault: (name: string) => void;
}

const DEFAULT_REMOVE_REASON = 'The default profile cannot be removed: make another profile the default first.';
const ONLY_PROFILE_REASON = 'The default profile cannot be removed: add another profile and make it the default first.';

/** For the moment a change is on its way: the buttons come back as soon as it is saved. */
export const BUSY_REASON = 'Wait a moment: Delegate is saving a change.';

function cloudLabel(profile: Profile): string {
  return profile.cloud === 'custom' ? `Custom: ${profile.authorityHost ?? 'no sign-in host'}` : KNOWN_CLOUDS[profile.cloud].label;
}

export function ProfileList({ settings, busy, onEdit, onRemove, onMakeDefault }: ProfileListProps) {
  const clientName = (clientId: string) => settings.clientPresets.find((preset) => preset.clientId.toLowerCase() === clientId.toLowerCase())?.label ?? 'Custom client';
  return (
    <>
      <ul className="profile-list" aria-label="Profiles">
        {settings.profiles.map((profile) => (
          <li key={profile.name} className="profile-item" aria-labelledby={`profile-${profile.name}`}>
            <div className="profile-text">
              <p className="profile-name">
                <span id={`profile-${profile.name}`}>{profile.name}</span>
                {profile.isDefault ? <span className="tag">Default</span> : null}
                {profile.cacheBackend === 'plaintext' ? <StatusBadge tone="warning" label="Plaintext cache" /> : null}
              </p>
              <p className="profile-meta">
                {cloudLabel(profile)} · {clientName(profile.clientId)} · <span className="mono">{profile.tenant}</span>
              </p>
              <p className="profile-meta">
                {profile.scopes.length} {profile.scopes.length === 1 ? 'scope' : 'scopes'} · warns at {profile.warningDays} of {profile.lifetimeDays} days
                {profile.extraResources.length > 0 ? ` · ${profile.extraResources.length} extra ${profile.extraResources.length === 1 ? 'resource' : 'resources'}` : ''}
              </p>
              {profile.isDefault ? (
                <p id={`profile-${profile.name}-${settings.profiles.length > 1 ? 'remove' : 'only'}-reason`} className="profile-meta disabled-reason">
                  {settings.profiles.length > 1 ? DEFAULT_REMOVE_REASON : ONLY_PROFILE_REASON}
                </p>
              ) : null}
            </div>
            <div className="profile-actions">
              {!profile.isDefault ? (
                <button type="button" className="button button-quiet" disabled={busy} title={busy ? BUSY_REASON : undefined} onClick={() => onMakeDefault(profile.name)}>
                  Make default
                </button>
              ) : null}
              <button type="button" className="button" disabled={busy} title={busy ? BUSY_REASON : undefined} onClick={() => onEdit(profile)}>
                Edit…
              </button>
              <ConfirmButton
                label="Remove…"
                confirmLabel="Remove"
                question={`Remove ${profile.name} and sign it out?`}
                disabled={busy}
                {...(profile.isDefault
                  ? { disabledReason: settings.profiles.length > 1 ? DEFAULT_REMOVE_REASON : ONLY_PROFILE_REASON, reasonId: settings.profiles.length > 1 ? `profile-${profile.name}-remove-reason` : `profile-${profile.name}-only-reason` }
                  : {})}
                onConfirm={() => onRemove(profile.name)}
              />
            </div>
          </li>
        ))}
      </ul>
      {settings.invalidProfiles.length > 0 ? (
        <ul className="profile-list" aria-label="Profiles that need fixing">
          {settings.invalidProfiles.map((invalid) => (
            <li key={invalid.name} className="profile-item is-invalid">
              <div className="profile-text">
                <p className="profile-name">
                  <ErrorIcon className="problem-icon" />
                  {invalid.name}
                  <span className="tag tag-danger">Not usable</span>
                </p>
                <ul className="profile-problems">
                  {invalid.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
                <p className="profile-meta">Fix it in config.json (Delegate reloads it) or remove it.</p>
              </div>
              <div className="profile-actions">
                <ConfirmButton label="Remove…" confirmLabel="Remove" question={`Remove ${invalid.name}?`} disabled={busy} onConfirm={() => onRemove(invalid.name)} />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * Chooses which profile the window shows, when there is more than one.
 */
import { useId, useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { ProfileSummary } from '../../shared/ipc/ipc-models.js';
import { ErrorNotice } from '../components/error-notice.js';

interface ProfileSwitcherProps {
  profile: string;
  profiles: ProfileSummary[];
  onSwitch: (profile: string) => Promise<ErrorData | null>;
}

export function ProfileSwitcher({ profile, profiles, onSwitch }: ProfileSwitcherProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  if (profiles.length < 2) return null;
  return (
    <div className="profile-switcher">
      <label htmlFor={id} className="inline-label">
        Profile
      </label>
      <select
        id={id}
        className="select"
        value={profile}
        disabled={busy}
        onChange={async (event) => {
          setBusy(true);
          setError(await onSwitch(event.target.value));
          setBusy(false);
        }}
      >
        {profiles.map((summary) => (
          <option key={summary.name} value={summary.name} disabled={summary.problems.length > 0}>
            {summary.name}
            {summary.isDefault ? ' (default)' : ''}
            {summary.problems.length > 0 ? ' — needs fixing in Settings' : ''}
          </option>
        ))}
      </select>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

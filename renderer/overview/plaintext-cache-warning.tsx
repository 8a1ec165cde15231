/**
 * The warning a plaintext token cache always gets: it is never a silent choice.
 */
import { WarningIcon } from '../components/icons.js';

export function PlaintextCacheWarning({ onOpenSettings }: { onOpenSettings: () => void }) {
  return (
    <div className="notice notice-warning plaintext-warning">
      <WarningIcon className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">The token cache is stored in PLAINTEXT</p>
        <p className="notice-message">
          This profile keeps its tokens in a file on disk (readable only by your user account), not in the system keychain. Anyone who can read
          your files can act as you in Microsoft 365 until the tokens expire.
        </p>
        <div className="notice-buttons">
          <button type="button" className="button" onClick={onOpenSettings}>
            Use the keychain instead…
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * The Graph permissions of the profile, as chips: what its access token really carries (`scp`) once one was
 * read, else what it asks for at sign-in; and apart, the ones Microsoft refused to this app (AADSTS65002).
 */
import { Panel } from '../components/panel.js';
import type { ProfileHealth } from '../../shared/models/health.js';

export function ScopesPanel({ health }: { health: ProfileHealth }) {
  const fromToken = health.account !== null && health.grantedScopes ? health.grantedScopes.scopes : null;
  const scopes = fromToken ?? health.scopes;
  const refused = health.refusedScopes ?? [];
  const title = fromToken ? 'Granted scopes' : health.account ? 'Granted at sign-in' : 'Scopes asked for at sign-in';
  return (
    <Panel title={`${title} (${scopes.length})`}>
      {fromToken ? <p className="muted scopes-source">As carried by the last access token.</p> : null}
      {scopes.length === 0 ? (
        <p className="muted">No scopes yet.</p>
      ) : (
        <ul className="chips" aria-label={title}>
          {scopes.toSorted((a, b) => a.localeCompare(b)).map((scope) => (
            <li key={scope} className="chip mono">
              {scope}
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 ? (
        <>
          <p className="scopes-refused-title">Refused by Microsoft for this app (AADSTS65002)</p>
          <ul className="chips" aria-label="Refused by Microsoft for this app">
            {refused.map((scope) => (
              <li key={scope} className="chip chip-refused mono">
                {scope}
              </li>
            ))}
          </ul>
          <p className="muted scopes-source">Jobs that need these are flagged in Jobs and skipped.</p>
        </>
      ) : null}
    </Panel>
  );
}

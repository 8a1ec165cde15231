/**
 * The Graph permissions the profile asks for at sign-in, as chips: granted once someone has signed in.
 */
import { Panel } from '../components/panel.js';

export function ScopesPanel({ scopes, granted }: { scopes: string[]; granted: boolean }) {
  const title = granted ? 'Granted scopes' : 'Scopes asked for at sign-in';
  return (
    <Panel title={`${title} (${scopes.length})`}>
      {scopes.length === 0 ? (
        <p className="muted">No scopes yet.</p>
      ) : (
        <ul className="chips" aria-label={title}>
          {scopes.map((scope) => (
            <li key={scope} className="chip mono">
              {scope}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

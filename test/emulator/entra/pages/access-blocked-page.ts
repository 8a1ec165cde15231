/**
 * Entra's Conditional Access block page: "You don't have access to this", with the "More details" block that names
 * Error Code 53003. Real Entra shows it in the person's browser when a policy blocks the device code flow; the app
 * that polls never hears of it (it gets authorization_pending until the code expires).
 */
import { clientDisplayName } from '../../directory/directory.js';
import { entraTimestamp } from '../entra-time.js';
import { escapeHtml, renderPage } from './html-page.js';

export interface AccessBlockedFacts {
  readonly clientId: string;
  readonly requestId: string;
  readonly correlationId: string;
  readonly now: Date;
}

export function renderAccessBlockedPage(facts: AccessBlockedFacts): string {
  const details: Array<[string, string]> = [
    ['Error Code', '53003'],
    ['Request Id', facts.requestId],
    ['Correlation Id', facts.correlationId],
    ['Timestamp', entraTimestamp(facts.now)],
    ['App name', clientDisplayName(facts.clientId)],
    ['App id', facts.clientId],
    ['IP address', '127.0.0.1'],
    ['Device identifier', 'Not available'],
    ['Device platform', 'Linux'],
    ['Device state', 'Unregistered'],
  ];
  return renderPage({
    title: "You don't have access to this",
    body: `<h1>You don't have access to this</h1>
<p role="alert">Your sign-in was successful but does not meet the criteria to access this resource. For example, you might be signing in from a browser, app, or location that is restricted by your admin.</p>
<h2>More details</h2>
<dl>
${details.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}
</dl>`,
  });
}

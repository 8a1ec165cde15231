import { clientDisplayName, DEFAULT_USER, USERS } from '../../directory/directory.js';
import type { ScopeRequest } from '../../scopes/scope-request.js';
import { escapeHtml } from './html-page.js';

/**
 * The approval form both sign-in flows show: the app, the scopes it asks for, a user picker and
 * Approve / Decline. Each radio button's label is exactly the user's UPN.
 */

export interface ConsentFormInput {
  readonly action: string;
  readonly clientId: string;
  readonly scopeRequest: ScopeRequest;
  /** Hidden fields that carry the flow through the POST (the user code, or the request ID). */
  readonly hiddenFields: Readonly<Record<string, string>>;
  readonly preselectedUpn?: string | undefined;
}

export function renderConsentForm(input: ConsentFormInput): string {
  const selected = USERS.find((user) => user.upn === input.preselectedUpn?.toLowerCase()) ?? DEFAULT_USER;
  const hidden = Object.entries(input.hiddenFields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const scopes = input.scopeRequest.raw
    .split(/\s+/)
    .filter((scope) => scope.length > 0)
    .map((scope) => `<li>${escapeHtml(scope)}</li>`)
    .join('');
  const users = USERS.map((user, index) => {
    const id = `user-${index}`;
    const checked = user.upn === selected.upn ? ' checked' : '';
    return `<div class="choice"><input type="radio" id="${id}" name="user" value="${escapeHtml(user.upn)}"${checked} aria-describedby="${id}-name">` +
      `<label for="${id}">${escapeHtml(user.upn)}</label><span class="hint" id="${id}-name">${escapeHtml(user.displayName)}</span></div>`;
  }).join('\n');
  return `<h1>Let this app access your info?</h1>
<form method="post" action="${escapeHtml(input.action)}">
${hidden}
<dl>
<dt>App</dt><dd>${escapeHtml(clientDisplayName(input.clientId))}<br><span class="hint">Client ID: <span data-testid="client-id">${escapeHtml(input.clientId)}</span></span></dd>
<dt>Permissions requested</dt><dd><ul aria-label="Permissions requested">${scopes}</ul></dd>
</dl>
<fieldset>
<legend>Sign in as</legend>
${users}
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="decline" class="secondary">Decline</button>
</div>
</form>`;
}

import { createHash } from 'node:crypto';
import { escapeHtml } from './html-page.js';

/**
 * Entra's `response_mode=form_post` page: hidden fields and a one-line script that submits them to
 * the app's redirect URI, with a Submit button for when scripts are off. The script is allowed by
 * its hash, so the page keeps a strict Content-Security-Policy.
 */

const SUBMIT_SCRIPT = 'document.forms[0].submit();';
const SCRIPT_HASH = createHash('sha256').update(SUBMIT_SCRIPT).digest('base64');

export interface FormPostPage {
  readonly html: string;
  readonly contentSecurityPolicy: string;
}

export function renderFormPost(redirectUri: string, parameters: Readonly<Record<string, string>>): FormPostPage {
  const fields = Object.entries(parameters)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`)
    .join('');
  const html =
    '<html><head><title>Working...</title></head><body>' +
    `<form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">${fields}` +
    '<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form>' +
    `<script>${SUBMIT_SCRIPT}</script></body></html>`;
  return {
    html,
    contentSecurityPolicy: `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; form-action http://localhost:* http://127.0.0.1:* http://[::1]:*`,
  };
}

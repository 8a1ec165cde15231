import type { ServerResponse } from 'node:http';
import { clientDisplayName, DEFAULT_USER, findUserByUpn } from '../directory/directory.js';
import type { EmulatorContext, RequestHandler } from '../emulator-context.js';
import { formField, type EmulatorRequest } from '../http/emulator-request.js';
import { sendHtml } from '../http/responses.js';
import { checkDeviceCodeAnswerable, decideDeviceCode } from './device-code-decision.js';
import { renderAccessBlockedPage } from './pages/access-blocked-page.js';
import { renderConsentForm } from './pages/consent-form.js';
import { escapeHtml, renderPage } from './pages/html-page.js';

/**
 * `/devicelogin`: the verification page of RFC 8628 §3.3.
 *
 * Step 1 asks for the code (field "Code", button "Next"); step 2 shows the app, its scopes, a user
 * picker and Approve / Decline; step 3 says what happened and that the window can be closed.
 */

export const handleDeviceLoginPage: RequestHandler = (request, response) => {
  sendHtml(response, 200, codeEntryPage(request.url.searchParams.get('otc') ?? ''));
};

export const handleDeviceLoginSubmit: RequestHandler = (request, response, context) => {
  const typed = formField(request, 'otc') ?? '';
  const grant = typed ? context.state.deviceCodes.byUserCode(typed) : undefined;
  if (!grant) {
    return sendHtml(response, 400, codeEntryPage(typed, "We don't recognize this code. Check the code and try again."));
  }
  const answerable = checkDeviceCodeAnswerable(context, grant);
  if (!answerable.ok) {
    const status = answerable.reason === 'invalid-scope' ? 400 : 410;
    return sendHtml(response, status, codeEntryPage('', answerable.message));
  }
  if (context.state.policy.blockDeviceCode) {
    // Where real Entra shows the block: in the person's browser, after the code (the poller hears nothing).
    const page = renderAccessBlockedPage({ clientId: grant.clientId, requestId: request.requestId, correlationId: request.correlationId, now: context.clock.now() });
    return sendHtml(response, 200, page);
  }
  const decision = formField(request, 'decision');
  if (decision === undefined) {
    return sendHtml(
      response,
      200,
      renderPage({
        title: 'Approve sign-in',
        body: renderConsentForm({
          action: '/devicelogin',
          clientId: grant.clientId,
          scopeRequest: grant.scopeRequest,
          hiddenFields: { otc: grant.userCode },
        }),
      }),
    );
  }
  finish(request, response, context, grant.userCode, decision === 'approve');
};

function finish(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext, userCode: string, approve: boolean): void {
  const grant = context.state.deviceCodes.byUserCode(userCode);
  if (!grant) return sendHtml(response, 400, codeEntryPage('', "We don't recognize this code. Check the code and try again."));
  const user = findUserByUpn(formField(request, 'user') ?? '') ?? DEFAULT_USER;
  const outcome = decideDeviceCode(context, grant, approve ? { approve: true, user } : { approve: false });
  if (!outcome.ok && outcome.reason === 'not-preauthorized') return sendHtml(response, 400, signInErrorPage(request.requestId, outcome.message));
  if (!outcome.ok) return sendHtml(response, 410, codeEntryPage('', outcome.message));
  const app = escapeHtml(clientDisplayName(grant.clientId));
  const body = approve
    ? `<h1>Approved</h1><p role="status">You have signed in to ${app} on your device as ${escapeHtml(user.upn)}.</p><p>You can close this window.</p>`
    : `<h1>Declined</h1><p role="status">You declined to sign in to ${app} on your device.</p><p>You can close this window.</p>`;
  sendHtml(response, 200, renderPage({ title: approve ? 'Approved' : 'Declined', body }));
}

/** Entra's error page after sign-in ("Sorry, but we're having trouble signing you in.") with the AADSTS line. */
function signInErrorPage(requestId: string, line: string): string {
  return renderPage({
    title: 'Sign-in error',
    body: `<h1>Sorry, but we're having trouble signing you in.</h1>
<p class="error" role="alert">${escapeHtml(line)}</p>
<p class="hint">Request Id: ${escapeHtml(requestId)}</p>`,
  });
}

function codeEntryPage(prefill: string, error?: string): string {
  const errorBlock = error ? `<p class="error" role="alert" id="code-error">${escapeHtml(error)}</p>` : '';
  const describedBy = error ? ' aria-describedby="code-error" aria-invalid="true"' : '';
  return renderPage({
    title: 'Enter code',
    body: `<h1>Enter code</h1>
${errorBlock}
<p>Enter the code displayed on your app or device.</p>
<form method="post" action="/devicelogin">
<label for="code">Code</label>
<input type="text" id="code" name="otc" value="${escapeHtml(prefill)}" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" required${describedBy}>
<div class="actions"><button type="submit">Next</button></div>
</form>`,
  });
}

import type { RequestHandler } from '../emulator-context.js';
import { Router } from '../http/router.js';
import { sendHtml } from '../http/responses.js';
import type { FaultTarget } from '../state/fault-store.js';
import { handleAuthorize, handleAuthorizeDecision } from './authorize-route.js';
import { handleDeviceCodeRequest } from './devicecode-route.js';
import { handleDeviceLoginPage, handleDeviceLoginSubmit } from './device-login-route.js';
import { handleInstanceDiscovery, handleKeys, handleOpenIdConfiguration } from './metadata-routes.js';
import { renderPage } from './pages/html-page.js';
import { handleTokenRequest } from './token-route.js';

/** Entra ID's URL space, each route tagged with the fault endpoint it belongs to. */

export interface EntraRoute {
  readonly endpoint: FaultTarget['endpoint'];
  readonly handle: RequestHandler;
}

const TENANT = '(?<tenant>[^/]+)';

const signedOut: RequestHandler = (_request, response) =>
  sendHtml(response, 200, renderPage({ title: 'Signed out', body: '<h1>You signed out of your account</h1><p>It\'s a good idea to close all browser windows.</p>' }));

const home: RequestHandler = (_request, response) =>
  sendHtml(
    response,
    200,
    renderPage({
      title: 'Emulator',
      body: '<h1>Delegate Entra ID emulator</h1><p>To approve a device code, open <a href="/devicelogin">the device login page</a>.</p>',
    }),
  );

export const entraRouter = new Router<EntraRoute>()
  .on('GET', /^\/$/, { endpoint: 'other', handle: home })
  .on('GET', new RegExp(`^/${TENANT}/v2\\.0/\\.well-known/openid-configuration$`), { endpoint: 'metadata', handle: handleOpenIdConfiguration })
  .on('GET', new RegExp(`^/${TENANT}/discovery/instance$`), { endpoint: 'metadata', handle: handleInstanceDiscovery })
  .on('GET', new RegExp(`^/${TENANT}/discovery/(?:v2\\.0/)?keys$`), { endpoint: 'metadata', handle: handleKeys })
  .on('POST', new RegExp(`^/${TENANT}/oauth2/v2\\.0/devicecode$`), { endpoint: 'devicecode', handle: handleDeviceCodeRequest })
  .on('POST', new RegExp(`^/${TENANT}/oauth2/v2\\.0/token$`), { endpoint: 'token', handle: handleTokenRequest })
  .on('GET', new RegExp(`^/${TENANT}/oauth2/v2\\.0/authorize$`), { endpoint: 'authorize', handle: handleAuthorize })
  .on('POST', new RegExp(`^/${TENANT}/oauth2/v2\\.0/authorize$`), { endpoint: 'authorize', handle: handleAuthorizeDecision })
  .on('GET', new RegExp(`^/${TENANT}/oauth2/v2\\.0/logout$`), { endpoint: 'other', handle: signedOut })
  .on('GET', /^\/devicelogin$/, { endpoint: 'devicelogin', handle: handleDeviceLoginPage })
  .on('POST', /^\/devicelogin$/, { endpoint: 'devicelogin', handle: handleDeviceLoginSubmit });

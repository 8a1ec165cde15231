import { z } from 'zod';
import { isValidClientIdFormat } from '../directory/directory.js';
import { presetPreauthorization } from '../directory/graph-preauthorization-defaults.js';
import type { EmulatorContext, RequestHandler } from '../emulator-context.js';
import { sendJson } from '../http/responses.js';
import type { Router } from '../http/router.js';
import { ControlError, readJson } from './control-support.js';

/**
 * Pre-authorisation in the control API: the Graph permissions a client may ask for (AADSTS65002 outside them),
 * and where a refused device-code sign-in shows the refusal. Microsoft changes these lists without notice, which
 * is what tests play by changing them after a sign-in.
 */

const putSchema = z.union([
  z.strictObject({ scopes: z.array(z.string().trim().min(1)) }),
  z.strictObject({ scopes: z.literal('any') }),
  z.strictObject({ preset: z.enum(['default', 'observed', 'any']) }),
]);
const settingsSchema = z.strictObject({ deviceCodeRefusal: z.enum(['verification-page', 'poll']) });

function clientIdOrFail(raw: string | undefined): string {
  const clientId = decodeURIComponent(raw ?? '');
  if (!isValidClientIdFormat(clientId)) throw new ControlError(400, `control API: '${clientId}' is not a client ID (a GUID)`);
  return clientId.toLowerCase();
}

function describe(context: EmulatorContext, clientId: string): { clientId: string; resource: string; scopes: readonly string[] | 'any'; overridden: boolean } {
  const preauth = context.state.preauthorization;
  return { clientId, resource: '00000003-0000-0000-c000-000000000000', scopes: preauth.graphScopes(clientId), overridden: preauth.isOverridden(clientId) };
}

const getClient: RequestHandler = (_request, response, context, params) => sendJson(response, 200, describe(context, clientIdOrFail(params.clientId)));

const putClient: RequestHandler = (request, response, context, params) => {
  const clientId = clientIdOrFail(params.clientId);
  const body = readJson(request, putSchema);
  const preauth = context.state.preauthorization;
  if ('preset' in body) {
    if (body.preset === 'default') preauth.restore(clientId);
    else preauth.set(clientId, presetPreauthorization(clientId, body.preset));
  } else {
    preauth.set(clientId, body.scopes);
  }
  sendJson(response, 200, describe(context, clientId));
};

const deleteClient: RequestHandler = (_request, response, context, params) => {
  const clientId = clientIdOrFail(params.clientId);
  context.state.preauthorization.restore(clientId);
  sendJson(response, 200, describe(context, clientId));
};

export function addPreauthorizationControlRoutes(router: Router<RequestHandler>): Router<RequestHandler> {
  return router
    .on('GET', /^\/clients\/(?<clientId>[^/]+)\/preauthorized\/?$/, getClient)
    .on('PUT', /^\/clients\/(?<clientId>[^/]+)\/preauthorized\/?$/, putClient)
    .on('DELETE', /^\/clients\/(?<clientId>[^/]+)\/preauthorized\/?$/, deleteClient)
    .on('GET', /^\/preauthorization\/?$/, (_request, response, context) => sendJson(response, 200, { deviceCodeRefusal: context.state.preauthorization.deviceCodeRefusal }))
    .on('POST', /^\/preauthorization\/?$/, (request, response, context) => {
      context.state.preauthorization.deviceCodeRefusal = readJson(request, settingsSchema).deviceCodeRefusal;
      sendJson(response, 200, { deviceCodeRefusal: context.state.preauthorization.deviceCodeRefusal });
    });
}

import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import { sendJson } from '../http/responses.js';
import { checkGraphAccessToken } from './access-token-check.js';
import { graphErrors, graphHeaders, sendGraphError } from './graph-error.js';
import type { GraphRoute } from './graph-route.js';
import { meRoute } from './routes/me.js';

/**
 * Microsoft Graph under `/graph`: finds the route, authenticates the bearer token, checks the
 * delegated scopes, runs the handler. Add endpoints to GRAPH_ROUTES.
 */

export const GRAPH_PREFIX = '/graph';

const GRAPH_ROUTES: readonly GraphRoute[] = [meRoute];

const SUCCESS_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export async function handleGraphRequest(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const path = request.path.slice(GRAPH_PREFIX.length) || '/';
  const candidates = GRAPH_ROUTES.filter((route) => route.pattern.test(path));
  if (candidates.length === 0) {
    const segment = path.split('/').filter((part) => part.length > 0).at(-1) ?? '';
    return sendGraphError(request, response, context, graphErrors.noSuchSegment(segment));
  }
  const route = candidates.find((candidate) => candidate.method === request.method);
  if (!route) return sendGraphError(request, response, context, graphErrors.methodNotAllowed());

  const check = checkGraphAccessToken(request, context);
  if (!check.ok) return sendGraphError(request, response, context, check.error);
  const allowed = route.anyOfScopes.some((scope) => check.caller.scopes.has(scope));
  if (!allowed) return sendGraphError(request, response, context, graphErrors.forbidden());

  const params = route.pattern.exec(path)?.groups ?? {};
  const result = await route.handle({ request, context, params, caller: check.caller });
  if ('error' in result) return sendGraphError(request, response, context, result.error);
  sendJson(response, result.status, result.body, { 'Content-Type': SUCCESS_CONTENT_TYPE, ...graphHeaders(request), ...result.headers });
}

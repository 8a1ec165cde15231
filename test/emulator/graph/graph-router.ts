import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest, ReadOptions } from '../http/emulator-request.js';
import { caeChallenge } from '../cae/cae-challenge.js';
import { checkGraphAccessToken } from './access-token-check.js';
import { graphErrorResponse, graphErrors, graphHeaders } from './graph-error.js';
import { ODATA_JSON, writeGraphResponse, type GraphResponse } from './graph-response.js';
import type { GraphRoute } from './graph-route.js';
import { missingScopeError, workloadForPath } from './graph-workload.js';
import { batchRoute } from './routes/batch.js';
import { FILES_ROUTES } from './routes/files/files-routes.js';
import { MAIL_ROUTES } from './routes/mail/mail-routes.js';
import { meRoute } from './routes/me.js';
import { TEAMS_ROUTES } from './routes/teams/teams-routes.js';

/**
 * Microsoft Graph under `/graph`: finds the route, authenticates the bearer token, checks the
 * delegated scopes, runs the handler. Add endpoints to GRAPH_ROUTES.
 */

export const GRAPH_PREFIX = '/graph';

const GRAPH_ROUTES: readonly GraphRoute[] = [meRoute, ...MAIL_ROUTES, ...FILES_ROUTES, ...TEAMS_ROUTES, batchRoute];

// Graph's limit for a request body (sendMail with attachments, $batch); uploads stream instead.
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

function graphPath(request: { readonly path: string }): string {
  return request.path.slice(GRAPH_PREFIX.length) || '/';
}

function findRoute(method: string, path: string): GraphRoute | undefined {
  return GRAPH_ROUTES.find((route) => route.method === method && route.pattern.test(path));
}

/** How to read a Graph request's body: streamed for uploads, else buffered up to Graph's limit. */
export function graphReadOptions(method: string, fullPath: string): ReadOptions {
  const route = findRoute(method.toUpperCase(), graphPath({ path: fullPath }));
  return route?.streamsBody ? { stream: true } : { maxBodyBytes: MAX_REQUEST_BYTES };
}

function decodeParams(groups: Record<string, string | undefined> | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups ?? {})) {
    if (value === undefined) continue;
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      params[name] = value;
    }
  }
  return params;
}

export async function executeGraphRequest(request: EmulatorRequest, context: EmulatorContext): Promise<GraphResponse> {
  const path = graphPath(request);
  const candidates = GRAPH_ROUTES.filter((route) => route.pattern.test(path));
  if (candidates.length === 0) {
    const segment = path.split('/').filter((part) => part.length > 0).at(-1) ?? '';
    return graphErrorResponse(request, context, graphErrors.noSuchSegment(segment));
  }
  const route = candidates.find((candidate) => candidate.method === request.method);
  if (!route) return graphErrorResponse(request, context, graphErrors.methodNotAllowed());

  const check = checkGraphAccessToken(request, context);
  if (!check.ok) return graphErrorResponse(request, context, check.error);
  const allowed = route.anyOfScopes.length === 0 || route.anyOfScopes.some((scope) => check.caller.scopes.has(scope));
  if (!allowed) return graphErrorResponse(request, context, missingScopeError(workloadForPath(path), route.anyOfScopes, check.caller.scopes));
  if (request.bodyTooLarge) return graphErrorResponse(request, context, graphErrors.requestTooLarge());

  const params = decodeParams(route.pattern.exec(path)?.groups);
  const result = await route.handle({ request, context, params, caller: check.caller, dispatch: (inner) => executeGraphRequest(inner, context) });
  if ('error' in result) return graphErrorResponse(request, context, result.error);
  const headers = { ...graphHeaders(request), ...result.headers };
  if ('bytes' in result) return { status: result.status, headers, body: { kind: 'bytes', bytes: result.bytes, contentType: result.contentType } };
  if (result.body === undefined) return { status: result.status, headers, body: { kind: 'none' } };
  return { status: result.status, headers: { ...headers, 'OData-Version': '4.0' }, body: { kind: 'json', value: result.body, contentType: ODATA_JSON } };
}

export async function handleGraphRequest(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  // CAE is judged once per HTTP request (a $batch as a whole), after the token itself is found valid.
  const check = checkGraphAccessToken(request, context);
  const challenge = check.ok ? caeChallenge(request, context, check.caller, graphPath(request)) : undefined;
  if (challenge) return writeGraphResponse(response, graphErrorResponse(request, context, challenge));
  writeGraphResponse(response, await executeGraphRequest(request, context));
}

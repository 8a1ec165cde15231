import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControlRequest, CONTROL_PREFIX } from './control/control-routes.js';
import type { EmulatorContext } from './emulator-context.js';
import { sendEntraError } from './entra/entra-responses.js';
import { entraRouter } from './entra/entra-router.js';
import { applyFault } from './faults/apply-fault.js';
import { GRAPH_PREFIX, graphReadOptions, handleGraphRequest } from './graph/graph-router.js';
import { formField, readEmulatorRequest, type EmulatorRequest, type ReadOptions } from './http/emulator-request.js';
import { sendJson } from './http/responses.js';
import { handleSharePointRequest, SHAREPOINT_PREFIX, SHAREPOINT_READ_OPTIONS } from './sharepoint/sharepoint-router.js';
import { normaliseGrantType, type FaultTarget } from './state/fault-store.js';
import type { RequestLogEntry } from './state/request-log.js';

/**
 * The request pipeline: read the request, log it, apply a queued fault, then route to the control
 * API, Graph, the SharePoint file host or Entra ID. Upload bodies are left unread here and stream
 * to disk in their handlers.
 */

// Control calls may carry file content as base64 (seeding a drive).
const CONTROL_READ_OPTIONS: ReadOptions = { maxBodyBytes: 256 * 1024 * 1024 };

function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

export type LogLine = (line: string) => void;

export function createRequestListener(context: EmulatorContext, log: LogLine | undefined) {
  return (message: IncomingMessage, response: ServerResponse): void => {
    handle(message, response, context, log).catch((error: unknown) => {
      log?.(`emulator: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { error: 'emulator_internal_error', error_description: String(error) });
      else response.destroy();
    });
  };
}

async function handle(message: IncomingMessage, response: ServerResponse, context: EmulatorContext, log: LogLine | undefined): Promise<void> {
  const pathname = new URL(message.url ?? '/', context.origin).pathname;
  const method = (message.method ?? 'GET').toUpperCase();
  const isControl = underPrefix(pathname, CONTROL_PREFIX);
  const isGraph = underPrefix(pathname, GRAPH_PREFIX);
  const isSharePoint = underPrefix(pathname, SHAREPOINT_PREFIX);
  const readOptions = isControl ? CONTROL_READ_OPTIONS : isGraph ? graphReadOptions(method, pathname) : isSharePoint ? SHAREPOINT_READ_OPTIONS : {};
  const request = await readEmulatorRequest(message, context.origin, readOptions);
  if (isControl) return handleControlRequest(request, response, context);

  const entraMatch = isGraph || isSharePoint ? undefined : entraRouter.match(request.method, request.path);
  const grantType = formField(request, 'grant_type');
  const target: FaultTarget = {
    endpoint: isGraph ? 'graph' : isSharePoint ? 'sharepoint' : entraMatch?.kind === 'found' ? entraMatch.handler.endpoint : 'other',
    method: request.method,
    grantType: grantType === undefined ? undefined : normaliseGrantType(grantType),
    path: isGraph ? request.path.slice(GRAPH_PREFIX.length) : isSharePoint ? request.path.slice(SHAREPOINT_PREFIX.length) : request.path,
  };
  const entry = logRequest(request, context, grantType);
  const startedMs = Date.now();
  response.on('close', () => {
    entry.status = response.headersSent ? response.statusCode : undefined;
    entry.durationMs = Date.now() - startedMs;
    log?.(`${request.method} ${request.path}${grantType ? ` (${grantType})` : ''} -> ${entry.status ?? 'connection reset'}${entry.fault ? ` [fault ${entry.fault}]` : ''}`);
  });

  const fault = context.state.faults.take(target);
  if (fault) {
    entry.fault = `#${fault.id}`;
    if ((await applyFault(fault, target, request, response, context)) === 'handled') return;
  }

  if (isGraph) return handleGraphRequest(request, response, context);
  if (isSharePoint) return handleSharePointRequest(request, response, context);
  if (!entraMatch || entraMatch.kind === 'not-found') {
    return sendJson(response, 404, { error: 'not_found', error_description: `The emulator has no endpoint ${request.path}.` });
  }
  if (entraMatch.kind === 'method-not-allowed') {
    return sendEntraError(request, response, context, {
      error: 'invalid_request',
      code: 900561,
      message: `The endpoint only accepts ${entraMatch.allowed.join(', ')} requests. Received a ${request.method} request.`,
    });
  }
  await entraMatch.handler.handle(request, response, context, entraMatch.params);
}

function logRequest(request: EmulatorRequest, context: EmulatorContext, grantType: string | undefined): RequestLogEntry {
  const entry: RequestLogEntry = {
    method: request.method,
    path: request.path,
    query: request.url.search,
    grantType,
    time: new Date().toISOString(),
    emulatorTime: context.clock.now().toISOString(),
    status: undefined,
    durationMs: undefined,
    fault: undefined,
  };
  context.state.requests.record(entry);
  return entry;
}

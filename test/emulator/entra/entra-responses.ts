import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import { sendJson, type HeaderMap } from '../http/responses.js';
import { entraErrorResponse, type EntraErrorSpec } from './entra-error.js';

/** Entra's JSON responses with the headers the real service sends on its token endpoints. */

function entraHeaders(request: EmulatorRequest): HeaderMap {
  return {
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    Expires: '-1',
    'x-ms-request-id': request.requestId,
    'x-ms-ests-server': 'delegate-emulator',
    ...(request.clientRequestId ? { 'client-request-id': request.clientRequestId } : {}),
  };
}

export function sendEntraJson(request: EmulatorRequest, response: ServerResponse, status: number, body: unknown): void {
  sendJson(response, status, body, entraHeaders(request));
}

export function sendEntraError(
  request: EmulatorRequest,
  response: ServerResponse,
  context: EmulatorContext,
  spec: EntraErrorSpec,
  extraHeaders: HeaderMap = {},
): void {
  const { status, body } = entraErrorResponse(spec, entraRequestIds(request), context.clock.now());
  sendJson(response, status, body, { ...entraHeaders(request), ...extraHeaders });
}

/** Entra's trace ID is per request; the correlation ID echoes the client's `client-request-id`. */
export function entraRequestIds(request: EmulatorRequest): { traceId: string; correlationId: string } {
  return { traceId: request.requestId, correlationId: request.correlationId };
}

import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import { sendJson, type HeaderMap } from '../http/responses.js';

/**
 * Microsoft Graph's error shape:
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`, with the
 * same IDs in the `request-id` and `client-request-id` response headers.
 */

export interface GraphErrorSpec {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Extra fields some errors carry inside innerError (throttling adds `code` and `status`). */
  readonly innerError?: Readonly<Record<string, string>>;
  readonly headers?: HeaderMap;
}

export function graphHeaders(request: EmulatorRequest): HeaderMap {
  return { 'request-id': request.requestId, 'client-request-id': request.clientRequestId ?? request.requestId };
}

/** Graph writes innerError.date without fraction or zone: `2022-03-17T16:05:41`. */
export function graphDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export function sendGraphError(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext, spec: GraphErrorSpec): void {
  sendJson(
    response,
    spec.status,
    {
      error: {
        code: spec.code,
        message: spec.message,
        innerError: {
          ...spec.innerError,
          date: graphDate(context.clock.now()),
          'request-id': request.requestId,
          'client-request-id': request.clientRequestId ?? request.requestId,
        },
      },
    },
    { ...graphHeaders(request), ...spec.headers },
  );
}

export const graphErrors = {
  unauthenticated(context: EmulatorContext, message: string): GraphErrorSpec {
    return {
      status: 401,
      code: 'InvalidAuthenticationToken',
      message,
      headers: {
        'WWW-Authenticate': `Bearer realm="", authorization_uri="${context.origin}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
      },
    };
  },

  forbidden(): GraphErrorSpec {
    return { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
  },

  noSuchSegment(segment: string): GraphErrorSpec {
    return { status: 400, code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` };
  },

  methodNotAllowed(): GraphErrorSpec {
    return { status: 405, code: 'Request_BadRequest', message: 'Specified HTTP method is not allowed for the request target.' };
  },

  /** 429 as Graph sends it: Retry-After plus innerError.code/status (from Graph's throttling guide). */
  throttled(retryAfterSeconds: number | undefined): GraphErrorSpec {
    return {
      status: 429,
      code: 'TooManyRequests',
      message: 'Please retry again later.',
      innerError: { code: '429', message: 'Please retry after', status: '429' },
      headers: retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
    };
  },

  serviceError(status: number, retryAfterSeconds: number | undefined): GraphErrorSpec {
    const byStatus: Record<number, { code: string; message: string }> = {
      500: { code: 'generalException', message: 'An unspecified error has occurred.' },
      502: { code: 'badGateway', message: 'The service is unreachable.' },
      503: { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable. Please retry after a delay.' },
      504: { code: 'timeout', message: 'The operation timed out.' },
    };
    const known = byStatus[status] ?? { code: 'UnknownError', message: 'The request failed.' };
    return { status, ...known, headers: retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) } };
  },
};

import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import type { HeaderMap } from '../http/responses.js';
import { writeGraphResponse, type GraphResponse } from './graph-response.js';

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

export function graphHeaders(request: EmulatorRequest): Record<string, string> {
  return { 'request-id': request.requestId, 'client-request-id': request.clientRequestId ?? request.requestId };
}

/** Graph writes innerError.date without fraction or zone: `2022-03-17T16:05:41`. */
export function graphDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export function graphErrorResponse(request: EmulatorRequest, context: EmulatorContext, spec: GraphErrorSpec): GraphResponse {
  const headers: Record<string, string> = { ...graphHeaders(request) };
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name] = String(value);
  return {
    status: spec.status,
    headers,
    body: {
      kind: 'json',
      contentType: 'application/json; charset=utf-8',
      value: {
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
    },
  };
}

export function sendGraphError(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext, spec: GraphErrorSpec): void {
  writeGraphResponse(response, graphErrorResponse(request, context, spec));
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

  noSuchSegment(segment: string): GraphErrorSpec {
    return { status: 400, code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` };
  },

  methodNotAllowed(): GraphErrorSpec {
    return { status: 405, code: 'Request_BadRequest', message: 'Specified HTTP method is not allowed for the request target.' };
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

  /** Graph's answer to a body it cannot parse as JSON. */
  unreadableJson(): GraphErrorSpec {
    return {
      status: 400,
      code: 'BadRequest',
      message: 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    };
  },

  /** Graph's 4 MB request limit (microsoftgraph/microsoft-graph-docs#85 has the body). */
  requestTooLarge(): GraphErrorSpec {
    return { status: 413, code: 'BadRequest', message: 'Maximum request length exceeded.' };
  },

  /** A property the target type does not have: OData's RequestBodyRead text. */
  unknownProperty(property: string, type: string): GraphErrorSpec {
    return {
      status: 400,
      code: 'RequestBodyRead',
      message: `The property '${property}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    };
  },

  badRequest(message: string, code = 'BadRequest'): GraphErrorSpec {
    return { status: 400, code, message };
  },
};

import { entraTimestamp } from './entra-time.js';

/**
 * Entra ID's error body, field for field.
 *
 * `error_description` repeats the trace and correlation IDs and the timestamp on `\r\n`-separated
 * lines, as the real service does. `error_uri`, `suberror` and `claims` appear only where Entra
 * sends them for that AADSTS code.
 */

export interface EntraErrorSpec {
  /** The OAuth error string (`invalid_grant`, `authorization_pending`, ...). */
  readonly error: string;
  readonly code: number;
  /** The AADSTS message without its `AADSTSnnnnn: ` prefix. */
  readonly message: string;
  readonly status?: number;
  readonly suberror?: string;
  readonly claims?: string;
  /** Entra leaves `error_uri` out for some codes (AADSTS70043, AADSTS65001). */
  readonly omitErrorUri?: boolean;
}

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri?: string;
  suberror?: string;
  claims?: string;
}

export interface EntraRequestIds {
  readonly traceId: string;
  readonly correlationId: string;
}

export interface EntraErrorResponse {
  readonly status: number;
  readonly body: EntraErrorBody;
}

export function entraErrorResponse(spec: EntraErrorSpec, ids: EntraRequestIds, now: Date): EntraErrorResponse {
  const timestamp = entraTimestamp(now);
  const body: EntraErrorBody = {
    error: spec.error,
    error_description:
      `AADSTS${spec.code}: ${spec.message}\r\nTrace ID: ${ids.traceId}\r\n` +
      `Correlation ID: ${ids.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [spec.code],
    timestamp,
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
  };
  if (!spec.omitErrorUri) body.error_uri = `https://login.microsoftonline.com/error?code=${spec.code}`;
  if (spec.suberror !== undefined) body.suberror = spec.suberror;
  if (spec.claims !== undefined) body.claims = spec.claims;
  return { status: spec.status ?? (spec.error === 'invalid_client' ? 401 : 400), body };
}

/** The AADSTS line alone, for pages and redirects that carry only a description. */
export function aadstsLine(spec: EntraErrorSpec): string {
  return `AADSTS${spec.code}: ${spec.message}`;
}

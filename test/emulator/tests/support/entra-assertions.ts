import { expect } from 'vitest';
import { ENTRA_TIMESTAMP, GUID, type EntraError, type RawResponse } from './emulator-client.js';

/** Checks an Entra error response field by field, the way the real service writes it. */

export interface ExpectedEntraError {
  readonly status?: number;
  readonly error: string;
  readonly code: number;
  readonly suberror?: string;
  readonly hasErrorUri?: boolean;
  readonly hasClaims?: boolean;
  readonly correlationId?: string;
}

export function expectEntraError(response: RawResponse, expected: ExpectedEntraError): EntraError {
  const body = response.json as EntraError;
  expect(response.status).toBe(expected.status ?? 400);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(body.error).toBe(expected.error);
  expect(body.error_codes).toEqual([expected.code]);
  expect(body.timestamp).toMatch(ENTRA_TIMESTAMP);
  expect(body.trace_id).toMatch(GUID);
  expect(body.correlation_id).toMatch(GUID);
  if (expected.correlationId !== undefined) expect(body.correlation_id).toBe(expected.correlationId);
  expect(response.headers['x-ms-request-id']).toBe(body.trace_id);

  const lines = body.error_description.split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(new RegExp(`^AADSTS${expected.code}: \\S`));
  expect(lines[1]).toBe(`Trace ID: ${body.trace_id}`);
  expect(lines[2]).toBe(`Correlation ID: ${body.correlation_id}`);
  expect(lines[3]).toBe(`Timestamp: ${body.timestamp}`);

  if (expected.hasErrorUri ?? true) expect(body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${expected.code}`);
  else expect(body).not.toHaveProperty('error_uri');
  if (expected.suberror !== undefined) expect(body.suberror).toBe(expected.suberror);
  else expect(body).not.toHaveProperty('suberror');
  if (expected.hasClaims) expect(typeof body.claims).toBe('string');
  else expect(body).not.toHaveProperty('claims');

  const allowedKeys = ['error', 'error_description', 'error_codes', 'timestamp', 'trace_id', 'correlation_id', 'error_uri', 'suberror', 'claims'];
  expect(Object.keys(body).filter((key) => !allowedKeys.includes(key))).toEqual([]);
  return body;
}

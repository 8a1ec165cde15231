import { expect } from 'vitest';
import { GUID, type GraphErrorBody, type RawResponse } from './emulator-client.js';

/** Asserts Graph's error shape: status, code, message, innerError date and IDs matching the headers. */
export function expectGraphError(response: RawResponse, status: number, code: string, message?: string | RegExp): GraphErrorBody {
  expect(response.status, response.text).toBe(status);
  const body = response.json as GraphErrorBody;
  expect(body.error.code).toBe(code);
  if (message !== undefined) expect(body.error.message).toMatch(message instanceof RegExp ? message : new RegExp(`^${escape(message)}$`));
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(body.error.innerError['request-id']).toMatch(GUID);
  expect(response.headers['request-id']).toBe(body.error.innerError['request-id']);
  expect(response.headers['client-request-id']).toBe(body.error.innerError['client-request-id']);
  return body;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every Graph answer carries request-id and client-request-id. */
export function expectRequestIds(response: RawResponse): void {
  expect(response.headers['request-id']).toMatch(GUID);
  expect(typeof response.headers['client-request-id']).toBe('string');
}

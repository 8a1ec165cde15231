import { z } from 'zod';
import type { EmulatorRequest } from '../http/emulator-request.js';

/** What every control route shares: its error type and reading a JSON body against a schema. */

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function readJson<T>(request: EmulatorRequest, schema: z.ZodType<T>): T {
  if (request.bodyTooLarge) throw new ControlError(413, 'control API: the body is too large');
  let parsed: unknown = {};
  if (request.body.trim().length > 0) {
    try {
      parsed = JSON.parse(request.body);
    } catch {
      throw new ControlError(400, 'control API: the body is not valid JSON');
    }
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new ControlError(400, `control API: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** A required query parameter, named in the error when missing. */
export function queryParameter(request: EmulatorRequest, name: string): string {
  const value = request.url.searchParams.get(name);
  if (value === null || value.length === 0) throw new ControlError(400, `control API: give the '${name}' query parameter`);
  return value;
}

/**
 * Entra ID answering 5xx: Microsoft's sign-in service is having trouble. Nothing about the person's sign-in
 * changed, so it is never recorded as a refusal and never sends anyone to "check the profile": it reads like a
 * network failure (code `network`, CLI exit 4), and the next try may well work.
 */
import { DelegateError } from '../errors/delegate-error.js';

/** The statuses of a service that is down or overloaded, not of a request it refused. */
export function isServiceOutage(status: number): boolean {
  return status >= 500 && status <= 599;
}

/** The error for a 5xx from `target`; `body` is Entra's answer (JSON `{error, error_description, …}` or a gateway's page). */
export function serviceOutage(target: URL, status: number, body: unknown): DelegateError {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const entra = [fields.error, firstLine(fields.error_description), fields.correlation_id ? `correlation ID ${String(fields.correlation_id)}` : undefined]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join('; ');
  return new DelegateError({
    code: 'network',
    message: `Microsoft's sign-in service (${target.host}) is having trouble (HTTP ${status}); nothing changed.`,
    action: 'Try again in a few minutes. Your sign-in is unchanged; there is nothing to fix on your side. If it lasts, check https://status.cloud.microsoft.',
    detail: entra.length > 0 ? `HTTP ${status}: ${entra}` : `HTTP ${status}`,
  });
}

function firstLine(value: unknown): string | undefined {
  return typeof value === 'string' ? value.split(/\r?\n/)[0]?.trim() : undefined;
}

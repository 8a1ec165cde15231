/**
 * Entra's own answer to the last refused token-endpoint request, kept as Entra sent it.
 *
 * msal-node reduces some answers before Delegate sees them: its device code poller turns any error but
 * `authorization_pending` into `post_request_failed` with only the bare `error` string, so the AADSTS number,
 * suberror and trace/correlation IDs are lost. The network client hands every answer to a recorder; the error
 * mapping reads the AADSTS number from it, and the metadata keeps it (`lastAuthError.entra`) for support.
 * Only the error fields are kept — never a token, never the request.
 */
import * as z from 'zod/mini';

export interface EntraAnswer {
  /** The request's path (`/organizations/oauth2/v2.0/token`), no query. */
  endpoint: string;
  status: number;
  error: string;
  errorCodes: number[];
  suberror?: string;
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
  /** The first line of `error_description` ("AADSTS530036: The refresh token is invalid …"). */
  description?: string;
}

function buildEntraAnswerSchema() {
  return z.object({
    endpoint: z.string(),
    status: z.number(),
    error: z.string(),
    errorCodes: z.array(z.number()),
    suberror: z.optional(z.string()),
    traceId: z.optional(z.string()),
    correlationId: z.optional(z.string()),
    timestamp: z.optional(z.string()),
    description: z.optional(z.string()),
  });
}

let built: ReturnType<typeof buildEntraAnswerSchema> | undefined;

/**
 * Built on first use, not at load: only profile-metadata.ts's schema needs it, and that one is itself built only
 * for a meta.json that metadata-quick-read.ts is not sure of (constructing zod schemas costs milliseconds).
 */
export function entraAnswerSchema(): ReturnType<typeof buildEntraAnswerSchema> {
  built ??= buildEntraAnswerSchema();
  return built;
}

/** Long enough for any Entra sentence; a hostile server's megabyte of text is cut. */
const MAX_TEXT = 500;

/** Entra's error body as an EntraAnswer, or undefined when the body is not one (a success, HTML, a stranger). */
export function readEntraAnswer(url: URL, status: number, body: unknown): EntraAnswer | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  if (typeof fields.error !== 'string') return undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value.slice(0, MAX_TEXT) : undefined);
  const codes = Array.isArray(fields.error_codes) ? fields.error_codes.filter((code): code is number => Number.isInteger(code)).slice(0, 10) : [];
  const description = text(typeof fields.error_description === 'string' ? fields.error_description.split(/\r?\n/)[0]?.trim() : undefined);
  const answer: EntraAnswer = { endpoint: url.pathname.slice(0, MAX_TEXT), status, error: fields.error.slice(0, MAX_TEXT), errorCodes: codes };
  const optional: Array<[keyof EntraAnswer, string | undefined]> = [
    ['suberror', text(fields.suberror)],
    ['traceId', text(fields.trace_id)],
    ['correlationId', text(fields.correlation_id)],
    ['timestamp', text(fields.timestamp)],
    ['description', description],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(answer, { [key]: value });
  return answer;
}

/** The AADSTS number of an answer: `error_codes[0]`, else the one its description starts with. */
export function aadstsOf(answer: EntraAnswer | undefined): number | undefined {
  if (!answer) return undefined;
  if (answer.errorCodes[0] !== undefined) return answer.errorCodes[0];
  const fromText = /^AADSTS(\d+)/.exec(answer.description ?? '')?.[1];
  return fromText === undefined ? undefined : Number(fromText);
}

/** Holds the last error answer of one msal application's requests; a success clears it. */
export class EntraAnswerRecorder {
  last: EntraAnswer | undefined;

  record(url: URL, status: number, body: unknown): void {
    if (!url.pathname.endsWith('/token') && !url.pathname.endsWith('/devicecode')) return;
    const answer = readEntraAnswer(url, status, body);
    if (answer || (status >= 200 && status < 300)) this.last = answer;
  }
}

/**
 * The recorded answer when it is the one behind msal's error: msal names the same `error`, or its device code
 * poller reduced it to `post_request_failed` with the bare `error` string in the message.
 */
export function answerBehind(error: { errorCode?: string; errorMessage?: string; message?: string }, answer: EntraAnswer | undefined): EntraAnswer | undefined {
  if (!answer) return undefined;
  if (error.errorCode === answer.error) return answer;
  const text = `${error.errorMessage ?? ''} ${error.message ?? ''}`;
  return error.errorCode === 'post_request_failed' && text.includes(answer.error) ? answer : undefined;
}

/**
 * Microsoft Graph said no: the HTTP status, Graph's own `error.code` and message, and the `request-id`
 * Microsoft support asks for, in a message a person can act on.
 *
 * Graph's error body is `{"error":{"code","message","innerError":{"request-id","client-request-id","date"}}}`;
 * the IDs are also response headers. The header wins because some gateways (and pre-authenticated download
 * hosts) answer with a body that is not Graph's. Nothing here ever holds a token or a pre-authenticated URL.
 */
import type { ErrorData } from '../../../shared/errors.js';
import type { RunError } from '../../../shared/models/job-run.js';

export interface GraphErrorInit {
  status: number;
  /** Graph's `error.code`, or `graph-error` when the body had none. */
  code: string;
  /** What Graph said, verbatim (trimmed). */
  graphMessage: string;
  /** Delegate's sentence for the person: what failed, in plain words. */
  message: string;
  action: string;
  requestId?: string;
  clientRequestId?: string;
  throttled?: boolean;
  retryAfterSeconds?: number;
  /** How many times the request was sent before giving up. */
  attempts?: number;
}

/** Graph's message can be long (stack-like detail on 500s); the history needs the gist. */
const MAX_GRAPH_MESSAGE = 500;

export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly graphMessage: string;
  readonly action: string;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly throttled: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: number;

  constructor(init: GraphErrorInit) {
    super(init.message);
    this.name = 'GraphError';
    this.status = init.status;
    this.code = init.code;
    this.graphMessage = init.graphMessage;
    this.action = init.action;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.throttled = init.throttled ?? false;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attempts = init.attempts ?? 1;
  }

  /**
   * The error for a non-success answer.
   * @param what the request in words, e.g. `GET /me/drive/root:/Reports` (never a URL with a query).
   */
  static fromResponse(what: string, status: number, headers: Record<string, string>, body: unknown): GraphError {
    const error = graphErrorBody(body);
    const code = error.code ?? 'graph-error';
    const graphMessage = (error.message ?? (typeof body === 'string' ? body : '')).trim().slice(0, MAX_GRAPH_MESSAGE);
    const requestId = headers['request-id'] ?? error.requestId;
    const clientRequestId = headers['client-request-id'] ?? error.clientRequestId;
    const graphSays = `HTTP ${status}${error.code ? ` ${error.code}` : ''}${graphMessage ? `: ${graphMessage}` : ''}`;
    return new GraphError({
      status,
      code,
      graphMessage,
      message: `Microsoft Graph refused ${what} (${graphSays}).`,
      action: actionFor(status),
      ...(requestId !== undefined ? { requestId } : {}),
      ...(clientRequestId !== undefined ? { clientRequestId } : {}),
    });
  }

  /** Retries ran out while Graph was still throttling or unavailable. */
  static gaveUp(what: string, last: GraphError, attempts: number, throttled: boolean, retryAfterSeconds: number | undefined): GraphError {
    const asked = retryAfterSeconds === undefined ? '' : `; it asked to wait ${retryAfterSeconds} s`;
    const status = `HTTP ${last.status}${last.code !== 'graph-error' ? ` ${last.code}` : ''}`;
    const message = throttled
      ? `Microsoft Graph kept throttling ${what} (${status}) after ${attempts} attempts${asked}. Try later or lower how often the job runs.`
      : `Microsoft Graph was unavailable for ${what} (${status}) after ${attempts} attempts${asked}. Try again later.`;
    return new GraphError({
      ...last.init(),
      message,
      action: throttled ? 'Try later or lower how often the job runs.' : 'Try again later; if it lasts, check the Microsoft 365 service health page.',
      throttled,
      attempts,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }

  /** Graph asked for a wait longer than Delegate will sit through within one run. */
  static waitTooLong(what: string, last: GraphError, attempts: number, retryAfterSeconds: number, capSeconds: number): GraphError {
    const status = `HTTP ${last.status}${last.code !== 'graph-error' ? ` ${last.code}` : ''}`;
    return new GraphError({
      ...last.init(),
      message: `Microsoft Graph is throttling ${what} (${status}) and asked to wait ${retryAfterSeconds} s, longer than Delegate waits within a run (${capSeconds} s). Try later or lower how often the job runs.`,
      action: 'Try later or lower how often the job runs.',
      throttled: true,
      attempts,
      retryAfterSeconds,
    });
  }

  /** For the run history. Throttling gets Delegate's code so the app can say it plainly; else Graph's code. */
  toRunError(): RunError {
    const runError: RunError = {
      code: this.throttled ? 'graph-throttled' : this.code,
      message: this.message,
      action: this.action,
      httpStatus: this.status,
    };
    if (this.requestId !== undefined) runError.graphRequestId = this.requestId;
    if (this.clientRequestId !== undefined) runError.graphClientRequestId = this.clientRequestId;
    return runError;
  }

  /** For IPC and the CLI's --json, whose codes are Delegate's own; Graph's code and IDs go in the detail. */
  toData(): ErrorData {
    const ids = [`Graph code ${this.code}`, `HTTP ${this.status}`];
    if (this.requestId !== undefined) ids.push(`request-id ${this.requestId}`);
    if (this.clientRequestId !== undefined) ids.push(`client-request-id ${this.clientRequestId}`);
    return { code: this.throttled ? 'graph-throttled' : 'graph-error', message: this.message, action: this.action, detail: ids.join(', ') };
  }

  private init(): GraphErrorInit {
    const init: GraphErrorInit = { status: this.status, code: this.code, graphMessage: this.graphMessage, message: this.message, action: this.action };
    if (this.requestId !== undefined) init.requestId = this.requestId;
    if (this.clientRequestId !== undefined) init.clientRequestId = this.clientRequestId;
    return init;
  }
}

export function isGraphError(error: unknown): error is GraphError {
  return error instanceof GraphError;
}

interface GraphErrorFields {
  code?: string;
  message?: string;
  requestId?: string;
  clientRequestId?: string;
}

/** Graph's error object; `innerError` is spelled `innererror` by some workloads (SharePoint, Excel). */
function graphErrorBody(body: unknown): GraphErrorFields {
  const error = field(body, 'error');
  if (typeof error !== 'object' || error === null) return {};
  const inner = field(error, 'innerError') ?? field(error, 'innererror');
  const fields: GraphErrorFields = {};
  const code = field(error, 'code');
  const message = field(error, 'message');
  const requestId = field(inner, 'request-id');
  const clientRequestId = field(inner, 'client-request-id');
  if (typeof code === 'string' && code.length > 0) fields.code = code;
  if (typeof message === 'string') fields.message = message;
  if (typeof requestId === 'string') fields.requestId = requestId;
  if (typeof clientRequestId === 'string') fields.clientRequestId = clientRequestId;
  return fields;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function actionFor(status: number): string {
  if (status === 400) return 'Check the path, query and body of the request against the Microsoft Graph reference.';
  if (status === 401) return 'Sign in again (delegate login); if it keeps failing, the profile may point at the wrong cloud.';
  if (status === 403) return "Ask for access to the item, or add the missing permission to the profile's scopes and sign in again.";
  if (status === 404) return 'Check that the site, drive, folder or file exists and that your account can see it.';
  if (status === 409) return 'An item with that name already exists or changed meanwhile: choose another conflict behaviour, or retry.';
  if (status === 413) return 'The request is too large for Microsoft Graph (a message over about 4 MB with its body and attachments, or a file over the simple upload limit): make it smaller, or upload big files with a files.upload job and send a link.';
  if (status === 507) return 'The mailbox or drive is full: free up space there or ask for a larger quota.';
  if (status === 423) return 'The item is locked (checked out or open for editing): try again when it is released.';
  if (status >= 500) return 'Microsoft Graph had a problem: try again later, and quote the request-id to Microsoft support if it lasts.';
  return 'Check the request; quote the request-id to Microsoft support if you need help.';
}

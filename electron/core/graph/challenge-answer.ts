/**
 * Answering a Continuous Access Evaluation claims challenge, and the errors when that cannot be done.
 *
 * Graph answers a revoked or outdated CAE token with 401 and a claims challenge before doing any work, so the
 * request is resent once with a token redeemed for those claims — a POST included (nothing was carried out).
 * A second challenge for the same request is not answered again (as Azure SDKs do): it ends the request with an
 * error that says so. When Entra ID refuses to issue the new token (revoked, MFA, policy), the sign-in error is
 * kept (its code decides that the run is `skipped`) and names the challenge that led to it.
 */
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { GraphError } from './graph-error.js';
import type { TokenSource } from './graph-exchange.js';
import type { IncomingResponse } from '../net/http-transport.js';
import { parseBody, readErrorBody } from './response-body.js';

/** The 401 that carried the challenge, read as a GraphError (Graph's message names the CAE reason). */
export async function challengeRefusal(what: string, response: IncomingResponse): Promise<GraphError> {
  const body = parseBody(await readErrorBody(response), response.headers['content-type']);
  return GraphError.fromResponse(what, response.status, response.headers, body);
}

export async function answerChallenge(getToken: TokenSource, claims: string, what: string): Promise<string> {
  try {
    return await getToken({ claims });
  } catch (error) {
    if (!isDelegateError(error)) throw error;
    const data = error.toData();
    throw new DelegateError(
      { ...data, message: `Microsoft Graph refused the access token for ${what} (Continuous Access Evaluation) and Entra ID would not issue a new one. ${data.message}` },
      { cause: error },
    );
  }
}

export function challengeLoop(what: string, refusal: GraphError): GraphError {
  return new GraphError({
    status: refusal.status,
    code: refusal.code,
    graphMessage: refusal.graphMessage,
    message: `Microsoft Graph challenged the access token for ${what} again right after Delegate answered its Continuous Access Evaluation claims challenge with a new token (HTTP ${refusal.status}${refusal.graphMessage ? `: ${refusal.graphMessage}` : ''}). Delegate answers one challenge per request, so it stopped here; nothing was carried out.`,
    action: 'Try again later. If it keeps happening, sign in again (`delegate login`) and report it with the request ID.',
    ...(refusal.requestId !== undefined ? { requestId: refusal.requestId } : {}),
    ...(refusal.clientRequestId !== undefined ? { clientRequestId: refusal.clientRequestId } : {}),
    attempts: 2,
  });
}

export function unreadableChallenge(what: string, refusal: GraphError, reason: string): GraphError {
  return new GraphError({
    status: refusal.status,
    code: refusal.code,
    graphMessage: refusal.graphMessage,
    message: `Microsoft Graph refused the access token for ${what} with a Continuous Access Evaluation claims challenge Delegate cannot read (${reason}), and a new token did not help (HTTP ${refusal.status}${refusal.graphMessage ? `: ${refusal.graphMessage}` : ''}). Nothing was carried out.`,
    action: 'Try again later. If it keeps happening, something between you and Microsoft Graph (a proxy or gateway) may be altering its answers; report it with the request ID.',
    ...(refusal.requestId !== undefined ? { requestId: refusal.requestId } : {}),
    ...(refusal.clientRequestId !== undefined ? { clientRequestId: refusal.clientRequestId } : {}),
    attempts: 2,
  });
}

import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import type { GraphCaller } from '../graph/access-token-check.js';
import type { GraphErrorSpec } from '../graph/graph-error.js';

/**
 * Graph's side of Continuous Access Evaluation: a CAE token (`xms_cc` cp1) issued before the user's
 * revocation (`POST /_control/users/{upn}/revoke`, Entra's TokensValidFrom) is refused at once with a claims
 * challenge, instead of being honoured until it expires; so is one when a challenge is queued
 * (`POST /_control/cae/challenges`). A token without cp1 is never challenged: Graph honours it until `exp`,
 * as it does for clients that did not declare they can answer ("to use CAE, both the service and the client must
 * be CAE-capable": entra-docs, architecture/resilience-with-continuous-access-evaluation.md).
 *
 * The answer is what Graph sends (capture in microsoftgraph/msgraph-sdk-dotnet#1416, text in
 * msgraph-sdk-powershell#1741): 401 `InvalidAuthenticationToken`, "Continuous access evaluation resulted in
 * challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp", and
 * `WWW-Authenticate: Bearer realm="", authorization_uri="…", client_id="00000003-…", error="insufficient_claims",
 * claims="<base64 of {"access_token":{"nbf":{"essential":true, "value":"<epoch>"}}}>"` (standard base64, padded).
 */

export function caeChallenge(request: EmulatorRequest, context: EmulatorContext, caller: GraphCaller, graphPath: string): GraphErrorSpec | undefined {
  if (!caller.capabilities.includes('cp1')) return undefined;
  const validFrom = context.state.tokensValidFrom.get(caller.user.oid);
  // Whole seconds, as tokens carry them: a token minted in the second of the revocation is not refused.
  if (validFrom && Math.floor(caller.issuedAt.getTime() / 1000) < Math.floor(validFrom.getTime() / 1000)) {
    return challengeSpec(context, 'TokenIssuedBeforeRevocationTimestamp', nbfClaims(validFrom));
  }
  const queued = context.state.caeChallenges.take(request.method, graphPath);
  if (queued) return challengeSpec(context, queued.reason, queued.claims ?? nbfClaims(context.clock.now()));
  return undefined;
}

/** Graph's spelling, space after the comma included. */
function nbfClaims(notBefore: Date): string {
  const json = `{"access_token":{"nbf":{"essential":true, "value":"${Math.floor(notBefore.getTime() / 1000)}"}}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

function challengeSpec(context: EmulatorContext, reason: string, claims: string): GraphErrorSpec {
  const description = `Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: ${reason}`;
  return {
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: `Continuous access evaluation resulted in challenge with result: InteractionRequired and code: ${reason}`,
    headers: {
      'WWW-Authenticate': `Bearer realm="", authorization_uri="${context.origin}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${claims}", errorDescription="${description}"`,
    },
  };
}

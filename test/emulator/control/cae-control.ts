import { z } from 'zod';
import type { RequestHandler } from '../emulator-context.js';
import { sendJson } from '../http/responses.js';
import type { Router } from '../http/router.js';
import { caeChallengeSpecSchema } from '../state/cae-challenge-store.js';
import { readJson } from './control-support.js';

/**
 * CAE in the control API: queue claims challenges for CAE clients (a critical event that is not a
 * revocation), list and clear them. Revocation itself is `POST /users/{upn}/revoke`.
 */

const addChallenges: RequestHandler = (request, response, context) => {
  const specs = readJson(request, z.union([caeChallengeSpecSchema, z.array(caeChallengeSpecSchema)]));
  const added = (Array.isArray(specs) ? specs : [specs]).map((spec) => context.state.caeChallenges.add(spec));
  sendJson(response, 201, { added, remaining: context.state.caeChallenges.remaining() });
};

export function addCaeControlRoutes(router: Router<RequestHandler>): void {
  router
    .on('POST', /^\/cae\/challenges\/?$/, addChallenges)
    .on('GET', /^\/cae\/challenges\/?$/, (_request, response, context) => sendJson(response, 200, context.state.caeChallenges.remaining()))
    .on('DELETE', /^\/cae\/challenges\/?$/, (_request, response, context) => {
      context.state.caeChallenges.clear();
      sendJson(response, 200, []);
    });
}

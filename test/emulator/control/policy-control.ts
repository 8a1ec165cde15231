/**
 * `GET/POST /_control/policy`: the tenant's Conditional Access authentication-flows policy
 * (policy/conditional-access-policy.ts). `POST` takes any subset of the switches and answers with the whole policy.
 */
import type { RequestHandler } from '../emulator-context.js';
import { sendJson } from '../http/responses.js';
import type { Router } from '../http/router.js';
import { policyUpdateSchema, updatePolicy } from '../policy/conditional-access-policy.js';
import { readJson } from './control-support.js';

const setPolicy: RequestHandler = (request, response, context) => {
  context.state.policy = updatePolicy(context.state.policy, readJson(request, policyUpdateSchema));
  sendJson(response, 200, context.state.policy);
};

export function addPolicyControlRoutes(router: Router<RequestHandler>): void {
  router
    .on('GET', /^\/policy\/?$/, (_request, response, context) => sendJson(response, 200, context.state.policy))
    .on('POST', /^\/policy\/?$/, setPolicy);
}

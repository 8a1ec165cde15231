import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { DEFAULT_USER, findUserByUpn, USERS } from '../directory/directory.js';
import type { EmulatorContext, RequestHandler } from '../emulator-context.js';
import { decideDeviceCode } from '../entra/device-code-decision.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import { sendJson } from '../http/responses.js';
import { Router } from '../http/router.js';
import { faultSpecSchema } from '../state/fault-store.js';
import { ControlError, readJson } from './control-support.js';
import { addCaeControlRoutes } from './cae-control.js';
import { addFilesControlRoutes } from './files-control.js';
import { addMailControlRoutes } from './mail-control.js';
import { addPreauthorizationControlRoutes } from './preauthorization-control.js';
import { addPolicyControlRoutes } from './policy-control.js';
import { addTeamsControlRoutes } from './teams-control.js';

/**
 * The control API at `/_control`: lets tests and the README demo play the person (approve a code),
 * the administrator (revoke a user), the weather (faults, the clock) and the outside world (mail
 * arriving, files appearing), and read back what a client did (mail sent, Teams posts, files
 * stored). JSON in, JSON out; see README.md for every route.
 */

export const CONTROL_PREFIX = '/_control';

const approveSchema = z.strictObject({ user: z.string().optional() });
const advanceSchema = z
  .strictObject({
    days: z.number().optional(),
    hours: z.number().optional(),
    minutes: z.number().optional(),
    seconds: z.number().optional(),
    milliseconds: z.number().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give days, hours, minutes, seconds or milliseconds' });
const setClockSchema = z.strictObject({ now: z.iso.datetime({ offset: true }) });
const autoApproveSchema = z.union([
  z.strictObject({ user: z.string() }),
  z.strictObject({ decline: z.literal(true) }),
  z.strictObject({ off: z.literal(true) }),
]);
const settingsSchema = z.strictObject({
  deviceCodeIntervalSeconds: z.number().int().min(0).max(60).optional(),
  deviceCodeExpiresInSeconds: z.number().int().min(1).max(3600).optional(),
  simpleUploadMaxBytes: z.number().int().min(0).optional(),
  accessTokenLifetimeSeconds: z.number().int().min(1).max(86_400).nullable().optional(),
});

function userOrFail(upn: string): (typeof USERS)[number] {
  const user = findUserByUpn(upn);
  if (!user) throw new ControlError(404, `control API: no user '${upn}'; known users: ${USERS.map((known) => known.upn).join(', ')}`);
  return user;
}

function clockBody(context: EmulatorContext): { now: string } {
  return { now: context.clock.now().toISOString() };
}

const listDeviceCodes: RequestHandler = (_request, response, context) => {
  const now = context.clock.now().getTime();
  const pending = context.state.deviceCodes
    .all()
    .filter((grant) => grant.status === 'pending' && grant.expiresAt.getTime() > now)
    .map((grant) => ({
      userCode: grant.userCode,
      clientId: grant.clientId,
      scopes: grant.scopeRequest.raw.split(/\s+/).filter((scope) => scope.length > 0),
      expiresAt: grant.expiresAt.toISOString(),
      interval: grant.intervalSeconds,
    }));
  sendJson(response, 200, pending);
};

function answerDeviceCode(approve: boolean): RequestHandler {
  return (request, response, context, params) => {
    const grant = context.state.deviceCodes.byUserCode(params.userCode ?? '');
    if (!grant) throw new ControlError(404, `control API: no device code with user code '${params.userCode ?? ''}'`);
    const { user: upn } = readJson(request, approveSchema);
    const user = upn === undefined ? DEFAULT_USER : userOrFail(upn);
    const outcome = decideDeviceCode(context, grant, approve ? { approve: true, user } : { approve: false });
    if (!outcome.ok) throw new ControlError(409, `control API: ${outcome.message}`);
    sendJson(response, 200, { userCode: grant.userCode, status: grant.status, user: approve ? user.upn : undefined });
  };
}

const advanceClock: RequestHandler = (request, response, context) => {
  const body = readJson(request, advanceSchema);
  const milliseconds =
    (body.days ?? 0) * 86_400_000 +
    (body.hours ?? 0) * 3_600_000 +
    (body.minutes ?? 0) * 60_000 +
    (body.seconds ?? 0) * 1000 +
    (body.milliseconds ?? 0);
  context.clock.advance(milliseconds);
  sendJson(response, 200, clockBody(context));
};

const setClock: RequestHandler = (request, response, context) => {
  context.clock.set(new Date(readJson(request, setClockSchema).now));
  sendJson(response, 200, clockBody(context));
};

const revokeUser: RequestHandler = (_request, response, context, params) => {
  const user = userOrFail(params.upn ?? '');
  const now = context.clock.now();
  context.state.tokensValidFrom.set(user.oid, now);
  sendJson(response, 200, { user: user.upn, tokensValidFrom: now.toISOString() });
};

const addFaults: RequestHandler = (request, response, context) => {
  const specs = readJson(request, z.union([faultSpecSchema, z.array(faultSpecSchema)]));
  const added = (Array.isArray(specs) ? specs : [specs]).map((spec) => context.state.faults.add(spec));
  sendJson(response, 201, { added, remaining: context.state.faults.remaining() });
};

const setAutoApproval: RequestHandler = (request, response, context) => {
  const body = readJson(request, autoApproveSchema);
  if ('user' in body) context.state.autoApproval = { mode: 'approve', userOid: userOrFail(body.user).oid };
  else if ('decline' in body) context.state.autoApproval = { mode: 'decline' };
  else context.state.autoApproval = { mode: 'off' };
  sendJson(response, 200, { autoApproval: context.state.autoApproval });
};

const updateSettings: RequestHandler = (request, response, context) => {
  const body = readJson(request, settingsSchema);
  context.state.settings = {
    deviceCodeIntervalSeconds: body.deviceCodeIntervalSeconds ?? context.state.settings.deviceCodeIntervalSeconds,
    deviceCodeExpiresInSeconds: body.deviceCodeExpiresInSeconds ?? context.state.settings.deviceCodeExpiresInSeconds,
    simpleUploadMaxBytes: body.simpleUploadMaxBytes ?? context.state.settings.simpleUploadMaxBytes,
    accessTokenLifetimeSeconds: body.accessTokenLifetimeSeconds === undefined ? context.state.settings.accessTokenLifetimeSeconds : body.accessTokenLifetimeSeconds,
  };
  sendJson(response, 200, context.state.settings);
};

const graphRequests: RequestHandler = (_request, response, context) => {
  const served = context.state.requests.all().filter((entry) => entry.path.startsWith('/graph/') || entry.path.startsWith('/sharepoint/'));
  sendJson(response, 200, served);
};

const router = new Router<RequestHandler>()
  .on('GET', /^\/device-codes\/?$/, listDeviceCodes)
  .on('POST', /^\/device-codes\/(?<userCode>[^/]+)\/approve\/?$/, answerDeviceCode(true))
  .on('POST', /^\/device-codes\/(?<userCode>[^/]+)\/decline\/?$/, answerDeviceCode(false))
  .on('GET', /^\/clock\/?$/, (_request, response, context) => sendJson(response, 200, clockBody(context)))
  .on('POST', /^\/clock\/advance\/?$/, advanceClock)
  .on('POST', /^\/clock\/set\/?$/, setClock)
  .on('GET', /^\/users\/?$/, (_request, response) => sendJson(response, 200, USERS.map(({ upn, oid, displayName }) => ({ upn, oid, displayName }))))
  .on('POST', /^\/users\/(?<upn>[^/]+)\/revoke\/?$/, revokeUser)
  .on('POST', /^\/faults\/?$/, addFaults)
  .on('GET', /^\/faults\/?$/, (_request, response, context) => sendJson(response, 200, context.state.faults.remaining()))
  .on('DELETE', /^\/faults\/?$/, (_request, response, context) => {
    context.state.faults.clear();
    sendJson(response, 200, []);
  })
  .on('GET', /^\/issued\/?$/, (_request, response, context) => sendJson(response, 200, context.state.issued.all()))
  .on('GET', /^\/requests\/?$/, (_request, response, context) => sendJson(response, 200, context.state.requests.all()))
  .on('DELETE', /^\/requests\/?$/, (_request, response, context) => {
    context.state.requests.clear();
    sendJson(response, 200, []);
  })
  .on('POST', /^\/authorize\/auto-approve\/?$/, setAutoApproval)
  .on('GET', /^\/settings\/?$/, (_request, response, context) => sendJson(response, 200, context.state.settings))
  .on('POST', /^\/settings\/?$/, updateSettings)
  .on('GET', /^\/graph\/requests\/?$/, graphRequests)
  .on('POST', /^\/reset\/?$/, async (_request, response, context) => {
    await context.state.reset(context.clock.now());
    sendJson(response, 200, { reset: true, ...clockBody(context) });
  });
addMailControlRoutes(router);
addFilesControlRoutes(router);
addTeamsControlRoutes(router);
addPreauthorizationControlRoutes(router);
addPolicyControlRoutes(router);
addCaeControlRoutes(router);

export async function handleControlRequest(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const path = request.path.slice(CONTROL_PREFIX.length) || '/';
  const match = router.match(request.method, path);
  try {
    if (match.kind === 'not-found') throw new ControlError(404, `control API: no route ${request.method} ${path}`);
    if (match.kind === 'method-not-allowed') {
      throw new ControlError(405, `control API: ${request.method} not allowed on ${path}; use ${match.allowed.join(', ')}`);
    }
    await match.handler(request, response, context, match.params);
  } catch (error) {
    if (!(error instanceof ControlError)) throw error;
    sendJson(response, error.status, { error: error.message });
  }
}

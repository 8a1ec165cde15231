import { z } from 'zod';

/**
 * Faults queued through the control API: the next N matching requests fail the way asked.
 *
 * A fault may delay, reset the connection, answer with an Entra AADSTS error, an OAuth error string
 * or a bare HTTP status (with Retry-After). A delay alone lets the request through afterwards.
 * `resetAfter` carries the request out and then drops the connection without an answer: the case where the
 * client cannot know whether its POST took effect. `replaceBody` carries the request out and answers with its
 * real status and headers but this text as the body: a proxy or gateway that mangles a success.
 */

/** `sharepoint`: the pre-authenticated download and upload-session URLs Graph hands out. */
export const FAULT_ENDPOINTS = ['token', 'devicecode', 'authorize', 'metadata', 'devicelogin', 'graph', 'sharepoint', 'any'] as const;
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];

export const faultSpecSchema = z
  .strictObject({
    endpoint: z.enum(FAULT_ENDPOINTS).default('any'),
    grantType: z.string().min(1).optional(),
    method: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    pathPrefix: z.string().min(1).optional(),
    pathRegex: z
      .string()
      .min(1)
      .refine((pattern) => isRegex(pattern), { message: 'pathRegex is not a valid regular expression' })
      .optional(),
    aadsts: z.number().int().positive().optional(),
    variant: z.string().min(1).optional(),
    suberror: z.string().min(1).nullable().optional(),
    error: z.string().min(1).optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfter: z.number().nonnegative().optional(),
    delayMs: z.number().int().nonnegative().max(600_000).optional(),
    reset: z.boolean().optional(),
    resetAfter: z.boolean().optional(),
    replaceBody: z.string().max(1_000_000).optional(),
    count: z.number().int().positive().default(1),
  })
  .refine(
    (spec) =>
      spec.aadsts !== undefined ||
      spec.error !== undefined ||
      spec.status !== undefined ||
      spec.delayMs !== undefined ||
      spec.reset === true ||
      spec.resetAfter === true ||
      spec.replaceBody !== undefined,
    { message: 'a fault needs at least one of aadsts, error, status, delayMs, reset, resetAfter or replaceBody' },
  )
  .refine((spec) => !(spec.aadsts !== undefined && CA_BLOCKS.has(spec.aadsts) && spec.grantType !== undefined && DEVICE_CODE_GRANTS.has(spec.grantType)), {
    message:
      'real Entra never answers the device code poll with a Conditional Access block (the browser shows it, the poll stays ' +
      'authorization_pending until the code expires): use POST /_control/policy {"blockDeviceCode": true}',
  });

/** Conditional Access blocks Entra shows in the browser during a device code sign-in, never at the poll. */
const CA_BLOCKS = new Set([53003, 530033]);
const DEVICE_CODE_GRANTS = new Set(['device_code', 'urn:ietf:params:oauth:grant-type:device_code']);

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface QueuedFault extends FaultSpec {
  readonly id: number;
}

export interface FaultTarget {
  readonly endpoint: Exclude<FaultEndpoint, 'any'> | 'other';
  readonly method: string;
  readonly grantType: string | undefined;
  /** For Graph, the path after `/graph` (`/v1.0/me`); for SharePoint URLs, the path after `/sharepoint`. */
  readonly path: string;
}

const GRANT_TYPE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['device_code', 'urn:ietf:params:oauth:grant-type:device_code'],
  ['devicecode', 'urn:ietf:params:oauth:grant-type:device_code'],
]);

export function normaliseGrantType(grantType: string): string {
  return GRANT_TYPE_ALIASES.get(grantType.toLowerCase()) ?? grantType;
}

export class FaultStore {
  private queue: QueuedFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): QueuedFault {
    const fault: QueuedFault = {
      ...spec,
      ...(spec.method === undefined ? {} : { method: spec.method.toUpperCase() }),
      ...(spec.grantType === undefined ? {} : { grantType: normaliseGrantType(spec.grantType) }),
      id: this.nextId++,
    };
    this.queue.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault matching the request, if any. */
  take(target: FaultTarget): QueuedFault | undefined {
    const fault = this.queue.find((candidate) => matches(candidate, target));
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.queue = this.queue.filter((candidate) => candidate !== fault);
    return { ...fault };
  }

  remaining(): readonly QueuedFault[] {
    return this.queue;
  }

  clear(): void {
    this.queue = [];
  }
}

function matches(fault: QueuedFault, target: FaultTarget): boolean {
  if (fault.endpoint !== 'any' && fault.endpoint !== target.endpoint) return false;
  if (fault.grantType !== undefined && fault.grantType !== target.grantType) return false;
  if (fault.method !== undefined && fault.method !== target.method.toUpperCase()) return false;
  if (fault.path !== undefined && !target.path.includes(fault.path)) return false;
  if (fault.pathPrefix !== undefined && !target.path.startsWith(fault.pathPrefix)) return false;
  if (fault.pathRegex !== undefined && !new RegExp(fault.pathRegex).test(target.path)) return false;
  return true;
}

import { z } from 'zod';

/**
 * Claims challenges queued through the control API, for CAE clients only: the next N matching Graph requests
 * made with a CAE token are answered 401 `insufficient_claims`, whatever the token's age — a critical event
 * that is not a revocation (a location or policy change: Entra then issues a new token to the same session).
 * `claims` replaces the challenge's base64 payload, to play a service that sends one a client cannot read.
 */

export const caeChallengeSpecSchema = z.strictObject({
  method: z.string().min(1).optional(),
  pathRegex: z
    .string()
    .min(1)
    .refine((pattern) => isRegex(pattern), { message: 'pathRegex is not a valid regular expression' })
    .optional(),
  /** The `code` in Graph's message: `TokenCreatedWithOutdatedPolicies` (default), `LocationConditionEvaluationSatisfied`, … */
  reason: z.string().min(1).default('TokenCreatedWithOutdatedPolicies'),
  claims: z.string().max(10_000).optional(),
  count: z.number().int().positive().default(1),
});

export type CaeChallengeSpec = z.infer<typeof caeChallengeSpecSchema>;

export class CaeChallengeStore {
  private readonly queued: CaeChallengeSpec[] = [];

  add(spec: CaeChallengeSpec): CaeChallengeSpec {
    this.queued.push({ ...spec });
    return spec;
  }

  /** The first queued challenge matching the request, counted down; undefined when none. */
  take(method: string, graphPath: string): CaeChallengeSpec | undefined {
    const index = this.queued.findIndex(
      (spec) => (spec.method === undefined || spec.method.toUpperCase() === method.toUpperCase()) && (spec.pathRegex === undefined || new RegExp(spec.pathRegex).test(graphPath)),
    );
    const spec = this.queued[index];
    if (!spec) return undefined;
    spec.count -= 1;
    if (spec.count <= 0) this.queued.splice(index, 1);
    return spec;
  }

  remaining(): readonly CaeChallengeSpec[] {
    return this.queued;
  }

  clear(): void {
    this.queued.length = 0;
  }
}

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

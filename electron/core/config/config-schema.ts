/**
 * The shape of `config.json` in Delegate's home.
 *
 * Written with zod/mini (full zod costs ~40 ms of start-up). The cached `delegate token` path does without even
 * that: config-quick-load.ts checks the same rules (config-values.ts) by hand, and a test holds the two together.
 * Strict objects catch hand-edit typos (`scope` for `scopes`).
 */
import * as z from 'zod/mini';
import { CLOUD_NAMES } from '../../../shared/clouds.js';
import { GUID, isHttpsUrl, isProxySetting, MAIL_ADDRESS, TEAMS_CHAT_ID, TENANT } from './config-values.js';

/**
 * Built on first use, not at load: constructing them costs a few milliseconds that a command meeting only certainly
 * valid files never needs (config-store.ts reads those through config-quick-load.ts first).
 */
function buildSchemas() {
  const httpsUrl = z.string().check(z.refine(isHttpsUrl, 'must be an https:// URL'));

  /** `direct` or a proxy URL (config-values.ts). */
  const proxySetting = z.string().check(
    z.refine(isProxySetting, 'must be "direct" or a proxy URL such as http://proxy.example.com:8080 (http or https, a host, an optional port and user:password@)'),
  );

  const profileSchema = z.strictObject({
    id: z.string().check(z.minLength(1, 'must not be empty')),
    cloud: z.enum(CLOUD_NAMES, 'must be one of global, usgov, usgov-dod, china, custom'),
    clientId: z.string().check(z.regex(GUID, 'must be a GUID such as d3590ed6-52b3-4102-aeff-aad2292ab01c')),
    tenant: z.string().check(z.regex(TENANT, 'must be "organizations", a tenant GUID or a domain')),
    authorityHost: z.optional(httpsUrl),
    graphBaseUrl: z.optional(httpsUrl),
    caFile: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
    scopes: z.array(z.string()).check(z.minLength(1, 'must list at least one scope')),
    extraResources: z._default(z.array(httpsUrl), []),
    lifetimeDays: z._default(z.int().check(z.gte(1, 'must be at least 1'), z.lte(3650, 'must be at most 3650')), 90),
    warningDays: z._default(z.int().check(z.gte(0, 'must be 0 or more'), z.lte(365, 'must be at most 365')), 7),
    cacheBackend: z._default(z.enum(['keychain', 'plaintext'], 'must be "keychain" or "plaintext"'), 'keychain'),
    /** This profile's proxy; wins over the global one. Kept out of the Profile model so it never reaches the window. */
    proxy: z.optional(proxySetting),
  });

  const mailAddress = z.string().check(z.regex(MAIL_ADDRESS, 'must be one mail address such as ops@contoso.com'));

  /**
   * The channels of the expiry warnings (14/7/3/1 days, at expiry, blocked). Defaults: `desktop: true` (shown only
   * where a desktop notification service runs), `mail: true` (to the signed-in account itself, through Graph, only
   * while its token works), `teams: false`. `mail: {to}` sends to another address; `teams: {chatId}` posts in a chat.
   */
  const notificationsSetting = z.strictObject({
    desktop: z.optional(z.boolean()),
    mail: z.optional(z.union([z.boolean(), z.strictObject({ to: z.optional(mailAddress) })])),
    teams: z.optional(z.union([z.literal(false), z.strictObject({ chatId: z.string().check(z.regex(TEAMS_CHAT_ID, 'must be a Teams chat ID such as 19:…@thread.v2')) })])),
  });

  const configFileSchema = z.strictObject({
    version: z.literal(1, 'must be 1'),
    // Any string here: a bad or missing default is reported by config-store and ignored, never hiding the profiles.
    defaultProfile: z.optional(z.string()),
    profiles: z.record(z.string(), z.unknown()),
    /** The proxy of every profile without its own; overrides HTTPS_PROXY/NO_PROXY. */
    proxy: z.optional(proxySetting),
    /** How long run history is kept (applied at start and daily by the scheduler). */
    history: z.optional(
      z.strictObject({
        keepDays: z.optional(z.int().check(z.gte(1, 'must be at least 1'))),
        keepRunsPerJob: z.optional(z.int().check(z.gte(1, 'must be at least 1'))),
      }),
    ),
    /** Where expiry warnings go besides the tray (keeper/notice-channels.ts); see README "Expiry warnings". */
    notifications: z.optional(notificationsSetting),
  });
  return { profileSchema, configFileSchema, notificationsSetting };
}

let built: ReturnType<typeof buildSchemas> | undefined;

export function configSchemas(): ReturnType<typeof buildSchemas> {
  built ??= buildSchemas();
  return built;
}

type Schemas = ReturnType<typeof buildSchemas>;
export type NotificationsSetting = z.output<Schemas['notificationsSetting']>;
export type ConfigFile = z.infer<Schemas['configFileSchema']>;
export type ProfileRecord = z.output<Schemas['profileSchema']>;

/** Turns zod issues into `path: reason` lines a person can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    // At most five keys, each cut short: the file may be someone else's behind a symlink.
    if (issue.code === 'unrecognized_keys') return `${path}: unknown field(s) ${issue.keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`;
    if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: is required`;
    return `${path}: ${issue.message}`;
  });
}

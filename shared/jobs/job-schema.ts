/**
 * The jobs file's schema: what a job is, field by field, with the messages a person sees when one is wrong.
 *
 * Structure only; checks that need the outside world (does the profile exist, is the local file there) are in
 * job-checks.ts. The JSON Schema for editors is generated from this (jobs-json-schema.ts).
 *
 * Written with zod/mini, like config-schema.ts: `delegate jobs` builds this schema and validates every job on
 * each start, and classic zod's schemas cost about twice as much to build and several times as much to run
 * (each instance carries its own copy of every method). Same checks, same messages.
 */
import { tokenEnvRefusal } from './token-env-names.js';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { Cron } from 'croner';
import { neverFiresReason } from './schedule-rules.js';
import { JOB_ID_PATTERN } from '../models/job-id.js';
import { windowsDeviceProblem } from '../models/portable-name.js';
import { graphPathProblem, hasDotSegment } from '../graph-path.js';

// The messages a person reads for the checks without a message of their own ("expected boolean, received
// string"): zod/mini leaves the words out unless a locale is set; classic zod sets English on import.
// jitless: zod otherwise compiles each object schema into a function (new Function) on its first parse, which pays
// off only over many parses of one shape; `delegate jobs` parses each of a dozen shapes a few times and exits, and
// ran ~10 ms faster for 100 jobs without it. The same checks and messages either way; it applies to every zod/mini
// schema in the process, none of which is on a hot path.
z.config({ ...en(), jitless: true });

const nonEmpty = (what: string) => z.string({ error: `must be ${what}` }).check(z.trim(), z.minLength(1, `must not be empty`));

const cronPattern = nonEmpty('a cron pattern such as "0 7 * * 1-5"').check(
  z.superRefine((pattern, context) => {
    const problem = remembered(cronProblems, pattern, CRON_VERDICT_MS, () => cronProblem(pattern));
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
);

/** Why a pattern cannot be a schedule (its syntax, or it never fires), or null. */
function cronProblem(pattern: string): string | null {
  try {
    new Cron(pattern, { paused: true });
  } catch (error) {
    return `is not a valid cron pattern: ${(error as Error).message.replace(/^CronPattern: /, '')}`;
  }
  const never = neverFiresReason(pattern);
  return never ? `"${pattern}" ${never}` : null;
}

const timeZone = nonEmpty('an IANA time zone such as "Europe/Berlin"').check(
  z.superRefine((zone, context) => {
    const problem = remembered(zoneProblems, zone, Infinity, () => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return null;
      } catch {
        return `"${zone}" is not a time zone: use an IANA name such as "Europe/Berlin" or "America/New_York"`;
      }
    });
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
);

/**
 * Verdicts on the patterns and zones already checked. A jobs file repeats a few schedules and zones, and each
 * check costs about half a millisecond (croner walks to the next run; Intl loads the zone), most of a 100-job
 * `delegate jobs`. Whether a pattern fires again depends on the date, so that verdict is kept for a minute only.
 */
const cronProblems = new Map<string, { at: number; problem: string | null }>();
const zoneProblems = new Map<string, { at: number; problem: string | null }>();
const CRON_VERDICT_MS = 60_000;
/** A long-running app validates every edit: old verdicts are dropped past this many. */
const MAX_VERDICTS = 1_000;

function remembered(verdicts: Map<string, { at: number; problem: string | null }>, key: string, maxAgeMs: number, check: () => string | null): string | null {
  const now = Date.now();
  const known = verdicts.get(key);
  if (known && now - known.at < maxAgeMs) return known.problem;
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  const problem = check();
  verdicts.set(key, { at: now, problem });
  return problem;
}

const email = z.email({ error: 'must be an email address' });
const recipients = z.pipe(z.union([email, z.array(email).check(z.minLength(1, 'must list at least one address'))]), z.transform((value) => (Array.isArray(value) ? value : [value])));
const localPath = nonEmpty('a local file path');

/** Message or post body: inline text or HTML, or read from a file at run time. */
const body = z
  .strictObject({
    text: z.optional(z.string()),
    html: z.optional(z.string()),
    file: z.optional(localPath),
    type: z.optional(z.enum(['text', 'html'])),
  })
  .check(z.refine((value) => [value.text, value.html, value.file].filter((part) => part !== undefined).length === 1, 'give exactly one of text, html or file'));

/** A drive path or ID: it becomes part of a Graph URL, so `.` and `..` segments (in any spelling) are refused. */
const driveSegment = (what: string) => nonEmpty(what).check(z.refine((value) => !hasDotSegment(value), 'must not contain "." or ".." segments'));

/** Where a OneDrive/SharePoint item lives: a site URL and a path, my OneDrive and a path, or a drive and an item. */
const driveLocation = z.union([
  z.strictObject({ site: z.url({ protocol: /^https$/, error: 'must be an https:// SharePoint site URL' }), path: driveSegment('a path inside the site\'s document library') }),
  z.strictObject({ drive: z.literal('me'), path: driveSegment('a path inside your OneDrive') }),
  z.strictObject({ driveId: driveSegment('a drive ID'), itemId: driveSegment('an item ID') }),
  z.strictObject({ driveId: driveSegment('a drive ID'), path: driveSegment('a path inside the drive') }),
], { error: 'must be {site, path}, {drive: me, path}, {driveId, itemId} or {driveId, path}' });

const mailSend = z.strictObject({
  kind: z.literal('mail.send'),
  to: recipients,
  cc: z.optional(recipients),
  bcc: z.optional(recipients),
  subject: nonEmpty('a subject'),
  body,
  attachments: z._default(z.array(localPath), []),
  saveToSentItems: z._default(z.boolean(), true),
});

const filesDownload = z.strictObject({
  kind: z.literal('files.download'),
  source: driveLocation,
  destination: localPath,
  skipIfUnchanged: z._default(z.boolean(), true),
});

const filesUpload = z.strictObject({
  kind: z.literal('files.upload'),
  source: localPath,
  destination: driveLocation,
  conflictBehavior: z._default(z.enum(['replace', 'rename', 'fail']), 'replace'),
});

const teamsMessage = z.strictObject({
  kind: z.literal('teams.message'),
  chatId: z.optional(nonEmpty('a chat ID')),
  teamId: z.optional(nonEmpty('a team ID')),
  channelId: z.optional(nonEmpty('a channel ID')),
  body,
}).check(
  z.refine((value) => (value.chatId !== undefined) !== (value.teamId !== undefined || value.channelId !== undefined), 'give either chatId, or teamId and channelId'),
  z.refine((value) => value.chatId !== undefined || (value.teamId !== undefined && value.channelId !== undefined), 'a channel needs both teamId and channelId'),
);

const mailAttachments = z.strictObject({
  kind: z.literal('mail.attachments'),
  mailbox: z.optional(email),
  folder: z._default(nonEmpty('a mail folder name or ID'), 'inbox'),
  filter: z._default(
    z.strictObject({
      from: z.optional(email),
      subjectContains: z.optional(z.string()),
      unreadOnly: z._default(z.boolean(), true),
      receivedWithinDays: z.optional(z.int().check(z.positive())),
      attachmentNamePattern: z.optional(z.string()),
    }),
    { unreadOnly: true },
  ),
  saveTo: localPath,
  markRead: z._default(z.boolean(), false),
  moveTo: z.optional(nonEmpty('a mail folder name or ID')),
});

const graphRequest = z.strictObject({
  kind: z.literal('graph.request'),
  method: z._default(z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']), 'GET'),
  path: nonEmpty('a Graph path such as /me/messages').check(
    z.superRefine((path, context) => {
      const problem = graphPathProblem(path);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  ),
  body: z.optional(z.unknown()),
  saveTo: z.optional(localPath),
  // What the request needs, so a profile without it is flagged before the run (job-scopes.ts); not sent anywhere.
  scopes: z.optional(z.array(nonEmpty('a Graph permission such as Sites.Read.All'))).check(z.describe('Graph permissions this request needs (all of them), e.g. [Sites.Read.All]; lets `delegate jobs` flag a profile that lacks one.')),
});

const tokenEnvironment = z.strictObject({
  env: z.string().check(
    z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name such as GRAPH_TOKEN'),
    // PATH, LD_PRELOAD, IDENTITY_HEADER… must not be replaced by a token: flagged by `delegate jobs`, not at 02:00.
    z.superRefine((name, context) => {
      const refusal = tokenEnvRefusal(name);
      if (refusal) context.addIssue({ code: 'custom', message: `cannot hold a token: ${refusal}` });
    }),
  ),
  scopes: z.optional(z.array(nonEmpty('a scope'))),
  resource: z.optional(z.url({ protocol: /^https$/, error: 'must be an https:// resource URL' })),
});

/** Which resources the run's token broker serves (electron/core/broker/): `graph` is the profile's Graph. */
const brokerResource = z.union([
  z.literal('graph'),
  z.url({ protocol: /^https$/, error: 'must be "graph" or an https:// resource URL such as https://contoso.sharepoint.com' }),
], { error: 'must be "graph" or an https:// resource URL such as https://contoso.sharepoint.com' });

const brokerSetting = z.union([
  z.literal(false),
  z.strictObject({ resources: z.array(brokerResource) }),
], { error: 'must be false (the broker refuses every request) or { resources: [graph, https://…] }' });

const script = z.strictObject({
  kind: z.literal('script'),
  command: nonEmpty('the program to run'),
  args: z._default(z.array(z.string()), []),
  cwd: z.optional(localPath),
  env: z._default(z.record(z.string(), z.string()), {}),
  tokens: z._default(z.array(tokenEnvironment), [{ env: 'GRAPH_TOKEN' }]),
  broker: z.optional(brokerSetting).check(
    z.describe(
      'The token broker Azure SDKs in the script use (IDENTITY_ENDPOINT): default Graph and the profile\'s extra resources; { resources: [graph, "https://contoso.sharepoint.com"] } to choose; false to refuse every request.',
    ),
  ),
});

export const actionSchema = z.discriminatedUnion('kind', [mailSend, filesDownload, filesUpload, teamsMessage, mailAttachments, graphRequest, script], {
  error: (issue) =>
    issue.code === 'invalid_union' && issue.input && typeof issue.input === 'object' && 'kind' in issue.input
      ? `unknown kind "${String((issue.input as { kind: unknown }).kind)}": use mail.send, files.download, files.upload, teams.message, mail.attachments, graph.request or script`
      : 'must have a kind: mail.send, files.download, files.upload, teams.message, mail.attachments, graph.request or script',
});

export const jobSchema = z.strictObject({
  // `id: 2024` or `id: on` is YAML's number or true, not a missing id: say to quote it.
  id: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required: a short name such as daily-report' : `must be text: YAML reads ${JSON.stringify(String(issue.input)).slice(0, 40)} as a ${issue.input === null ? 'null' : typeof issue.input}, so put it in quotes (id: "${String(issue.input).slice(0, 40)}")`) })
    .check(
      z.regex(JOB_ID_PATTERN, 'must be up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit'),
      // It names the job's lock file and records: on a Windows disk `CON.lock` is the console, not a file.
      z.superRefine((id, context) => {
        const device = windowsDeviceProblem(id);
        if (device) context.addIssue({ code: 'custom', message: `${device}: choose another id` });
      }),
      z.describe('A short unique name, used by `delegate run ID` and in the history.'),
    ),
  name: z.optional(z.string().check(z.trim(), z.minLength(1))),
  schedule: cronPattern.check(z.describe('Cron pattern: minute hour day-of-month month day-of-week (an optional leading field for seconds), e.g. "0 7 * * 1-5".')),
  timezone: z.optional(timeZone).check(z.describe('IANA time zone of the schedule, e.g. Europe/Berlin; default: the computer\'s.')),
  enabled: z._default(z.boolean(), true),
  catchUp: z._default(z.enum(['none', 'once'], { error: 'must be "none" or "once"' }), 'once').check(z.describe('once: after sleep or downtime, run once for the runs missed; none: skip them.')),
  timeoutMinutes: z._default(z.number().check(z.positive('must be more than 0'), z.lte(24 * 60, 'must be at most 1440 (a day)')), 30),
  retries: z._default(
    z.strictObject({
      attempts: z._default(z.int().check(z.gte(0), z.lte(10, 'must be at most 10')), 0),
      backoffSeconds: z._default(z.number().check(z.gte(0), z.lte(3600)), 60),
    }),
    { attempts: 0, backoffSeconds: 60 },
  ),
  profile: z.optional(z.string()).check(z.describe('The sign-in profile to run as; default: the default profile.')),
  notify: z._default(z.enum(['always', 'failure', 'never'], { error: 'must be always, failure or never' }), 'failure'),
  action: actionSchema,
});

export const jobsFileSchema = z.strictObject({
  jobs: z._default(z.array(z.unknown(), { error: 'must be a list of jobs' }), []),
});

export type Job = z.output<typeof jobSchema>;
export type JobAction = Job['action'];
export type JobKind = JobAction['kind'];
export type DriveLocation = z.output<typeof driveLocation>;
export type MessageBody = z.output<typeof body>;

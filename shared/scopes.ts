/**
 * Parsing, validation and typo suggestions for the scopes a sign-in profile requests.
 *
 * A wrong scope only fails at sign-in, with an AADSTS code and no hint of the right name, so profiles are
 * checked up front against the catalogue of real Graph delegated permissions (graph-permissions.ts).
 * Messages are written for the person editing the profile, and say what to type instead.
 */
import { KNOWN_CLOUDS } from './clouds.js';
import {
  GRAPH_DELEGATED_PERMISSIONS,
  GRAPH_PERMISSIONS_REFERENCE_URL,
  OIDC_SCOPES,
  findGraphApplicationOnlyPermission,
  findGraphDelegatedPermission,
  findOidcScope,
  isLegacyGraphDelegatedPermission,
  type OidcScope,
} from './graph-permissions.js';

export { DEFAULT_SIGN_IN_SCOPES } from './default-scopes.js';

/** Microsoft Graph's application ID, which Entra also accepts in place of the Graph URL in a scope. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The Graph resource of every known cloud (global, US Government, DoD, China), without a trailing slash. */
export const GRAPH_RESOURCES: readonly string[] = Object.freeze(Object.values(KNOWN_CLOUDS).map((cloud) => stripTrailingSlashes(cloud.graphBaseUrl.toLowerCase())));

/** Why a scope string cannot be used at all. */
export type MalformedReason =
  /** Nothing but whitespace. */
  | 'empty'
  /** Spaces inside one entry: the scope list is space-separated, so it would split into several. */
  | 'whitespace'
  /** A comma, usually from pasting "Mail.Send, Mail.Read" into one entry. */
  | 'comma'
  /** Characters or a shape no Graph permission name has (quotes, semicolons, doubled dots). */
  | 'invalid-characters'
  /** A resource URI with no permission after it. */
  | 'missing-permission'
  /** A Graph URL with a version or other path before the permission. */
  | 'graph-path'
  /** `.default` without the resource it applies to. */
  | 'bare-default';

/** What a single scope string is, by its form alone (see validateScopes for the catalogue checks). */
export type ParsedScope =
  | {
      /** A Microsoft Graph permission: short (`Mail.Send`) or qualified with a Graph resource. */
      kind: 'graph';
      input: string;
      /** The permission part as written, e.g. `Mail.Send`. */
      name: string;
      /** The Graph resource it was qualified with (lower-cased), or null for a short name. */
      graphResource: string | null;
      /** How the catalogue knows the name. */
      catalogue: 'delegated' | 'application-only' | 'unknown';
      /** Graph's own spelling when the catalogue knows the name, else null. */
      canonical: string | null;
    }
  | { kind: 'oidc'; input: string; scope: OidcScope }
  | {
      /** `<resource>/.default`: every permission the app has been granted on that resource. */
      kind: 'resource-default';
      input: string;
      /** The resource as written; Graph resources lower-cased. */
      resource: string;
      isGraph: boolean;
    }
  | {
      /** A permission of some other resource (`https://contoso.sharepoint.com/AllSites.Read`, `api://…/x`). */
      kind: 'resource';
      input: string;
      resource: string;
      permission: string;
    }
  | { kind: 'malformed'; input: string; reason: MalformedReason };

/** Problem codes, stable strings for code and tests; the message is for people. */
export type ScopeProblemCode =
  | 'no-scopes'
  | 'malformed'
  | 'unknown-graph-permission'
  | 'application-only'
  | 'wrong-case'
  | 'duplicate'
  | 'default-mixed'
  | 'mixed-resources';

/** One thing wrong with a scope list. */
export interface ScopeProblem {
  /** The entry as written (trimmed); empty for problems with the list as a whole. */
  scope: string;
  code: ScopeProblemCode;
  /** Errors stop sign-in; warnings were fixed in the normalised list (casing, repeats). */
  severity: 'error' | 'warning';
  /** Plain words, ready to show. */
  message: string;
  /** The single scope to use instead, when there is one. */
  suggestion?: string;
  /** The separate scopes one entry should be split into (commas, spaces). */
  parts?: string[];
}

export interface ScopeValidation {
  /** True when nothing would make sign-in fail; warnings alone keep it true. */
  ok: boolean;
  /** The usable scopes: trimmed, Graph names in Graph's casing, repeats removed, order kept. */
  scopes: string[];
  problems: ScopeProblem[];
}

export interface ScopeValidationOptions {
  /**
   * Delegated Graph permission names to accept beyond the catalogue.
   *
   * Microsoft adds permissions between releases; this lets a person vouch for a newer one rather than
   * be blocked by an out-of-date list.
   */
  extraGraphPermissions?: readonly string[];
}

// Graph permission names: dot-separated words of letters, digits, '-' and '_' (`CallRecord-PstnCalls.Read.All`).
const PERMISSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;
const URI_SCOPE = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(.*)$/i;
const GUID_SCOPE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i;
const GRAPH_RESOURCE_SET: ReadonlySet<string> = new Set(GRAPH_RESOURCES);

/**
 * Classifies one scope string by its form.
 *
 * Surrounding whitespace is ignored (it cannot matter once the list is joined); whitespace or commas
 * inside make it malformed, because Entra would read the entry as several scopes.
 */
export function parseScope(input: string): ParsedScope {
  const text = input.trim();
  if (text === '') return { kind: 'malformed', input, reason: 'empty' };
  if (text.includes(',')) return { kind: 'malformed', input, reason: 'comma' };
  if (/\s/.test(text)) return { kind: 'malformed', input, reason: 'whitespace' };

  const oidc = findOidcScope(text);
  if (oidc) return { kind: 'oidc', input, scope: oidc };

  const uri = URI_SCOPE.exec(text);
  if (uri) return parseUriScope(input, text, `${uri[1] ?? ''}://${uri[2] ?? ''}`);

  // Entra also takes a resource's application ID in place of its URI: `00000003-…/Mail.Send` is Graph's.
  const appId = GUID_SCOPE.exec(text);
  if (appId) return parseUriScope(input, text, appId[1] ?? '');

  if (text.toLowerCase() === '.default') return { kind: 'malformed', input, reason: 'bare-default' };
  if (!PERMISSION_NAME.test(text)) return { kind: 'malformed', input, reason: 'invalid-characters' };
  return graphScope(input, text, null);
}

function parseUriScope(input: string, text: string, origin: string): ParsedScope {
  const lastSlash = text.lastIndexOf('/');
  // Entra splits a scope at its last slash: what precedes is the resource, what follows the permission.
  if (lastSlash < origin.length) return { kind: 'malformed', input, reason: 'missing-permission' };
  const resource = text.slice(0, lastSlash);
  const permission = text.slice(lastSlash + 1);
  const lowerOrigin = origin.toLowerCase();
  const isGraph = GRAPH_RESOURCE_SET.has(lowerOrigin) || lowerOrigin === GRAPH_APP_ID;
  if (isGraph && resource.toLowerCase() !== lowerOrigin) return { kind: 'malformed', input, reason: 'graph-path' };
  return parseQualified(input, isGraph ? lowerOrigin : resource, permission, isGraph);
}

function parseQualified(input: string, resource: string, permission: string, isGraph: boolean): ParsedScope {
  if (permission === '') return { kind: 'malformed', input, reason: 'missing-permission' };
  if (permission.toLowerCase() === '.default') {
    // The resource is kept as written: some resource IDs end in a slash (`https://management.core.windows.net/`).
    return { kind: 'resource-default', input, resource, isGraph };
  }
  if (isGraph) {
    if (!PERMISSION_NAME.test(permission)) return { kind: 'malformed', input, reason: 'invalid-characters' };
    return graphScope(input, permission, resource);
  }
  // Another API's scope: its names are that API's business, so only the form is checked.
  return { kind: 'resource', input, resource, permission };
}

function graphScope(input: string, name: string, graphResource: string | null): ParsedScope {
  const delegated = findGraphDelegatedPermission(name);
  if (delegated) return { kind: 'graph', input, name, graphResource, catalogue: 'delegated', canonical: delegated };
  const applicationOnly = findGraphApplicationOnlyPermission(name);
  if (applicationOnly) return { kind: 'graph', input, name, graphResource, catalogue: 'application-only', canonical: applicationOnly };
  return { kind: 'graph', input, name, graphResource, catalogue: 'unknown', canonical: null };
}

/**
 * Qualifies a Graph scope with a Graph resource, for clouds whose Graph only answers to qualified names.
 *
 * `Mail.Send` + `https://graph.microsoft.us` → `https://graph.microsoft.us/Mail.Send`. A scope already
 * qualified with another Graph host is moved to this one; OIDC scopes and other resources' scopes are
 * returned unchanged, since they never carry a Graph resource.
 */
export function qualifyGraphScope(scope: string, graphResource: string): string {
  const resource = stripTrailingSlashes(graphResource.trim());
  const parsed = parseScope(scope);
  if (parsed.kind === 'graph') return `${resource}/${parsed.canonical ?? parsed.name}`;
  if (parsed.kind === 'resource-default' && parsed.isGraph) return `${resource}/.default`;
  return scope.trim();
}

/**
 * Splits pasted text into scope entries at spaces, commas and semicolons.
 *
 * For command-line and text-box input, where people paste "Mail.Send, Mail.Read" or a space-separated
 * `scope` parameter straight from a token request.
 */
export function splitScopeText(text: string): string[] {
  return text.split(/[\s,;]+/).filter((part) => part !== '');
}

/**
 * Checks a profile's scope list and returns the usable, normalised list with every problem found.
 *
 * Graph names are checked against the delegated catalogue (case-insensitively, as Entra does) and put
 * into Graph's casing; repeats are dropped with a warning; anything that would make sign-in fail is an
 * error, with the right name suggested where one is close.
 */
export function validateScopes(scopes: readonly string[], options: ScopeValidationOptions = {}): ScopeValidation {
  const extra = new Map((options.extraGraphPermissions ?? []).map((name) => [name.trim().toLowerCase(), name.trim()]));
  const problems: ScopeProblem[] = [];
  const normalised: string[] = [];
  const seen = new Map<string, string>();
  const accepted: AcceptedScope[] = [];

  if (scopes.length === 0) {
    problems.push(error('', 'no-scopes', 'No scopes are listed. Add at least one, for example "User.Read".'));
  }

  for (const raw of scopes) {
    const text = raw.trim();
    const parsed = parseScope(raw);
    const result = normaliseOne(parsed, text, extra);
    problems.push(...result.problems);
    if (result.scope === undefined || result.resource === undefined) continue;

    const key = result.scope.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const same = first === text ? `"${text}" is listed more than once` : `"${text}" repeats "${first}"`;
      problems.push(warning(text, 'duplicate', `${same}; the repeat is ignored.`));
      continue;
    }
    seen.set(key, text);
    normalised.push(result.scope);
    accepted.push({ text, resource: result.resource, isDefault: parsed.kind === 'resource-default' });
  }

  problems.push(...crossScopeProblems(accepted));
  return { ok: !problems.some((problem) => problem.severity === 'error'), scopes: normalised, problems };
}

// Which resource an accepted scope is for: Graph (with the host it named, if any), another resource, or none (OIDC).
type ScopeResource = { kind: 'graph'; host: string | null } | { kind: 'other'; id: string; label: string } | { kind: 'none' };

interface AcceptedScope {
  text: string;
  resource: ScopeResource;
  isDefault: boolean;
}

interface NormalisedOne {
  scope?: string;
  resource?: ScopeResource;
  problems: ScopeProblem[];
}

function normaliseOne(parsed: ParsedScope, text: string, extra: ReadonlyMap<string, string>): NormalisedOne {
  switch (parsed.kind) {
    case 'malformed':
      return { problems: [malformedProblem(parsed.reason, text)] };
    case 'oidc': {
      const problems = text === parsed.scope ? [] : [wrongCase(text, parsed.scope)];
      return { scope: parsed.scope, resource: { kind: 'none' }, problems };
    }
    case 'resource-default': {
      const resource: ScopeResource = parsed.isGraph ? { kind: 'graph', host: graphHost(parsed.resource) } : otherResource(parsed.resource);
      return { scope: `${parsed.resource}/.default`, resource, problems: [] };
    }
    case 'resource':
      return { scope: text, resource: otherResource(parsed.resource), problems: [] };
    case 'graph':
      return normaliseGraph(parsed, text, extra);
  }
}

function normaliseGraph(parsed: Extract<ParsedScope, { kind: 'graph' }>, text: string, extra: ReadonlyMap<string, string>): NormalisedOne {
  const qualify = (name: string): string => (parsed.graphResource === null ? name : `${parsed.graphResource}/${name}`);
  const canonical = parsed.catalogue === 'delegated' ? parsed.canonical : extra.get(parsed.name.toLowerCase());

  if (canonical === undefined || canonical === null) {
    if (parsed.catalogue === 'application-only' && parsed.canonical !== null) {
      return { problems: [applicationOnlyProblem(text, parsed.canonical, qualify)] };
    }
    return { problems: [unknownPermissionProblem(text, parsed.name, qualify)] };
  }

  const scope = qualify(canonical);
  const problems = parsed.name === canonical ? [] : [wrongCase(text, scope)];
  return { scope, resource: { kind: 'graph', host: graphHost(parsed.graphResource) }, problems };
}

// Short names and Graph's app ID mean "Graph of whichever cloud signs in", so they mix with any one Graph host.
function graphHost(resource: string | null): string | null {
  return resource === null || resource === GRAPH_APP_ID ? null : resource;
}

function otherResource(resource: string): ScopeResource {
  const label = stripTrailingSlashes(resource) || resource;
  return { kind: 'other', id: label.toLowerCase(), label };
}

function crossScopeProblems(accepted: readonly AcceptedScope[]): ScopeProblem[] {
  const problems: ScopeProblem[] = [];

  // `.default` stands for every granted permission of its resource, so Entra refuses it next to named ones.
  for (const entry of accepted.filter((candidate) => candidate.isDefault)) {
    const sibling = accepted.find((other) => !other.isDefault && sameResource(other.resource, entry.resource));
    if (!sibling) continue;
    const what = entry.resource.kind === 'graph' ? 'individual Microsoft Graph permissions' : 'other permissions of the same resource';
    problems.push(
      error(
        entry.text,
        'default-mixed',
        `"${entry.text}" can't be combined with ${what} such as "${sibling.text}". ".default" already asks for every permission the app has been granted there, so use it on its own or list the permissions instead.`,
      ),
    );
  }

  // One token request names one resource; Entra rejects a scope list spanning several (AADSTS28000).
  const resources: { key: string; label: string; firstScope: string }[] = [];
  for (const entry of accepted) {
    const identity = resourceIdentity(entry.resource);
    if (!identity) continue;
    const isGraph = identity.key.startsWith('graph');
    // A short Graph name means the Graph of whichever cloud signs in, so it sides with any one Graph host.
    const graphSoFar = resources.find((resource) => resource.key.startsWith('graph'));
    if (isGraph && graphSoFar && (identity.key === 'graph' || graphSoFar.key === 'graph' || graphSoFar.key === identity.key)) {
      if (graphSoFar.key === 'graph') Object.assign(graphSoFar, identity);
      continue;
    }
    if (!resources.some((resource) => resource.key === identity.key)) resources.push({ ...identity, firstScope: entry.text });
  }
  const second = resources[1];
  if (second) {
    const labels = resources.map((resource) => resource.label);
    problems.push(
      error(
        second.firstScope,
        'mixed-resources',
        `These scopes are for more than one resource (${joinWords(labels)}), but one sign-in can only ask for one. Keep one resource's scopes in this list and request "${second.firstScope}" separately, for example as one of the profile's extra resources.`,
      ),
    );
  }
  return problems;
}

function resourceIdentity(resource: ScopeResource): { key: string; label: string } | undefined {
  if (resource.kind === 'none') return undefined;
  if (resource.kind === 'graph') return resource.host === null ? { key: 'graph', label: 'Microsoft Graph' } : { key: `graph:${resource.host}`, label: resource.host };
  return { key: `other:${resource.id}`, label: resource.label };
}

function sameResource(a: ScopeResource, b: ScopeResource): boolean {
  if (a.kind === 'graph' && b.kind === 'graph') return a.host === null || b.host === null || a.host === b.host;
  return a.kind === 'other' && b.kind === 'other' && a.id === b.id;
}

function unknownPermissionProblem(text: string, name: string, qualify: (name: string) => string): ScopeProblem {
  const suggestion = suggestPermission(name);
  if (suggestion !== undefined) {
    const suggested = qualify(suggestion);
    return error(text, 'unknown-graph-permission', `"${text}" is not a Microsoft Graph permission. Did you mean "${suggested}"?`, { suggestion: suggested });
  }
  const related = permissionsForResource(name);
  if (related.length > 0) {
    const resource = related[0]?.split('.')[0] ?? name;
    const examples = joinWords(related.map((permission) => `"${permission}"`));
    return error(
      text,
      'unknown-graph-permission',
      `"${text}" is not a Microsoft Graph permission. Permissions for ${resource} include ${examples}; the full list is in the Microsoft Graph permissions reference: ${GRAPH_PERMISSIONS_REFERENCE_URL}`,
    );
  }
  return error(
    text,
    'unknown-graph-permission',
    `"${text}" is not a Microsoft Graph permission, and no permission name is close to it. Check the name in the Microsoft Graph permissions reference: ${GRAPH_PERMISSIONS_REFERENCE_URL}`,
  );
}

function applicationOnlyProblem(text: string, canonical: string, qualify: (name: string) => string): ScopeProblem {
  const lead = `"${text}" is an application permission, for apps that run without a signed-in user. Delegate signs in as you, so it can only use delegated permissions`;
  const suggestion = suggestPermission(canonical);
  if (suggestion !== undefined) {
    const suggested = qualify(suggestion);
    return error(text, 'application-only', `${lead}. Did you mean "${suggested}"?`, { suggestion: suggested });
  }
  return error(text, 'application-only', `${lead}; the delegated ones are listed in the Microsoft Graph permissions reference: ${GRAPH_PERMISSIONS_REFERENCE_URL}`);
}

function malformedProblem(reason: MalformedReason, text: string): ScopeProblem {
  switch (reason) {
    case 'empty':
      return error(text, 'malformed', 'An empty scope is listed. Remove the empty entry.');
    case 'comma':
    case 'whitespace': {
      const parts = splitScopeText(text);
      const what = reason === 'comma' ? 'a comma' : 'a space';
      const separately = error(
        text,
        'malformed',
        `"${text}" contains ${what}, but each scope must be its own entry. List them separately: ${parts.map((part) => `"${part}"`).join(', ')}.`,
        { parts },
      );
      // Pasted lists are the usual cause; a space inside one name ("Mail. Send") is the other.
      if (parts.length > 1 && (reason === 'comma' || parts.every((part) => isUsable(parseScope(part))))) return separately;
      const lead = `"${text}" contains ${what}, which a scope name never has.`;
      const suggestion = suggestScope(text.replace(/[\s,]+/g, ''));
      if (suggestion !== undefined) return error(text, 'malformed', `${lead} Did you mean "${suggestion}"?`, { suggestion });
      return parts.length > 1 ? separately : error(text, 'malformed', lead);
    }
    case 'invalid-characters': {
      const stray = [...new Set(text.replace(/[A-Za-z0-9._\-:/]/g, ''))];
      const lead =
        stray.length > 0
          ? `"${text}" contains ${joinWords(stray.map(describeCharacter))}, which a scope never has.`
          : `"${text}" is not shaped like a Microsoft Graph permission name, which is words joined by single dots, such as "Mail.Send".`;
      const suggestion = suggestScope(cleanPunctuation(text));
      return suggestion === undefined ? error(text, 'malformed', lead) : error(text, 'malformed', `${lead} Did you mean "${suggestion}"?`, { suggestion });
    }
    case 'missing-permission': {
      const resource = stripTrailingSlashes(text);
      const suggestion = `${resource}/.default`;
      return error(
        text,
        'malformed',
        `"${text}" names a resource but no permission. Add the permission after a slash, or use "${suggestion}" for everything the app has been granted there.`,
        { suggestion },
      );
    }
    case 'graph-path': {
      const uri = URI_SCOPE.exec(text);
      const host = (uri ? `${uri[1] ?? ''}://${uri[2] ?? ''}` : text.slice(0, text.indexOf('/'))).toLowerCase();
      const last = text.slice(text.lastIndexOf('/') + 1);
      const lead = `"${text}" has extra path segments. A Microsoft Graph scope is the permission alone or right after the host, for example "Mail.Send" or "${host}/Mail.Send".`;
      const name = last.toLowerCase() === '.default' ? '.default' : (findGraphDelegatedPermission(last) ?? suggestPermission(last));
      if (name === undefined) return error(text, 'malformed', lead);
      const suggestion = `${host}/${name}`;
      return error(text, 'malformed', `${lead} Did you mean "${suggestion}"?`, { suggestion });
    }
    case 'bare-default': {
      const suggestion = `${GRAPH_RESOURCES[0] ?? 'https://graph.microsoft.com'}/.default`;
      return error(text, 'malformed', `".default" needs the resource it applies to in front of it, for example "${suggestion}".`, { suggestion });
    }
  }
}

function isUsable(parsed: ParsedScope): boolean {
  return parsed.kind !== 'malformed' && !(parsed.kind === 'graph' && parsed.catalogue !== 'delegated');
}

// The best whole-scope replacement for a mangled entry, qualified as the entry was; undefined if none is close.
function suggestScope(text: string): string | undefined {
  const parsed = parseScope(text);
  switch (parsed.kind) {
    case 'oidc':
      return parsed.scope;
    case 'graph': {
      const name = parsed.catalogue === 'delegated' ? parsed.canonical : suggestPermission(parsed.name);
      if (name === null || name === undefined) return undefined;
      return parsed.graphResource === null ? name : `${parsed.graphResource}/${name}`;
    }
    case 'resource':
    case 'resource-default':
      return parsed.input.trim();
    case 'malformed':
      return undefined;
  }
}

// Drops what pasting tends to add (quotes, semicolons, stray dots) to see whether a real scope is underneath.
function cleanPunctuation(text: string): string {
  const separators = text.includes('://') ? text : text.replace(/[\\/:]+/g, '.');
  return separators
    .replace(/[^A-Za-z0-9._\-:/]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

function describeCharacter(character: string): string {
  const names: Record<string, string> = { '"': 'a double quote', "'": 'a single quote', '`': 'a backtick', ';': 'a semicolon' };
  return names[character] ?? `"${character}"`;
}

function wrongCase(text: string, normalised: string): ScopeProblem {
  return warning(text, 'wrong-case', `"${text}" is written in the wrong case; it will be requested as "${normalised}".`, { suggestion: normalised });
}

function error(scope: string, code: ScopeProblemCode, message: string, extra: Pick<ScopeProblem, 'suggestion' | 'parts'> = {}): ScopeProblem {
  return { scope, code, severity: 'error', message, ...extra };
}

function warning(scope: string, code: ScopeProblemCode, message: string, extra: Pick<ScopeProblem, 'suggestion' | 'parts'> = {}): ScopeProblem {
  return { scope, code, severity: 'warning', message, ...extra };
}

// --- Suggestions -------------------------------------------------------------------------------------

interface Candidate {
  name: string;
  /** OIDC scopes are offered only for single words, so "Mail" is not answered with "email". */
  isOidc: boolean;
  lower: string;
  /** The part before the first dot, e.g. `calendars`: a typo rarely changes which resource was meant. */
  resource: string;
  /** Lower-cased words of the name, split at dots and capitals: `Calendars.ReadWrite` → calendars, read, write. */
  words: readonly string[];
}

// Retired names stay accepted but are never offered: a suggestion should point at what works today.
// Built on the first suggestion, not at load: splitting a thousand names into words costs every command that only
// parses scopes (`delegate jobs` flagging jobs) a few milliseconds for suggestions it never makes.
let candidates: readonly Candidate[] | undefined;
function allCandidates(): readonly Candidate[] {
  candidates ??= [...GRAPH_DELEGATED_PERMISSIONS.filter((name) => !isLegacyGraphDelegatedPermission(name)), ...OIDC_SCOPES].map((name) => ({
    name,
    isOidc: findOidcScope(name) !== undefined,
    lower: name.toLowerCase(),
    resource: resourceOf(name.toLowerCase()),
    words: wordsOf(name),
  }));
  return candidates;
}

/**
 * The delegated Graph permission (or OIDC scope) a possibly misspelt name most likely means.
 *
 * An exact match in another case returns Graph's spelling. Otherwise the closest name by edit distance
 * (counting swapped letters as one edit) among those whose resource part is also close, so `Calendar.ReadWrite`
 * gives `Calendars.ReadWrite`; a missing or extra constraint (`Team.ReadBasic`, `Mail.Send.All`) counts as
 * nearly one edit. When no name is that close, a name containing every word typed is used instead
 * (`Chat.Send` → `ChatMessage.Send`). Undefined when nothing is reasonably close.
 */
export function suggestPermission(name: string): string | undefined {
  const typed = name.trim();
  if (typed === '') return undefined;
  const exact = findGraphDelegatedPermission(typed) ?? findOidcScope(typed);
  if (exact !== undefined && !isLegacyGraphDelegatedPermission(exact)) return exact;

  const lower = typed.toLowerCase();
  const resource = resourceOf(lower);
  const nearest = nearestByEditDistance(lower, resource);
  if (nearest && nearest.distance <= 1.5) return nearest.candidate.name;
  return containingAllWords(typed) ?? nearest?.candidate.name;
}

function nearestByEditDistance(lower: string, resource: string): { candidate: Candidate; distance: number } | undefined {
  const maxDistance = lower.length <= 5 ? 1 : lower.length <= 10 ? 2 : lower.length <= 18 ? 3 : 4;
  const maxResourceDistance = resource.length <= 4 ? 1 : resource.length <= 8 ? 2 : 3;
  let best: { candidate: Candidate; distance: number; score: number; hits: number } | undefined;
  const oidcAllowed = !lower.includes('.') && lower.length >= 5;
  for (const candidate of allCandidates()) {
    if (candidate.isOidc && !oidcAllowed) continue;
    const resourceDistance = editDistance(resource, candidate.resource);
    if (resourceDistance > maxResourceDistance) continue;
    let distance = editDistance(lower, candidate.lower);
    // A dropped or added constraint (`.All`, `.Shared`) is a different kind of slip than a typo in a word;
    // a bare resource ("Calendars") is not, as nothing says which of its permissions was meant.
    const droppedConstraint = lower.includes('.') && candidate.lower.startsWith(`${lower}.`);
    if (droppedConstraint || lower.startsWith(`${candidate.lower}.`)) distance = Math.min(distance, 1.5);
    if (distance > maxDistance) continue;
    const score = distance + resourceDistance / 2;
    const hits = candidate.words.filter((word) => lower.includes(word)).length;
    if (!best || score < best.score || (score === best.score && isBetterTie(candidate, hits, best, lower))) {
      best = { candidate, distance, score, hits };
    }
  }
  return best && { candidate: best.candidate, distance: best.distance };
}

function isBetterTie(candidate: Candidate, hits: number, best: { candidate: Candidate; hits: number }, lower: string): boolean {
  if (hits !== best.hits) return hits > best.hits;
  const lengthGap = Math.abs(candidate.lower.length - lower.length);
  const bestGap = Math.abs(best.candidate.lower.length - lower.length);
  if (lengthGap !== bestGap) return lengthGap < bestGap;
  return candidate.name < best.candidate.name;
}

// Token similarity for names whose words are right but arranged wrongly, where edit distance is large.
function containingAllWords(typed: string): string | undefined {
  const words = wordsOf(typed).filter((word) => word.length >= 3);
  const [first] = words;
  if (first === undefined || words.length < 2) return undefined;
  const matches = allCandidates().filter((candidate) => candidate.resource.includes(first) && words.every((word) => candidate.lower.includes(word)));
  matches.sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
  return matches[0]?.name;
}

// Up to four current permissions of the typed resource, shortest first, to show what exists when nothing is close.
function permissionsForResource(name: string): string[] {
  const resource = resourceOf(name.trim().toLowerCase());
  return allCandidates().filter((candidate) => candidate.resource === resource && candidate.lower.includes('.'))
    .map((candidate) => candidate.name)
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
    .slice(0, 4);
}

function resourceOf(lowerName: string): string {
  const dot = lowerName.indexOf('.');
  return dot === -1 ? lowerName : lowerName.slice(0, dot);
}

function wordsOf(name: string): string[] {
  return name
    .split(/[._-]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
}

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbouring letters
 * each cost one, so "Mial" is one edit from "Mail" rather than two.
 */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const cells = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => cells[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i += 1) cells[i * width] = i;
  for (let j = 0; j <= b.length; j += 1) cells[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      cells[i * width + j] = value;
    }
  }
  return at(a.length, b.length);
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function stripTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}

/**
 * Broker resources: which resources a run's token broker serves, and how a request's `resource` is matched.
 *
 * Azure SDKs turn a scope into a v1 resource before they ask (`https://graph.microsoft.com/.default` becomes
 * `https://graph.microsoft.com`), but other callers send the scope form or a trailing slash: all three name the
 * same resource. Anything else under an allowed host (`https://graph.microsoft.com/User.Read`) is not a
 * resource a managed identity could ask for, and is refused rather than guessed at.
 */

/** How a job names Graph in `broker.resources`: whatever the profile's cloud calls its Graph root. */
export const GRAPH_ALIAS = 'graph';

export interface BrokerResource {
  /** The canonical form: lower-case scheme and host, no trailing slash, no `/.default`. */
  resource: string;
  /** Graph: served with the profile's own Graph scopes, as `delegate token` and `GRAPH_TOKEN` are. */
  graph: boolean;
}

/** The job's `broker` field: absent means Graph and the profile's extra resources. */
export type BrokerSetting = false | { resources: readonly string[] } | undefined;

export function allowedResources(graphRoot: string, extraResources: readonly string[], setting: BrokerSetting): BrokerResource[] {
  if (setting === false) return [];
  const graph = canonicalResource(graphRoot);
  const wanted = setting === undefined ? [GRAPH_ALIAS, ...extraResources] : setting.resources;
  const allowed = new Map<string, BrokerResource>();
  for (const name of wanted) {
    const resource = name === GRAPH_ALIAS ? graph : canonicalResource(name);
    if (resource === null) continue; // the jobs-file schema refuses these; a profile's list was validated too
    allowed.set(resource, { resource, graph: resource === graph });
  }
  return [...allowed.values()];
}

/** The allowed resource a request names, or null. */
export function matchResource(allowed: readonly BrokerResource[], requested: string): BrokerResource | null {
  const resource = canonicalResource(requested);
  return resource === null ? null : (allowed.find((entry) => entry.resource === resource) ?? null);
}

/** `https://Graph.microsoft.com/.default` → `https://graph.microsoft.com`; null for what is not an https URL. */
export function canonicalResource(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return null;
  const path = url.pathname.replace(/\/\.default$/i, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/**
 * Turns a job's OneDrive/SharePoint location into a Graph path: a site URL is resolved to its site id
 * (`GET /sites/{hostname}:/{server-relative-path}`), then paths are addressed in the site's default library.
 */
import type { DriveLocation } from '../../../../shared/jobs/job-schema.js';
import type { KindContext } from './kind-context.js';

/** `/drives/{id}/items/{item}` or `/…/root:/{path}:` for a location, ready for `/content` or `:/content`. */
export async function drivePath(context: KindContext, location: DriveLocation): Promise<{ item: string; content: string }> {
  if ('itemId' in location) {
    const item = `/drives/${encodeURIComponent(location.driveId)}/items/${encodeURIComponent(location.itemId)}`;
    return { item, content: `${item}/content` };
  }
  const root = await driveRoot(context, location);
  const path = encodePath(location.path);
  return { item: `${root}:/${path}`, content: `${root}:/${path}:/content` };
}

/** The Graph path of a folder in the location's drive, for uploads (`…/root:/{folder}`, or the root). */
export async function folderPath(context: KindContext, location: DriveLocation): Promise<string> {
  if ('itemId' in location) return `/drives/${encodeURIComponent(location.driveId)}/items/${encodeURIComponent(location.itemId)}`;
  const root = await driveRoot(context, location);
  const path = encodePath(location.path);
  return path ? `${root}:/${path}` : root;
}

async function driveRoot(context: KindContext, location: Exclude<DriveLocation, { itemId: string }>): Promise<string> {
  if ('drive' in location) return '/me/drive/root';
  if ('driveId' in location) return `/drives/${encodeURIComponent(location.driveId)}/root`;
  const site = new URL(location.site);
  const sitePath = site.pathname.replace(/\/+$/, '');
  const response = await context.graph.request<{ id: string }>('GET', `/sites/${site.hostname}:${sitePath || '/'}`, { signal: context.signal });
  return `/sites/${response.body.id}/drive/root`;
}

function encodePath(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

import type { GraphRoute } from '../../graph-route.js';
import { applySelect, readQueryOptions } from '../../odata/query-options.js';
import { driveRouteScopes, resolveDrive } from './drive-access.js';
import { driveJson } from './drive-item-json.js';
import { DRIVE_PATTERN } from './drive-paths.js';

/** `GET /me/drive`, `/users/{id}/drive`, `/drives/{drive-id}`, `/sites/{site-id}/drive`. */
export const getDriveRoute: GraphRoute = {
  method: 'GET',
  pattern: DRIVE_PATTERN,
  anyOfScopes: driveRouteScopes('read'),
  handle: (call) => {
    const resolution = resolveDrive(call, 'read');
    if (!resolution.ok) return { error: resolution.error };
    const query = readQueryOptions(call.request.url, 1000);
    if (!query.ok) return { error: query.error };
    return {
      status: 200,
      body: { '@odata.context': `${call.context.graphBaseUrl}/v1.0/$metadata#drives/$entity`, ...applySelect(driveJson(resolution.drive, call.context), query.options.select) },
    };
  },
};

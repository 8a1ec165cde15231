/**
 * The shapes a location and a message body take in jobs.yaml, and which one a draft holds. Pure.
 */
export type LocationMode = 'site' | 'me' | 'drive-item' | 'drive-path';

const LOCATION_KEYS: Record<LocationMode, readonly string[]> = {
  site: ['site', 'path'],
  me: ['drive', 'path'],
  'drive-item': ['driveId', 'itemId'],
  'drive-path': ['driveId', 'path'],
};

export function locationMode(location: unknown): LocationMode {
  const value = (location ?? {}) as Record<string, unknown>;
  if ('site' in value) return 'site';
  if ('driveId' in value) return 'itemId' in value ? 'drive-item' : 'drive-path';
  return 'me';
}

/** The location in another mode: keys the two share (path) kept, the others dropped. */
export function withLocationMode(location: unknown, mode: LocationMode): Record<string, unknown> {
  const value = (location ?? {}) as Record<string, unknown>;
  const next: Record<string, unknown> = mode === 'me' ? { drive: 'me' } : {};
  for (const key of LOCATION_KEYS[mode]) if (key !== 'drive' && value[key] !== undefined) next[key] = value[key];
  return next;
}

export type BodyMode = 'text' | 'html' | 'file';

export function bodyMode(body: unknown): BodyMode {
  const value = (body ?? {}) as Record<string, unknown>;
  if ('file' in value) return 'file';
  if ('html' in value) return 'html';
  return 'text';
}


/**
 * The value rules of config.json, without zod: config-schema.ts builds its schema on them and the cached
 * `delegate token` path's quick read (config-quick-load.ts) checks with the very same ones.
 */

/**
 * The largest config.json Delegate reads: 1 MiB, room for a thousand profiles. Anything bigger is not a
 * configuration someone wrote (a log or a device behind a symlink), and reading it would only cost memory.
 */
export const CONFIG_FILE_MAX_BYTES = 1024 * 1024;

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TENANT = /^[A-Za-z0-9.-]{1,256}$/;
export const MAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;
export const TEAMS_CHAT_ID = /^19:[^\s/?#]+$/;

export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A proxy for Delegate's requests, overriding HTTPS_PROXY/NO_PROXY: `http(s)://[user:password@]host[:port]`, or
 * `direct` for none. Checked with the file's other problems; proxy-url.ts parses it.
 */
export function isProxySetting(value: string): boolean {
  if (value.trim().toLowerCase() === 'direct') return true;
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
  } catch {
    return false;
  }
}

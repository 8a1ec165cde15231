/**
 * URL shapes of the drive routes. A drive is `/me/drive`, `/users/{id | upn}/drive`,
 * `/drives/{drive-id}`, `/sites/{site-id}/drive` or `/sites/{hostname}:/{site-path}:/drive`; an item is `root` or `items/{item-id}`,
 * optionally followed by a path in Graph's colon syntax (`root:/Reports/q1.csv`), which must end
 * with `:` when an action (`/content`, `/children`, `/createUploadSession`) follows.
 */

export const DRIVE = String.raw`/v1\.0/(?:me/drive|users/(?<user>[^/]+)/drive|drives/(?<driveId>[^/]+)|sites/(?<siteId>[^/:]+)/drive|sites/(?<hostname>[^/:]+):(?<sitePath>/[^:]*):/drive)`;

const BASE_ITEM = String.raw`(?:/(?<root>root)|/items/(?<itemId>[^/:]+))`;

/** An item at the end of the URL: the closing colon is optional. */
const ITEM_AT_END = String.raw`${BASE_ITEM}(?::(?<itemPath>/[^:]*):?)?`;

/** An item followed by an action: a path must be closed with a colon. */
const ITEM_BEFORE_ACTION = String.raw`${BASE_ITEM}(?::(?<itemPath>/[^:]*):)?`;

export const DRIVE_PATTERN = new RegExp(`^${DRIVE}/?$`);

export const ITEM_PATTERN = new RegExp(`^${DRIVE}${ITEM_AT_END}/?$`);

export function itemActionPattern(action: string): RegExp {
  return new RegExp(`^${DRIVE}${ITEM_BEFORE_ACTION}/${action}/?$`);
}

/**
 * Graph paths of drive items: `/me/drive/root:/Monthly%20Reports/sales.xlsx`, `/sites/{id}/drive/root:/Shared`,
 * `/drives/{id}/items/{id}`, or the same with `/content` (`…:/content`) as a job hands it to download().
 *
 * Graph addresses an item either by ID (`…/items/{id}`) or by a path after a colon (`…/root:/folder/file.xlsx:`,
 * the closing colon being needed before a further segment such as `/content`). Paths are URL paths, already
 * encoded, like every path given to request(); only a file name, which is a name and not a path, is encoded
 * here, so a `#`, `%` or space in it survives.
 */
import { DelegateError } from '../errors/delegate-error.js';

type DrivePathForm = { kind: 'id'; path: string } | { kind: 'colon'; base: string; rest: string };

function parseDrivePath(path: string): DrivePathForm {
  const withoutContent = path.replace(/:?\/content\/?$/, '');
  const colon = withoutContent.indexOf(':');
  if (colon < 0) return { kind: 'id', path: withoutContent.replace(/\/+$/, '') };
  const rest = withoutContent
    .slice(colon + 1)
    .replace(/:+$/, '')
    .replace(/^\/+|\/+$/g, '');
  return { kind: 'colon', base: withoutContent.slice(0, colon), rest };
}

/** The item itself: `…/root:/a/b.xlsx` (no closing colon, which Graph also accepts). */
export function itemPath(path: string): string {
  const form = parseDrivePath(path);
  if (form.kind === 'id') return form.path;
  return form.rest.length === 0 ? form.base : `${form.base}:/${form.rest}`;
}

/** A segment below the item: `…/root:/a/b.xlsx:/content`, `…/items/{id}/content`. */
export function itemSubPath(path: string, segment: string): string {
  const form = parseDrivePath(path);
  if (form.kind === 'id' || form.rest.length === 0) return `${itemPath(path)}/${segment}`;
  return `${itemPath(path)}:/${segment}`;
}

/** The child named `fileName` of the folder `parentPath`, as a colon path: `…/root:/Reports/x.xlsx`. */
export function childPath(parentPath: string, fileName: string): string {
  if (fileName.length === 0 || /[/\\]/.test(fileName)) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `"${fileName}" is not a file name: it must not be empty or contain a slash.`,
      action: 'Give the folder in the destination path and only the name in the file name.',
    });
  }
  const name = encodeURIComponent(fileName);
  const form = parseDrivePath(parentPath);
  if (form.kind === 'id') return `${form.path}:/${name}`;
  return form.rest.length === 0 ? `${form.base}:/${name}` : `${form.base}:/${form.rest}/${name}`;
}

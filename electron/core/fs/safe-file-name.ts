/**
 * A file name from outside (a mail attachment's name from Graph) made safe to create in a folder on any OS
 * Delegate runs on: no path separators or `..`, no NUL, control or bidirectional-override characters, none of Windows' reserved
 * characters or device names, no trailing dots or spaces, and short enough in BYTES for the file system.
 */
import { resolve, sep } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { windowsDeviceProblem } from '../../../shared/models/portable-name.js';

/**
 * ext4, APFS and NTFS allow 255 (bytes or UTF-16 units) per name. Leave room for what Delegate adds while
 * saving: " (12)" for a second file of the same name and ".partial" for the temporary file beside it.
 */
export const MAX_NAME_BYTES = 200;
/** An "extension" longer than this is part of the name, not a type worth keeping whole. */
const MAX_EXTENSION_BYTES = 20;

/**
 * Bidirectional controls (LRM/RLM, embeddings, overrides, isolates, ALM): invisible, and they make a file
 * manager show `invoice<RLO>fdp.exe` as `invoiceexe.pdf`, a program passed off as a document.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WINDOWS_RESERVED_CHARACTERS = /[<>:"/\\|?*]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

export function safeFileName(name: string, fallback: string): string {
  let safe = name
    .normalize('NFC')
    .replace(CONTROL_CHARACTERS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(WINDOWS_RESERVED_CHARACTERS, '_')
    .trim()
    // Windows drops trailing dots and spaces, so "a." and "a" would be the same file; ".." would be the parent.
    .replace(/[. ]+$/, '');
  if (safe === '' || /^\.+$/.test(safe)) safe = fallback;
  if (windowsDeviceProblem(safe)) safe = `_${safe}`;
  return truncateBytes(safe, MAX_NAME_BYTES);
}

/** Cuts the stem so the whole name fits in `maxBytes` of UTF-8, keeping a short extension and whole characters. */
export function truncateBytes(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && Buffer.byteLength(name.slice(dot)) <= MAX_EXTENSION_BYTES ? name.slice(dot) : '';
  const stem = extension ? name.slice(0, dot) : name;
  return `${cutToBytes(stem, maxBytes - Buffer.byteLength(extension)).replace(/[. ]+$/, '')}${extension}`;
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  let cut = '';
  let used = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (used + size > maxBytes) break;
    cut += character;
    used += size;
  }
  return cut;
}

/**
 * The path of `name` inside `folder`, proven to be directly inside it: the last check before writing, whatever
 * the name went through before.
 */
export function pathInside(folder: string, name: string): string {
  const base = resolve(folder);
  const prefix = base.endsWith(sep) ? base : `${base}${sep}`;
  const target = resolve(base, name);
  if (!target.startsWith(prefix) || target.length === prefix.length || target.slice(prefix.length).includes(sep)) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `The file name "${name}" would lead outside ${base}, so Delegate did not write it.`,
      action: 'Report this: names are made safe before they get here.',
    });
  }
  return target;
}

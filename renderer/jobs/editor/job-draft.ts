/**
 * The job editor's draft: the raw job object (the same shape as in jobs.yaml) and the pure edits made to it.
 *
 * The form binds each control to a path inside the draft. Setting writes only that key, an emptied optional
 * field deletes its key, and a default is not written unless the file already had the key, so a save changes only
 * what the person changed and fields the form has no control for (script `env`, an attachment filter's details…)
 * survive an edit untouched.
 */
import { nameKey, windowsDeviceProblem } from '../../../shared/models/portable-name.js';
import { JOB_ID_PATTERN } from '../../../shared/models/job-id.js';

export type Draft = Record<string, unknown>;
export type DraftPath = ReadonlyArray<string | number>;

export const JOB_KINDS = ['mail.send', 'files.download', 'files.upload', 'teams.message', 'mail.attachments', 'graph.request', 'script'] as const;
export type EditorKind = (typeof JOB_KINDS)[number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(draft: unknown, path: DraftPath): unknown {
  let node: unknown = draft;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === 'number') node = node[step];
    else if (isRecord(node) && typeof step === 'string') node = node[step];
    else return undefined;
  }
  return node;
}

function copyOf(node: unknown, nextStep: string | number): Record<string, unknown> | unknown[] {
  if (Array.isArray(node)) return [...(node as unknown[])];
  if (isRecord(node)) return { ...node };
  return typeof nextStep === 'number' ? [] : {};
}

/** A copy of `draft` with `value` at `path`; missing objects on the way are created, everything else is kept. */
export function setAt<T extends Draft>(draft: T, path: DraftPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [step, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = copyOf(draft, step) as Record<string | number, unknown>;
  copy[step] = rest.length === 0 ? value : setAt((copy[step] ?? (typeof rest[0] === 'number' ? [] : {})) as Draft, rest, value);
  return copy as T;
}

/**
 * A copy of `draft` without the key at `path` (an array entry is removed). An object emptied by it (`retries: {}`,
 * `filter: {}`) goes too, as the schema's default stands for it; the action itself and the root always stay.
 */
export function deleteAt<T extends Draft>(draft: T, path: DraftPath): T {
  if (getAt(draft, path.slice(0, -1)) === undefined) return draft;
  const remove = (node: unknown, steps: DraftPath, depth: number): unknown => {
    const [step, ...rest] = steps as [string | number, ...Array<string | number>];
    if (Array.isArray(node) && typeof step === 'number') {
      if (rest.length === 0) return node.filter((_, index) => index !== step);
      const next = [...node];
      next[step] = remove(node[step], rest, depth + 1);
      return next;
    }
    if (!isRecord(node) || typeof step !== 'string' || !(step in node)) return node;
    const next: Record<string, unknown> = { ...node };
    if (rest.length === 0) delete next[step];
    else {
      const child = remove(node[step], rest, depth + 1);
      const prunable = !(depth === 0 && step === 'action');
      if (prunable && isRecord(child) && Object.keys(child).length === 0) delete next[step];
      else next[step] = child;
    }
    return next;
  };
  return remove(draft, path, 0) as T;
}

/**
 * Sets a field that has a default: the default is written only when the job's source already had the key
 * (so `enabled: true` in a hand-written file stays, and a new job does not grow `catchUp: once`).
 */
export function setWithDefault<T extends Draft>(draft: T, path: DraftPath, value: unknown, defaultValue: unknown, original: Draft | null): T {
  if (value === defaultValue && getAt(original, path) === undefined) return deleteAt(draft, path);
  return setAt(draft, path, value);
}

/** Sets a text field: an empty (or blank) text deletes an optional key. */
export function setText<T extends Draft>(draft: T, path: DraftPath, text: string): T {
  return text.trim() === '' ? deleteAt(draft, path) : setAt(draft, path, text);
}

/**
 * Sets a number field from what was typed: digits become a number, an empty field deletes the key, anything else
 * is kept as typed so the schema says it is not a number (rather than the window silently dropping it).
 */
export function setNumberText<T extends Draft>(draft: T, path: DraftPath, text: string): T {
  const trimmed = text.trim();
  if (trimmed === '') return deleteAt(draft, path);
  return setAt(draft, path, /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text);
}

/** What a number field shows for the draft's value. */
export function numberText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : '';
}

const MAX_ID = 64;

/**
 * An id from a job's name: lower case, accents dropped, spaces to `-`, only letters, digits, `.`, `_` and `-`,
 * starting with a letter or digit, at most 64 characters, never a Windows device name. '' when nothing is left.
 */
export function idFromName(name: string): string {
  let id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s/\\:]+/g, '-')
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, MAX_ID)
    .replace(/[-._]+$/, '');
  if (id !== '' && windowsDeviceProblem(id)) id = `${id.slice(0, MAX_ID - 4)}-job`;
  return id;
}

/** `base`, or `base-2`, `base-3`… — the first that no existing id takes (compared ignoring case, as the disk may). */
export function uniqueId(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map(nameKey));
  if (!taken.has(nameKey(base))) return base;
  for (let counter = 2; ; counter += 1) {
    const suffix = `-${counter}`;
    const candidate = `${base.slice(0, MAX_ID - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

/** Whether `id` is a well-formed job id (the schema says why not). */
export function isJobId(id: string): boolean {
  return JOB_ID_PATTERN.test(id) && !windowsDeviceProblem(id);
}

/** A new job of `kind`: only what is required, so the file gets what the person set and nothing more. */
export function newDraft(kind: EditorKind): Draft {
  const action: Record<string, unknown> = { kind };
  if (kind === 'mail.send') Object.assign(action, { body: { text: '' } });
  if (kind === 'teams.message') Object.assign(action, { body: { text: '' } });
  if (kind === 'files.download') Object.assign(action, { source: { drive: 'me' } });
  if (kind === 'files.upload') Object.assign(action, { destination: { drive: 'me' } });
  return { id: '', schedule: '0 9 * * 1-5', action };
}

/** A copy of a job to save as a new one: "<name> (copy)", id `<id>-copy` made unique. */
export function duplicateDraft(source: Draft, existingIds: readonly string[]): Draft {
  const id = typeof source.id === 'string' ? source.id : 'job';
  const name = typeof source.name === 'string' && source.name.trim() !== '' ? source.name : id;
  const copyId = uniqueId(`${id.slice(0, MAX_ID - 5)}-copy`, existingIds);
  return { ...structuredClone(source), id: copyId, name: `${name} (copy)` };
}

/** Whether the draft differs from what the editor started with (leaving then asks first). */
export function isChanged(draft: Draft, initial: Draft): boolean {
  return JSON.stringify(draft) !== JSON.stringify(initial);
}

const TOP_ORDER = ['id', 'name', 'schedule', 'timezone', 'enabled', 'catchUp', 'timeoutMinutes', 'retries', 'profile', 'notify', 'action'];

/**
 * The draft as it is saved, its top-level keys in the order a person reads them: a new job in the README's order; an
 * edited one keeps the order of its file, with fields the person added placed before `action`.
 */
export function jobToSave(draft: Draft, original: Draft | null): Draft {
  const rank = (key: string) => {
    const at = TOP_ORDER.indexOf(key);
    return at === -1 ? TOP_ORDER.length : at;
  };
  let keys: string[];
  if (original === null) {
    keys = Object.keys(draft).sort((a, b) => rank(a) - rank(b));
  } else {
    const kept = Object.keys(original).filter((key) => key in draft);
    const added = Object.keys(draft)
      .filter((key) => !(key in original))
      .sort((a, b) => rank(a) - rank(b));
    const actionAt = kept.indexOf('action');
    keys = actionAt === -1 ? [...kept, ...added] : [...kept.slice(0, actionAt), ...added, ...kept.slice(actionAt)];
  }
  return Object.fromEntries(keys.map((key) => [key, draft[key]]));
}

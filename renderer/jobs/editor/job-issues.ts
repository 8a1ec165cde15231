/**
 * The shared schema's verdict on a draft, as the form shows it: each issue on the field that shows its path,
 * the rest in a summary at the top. Pure.
 */
import type { z } from 'zod';
import { jobSchema } from '../../../shared/jobs/job-schema.js';
import { nameKey } from '../../../shared/models/portable-name.js';
import { getAt, idFromName, type Draft, type DraftPath } from './job-draft.js';

export type Issue = z.core.$ZodIssue;

export interface SummaryIssue {
  /** `where: message`. */
  text: string;
  /** For a field Delegate does not know (a typo in the file): where it is, so the form can offer to remove it. */
  unknown?: { path: Array<string | number>; key: string };
}

export interface FormIssues {
  /** Field key (a path joined with dots, e.g. `action.to`) → the message shown under that field. */
  fields: Record<string, string>;
  /** Issues no field shows. */
  summary: SummaryIssue[];
}

export const pathKey = (path: DraftPath): string => path.join('.');

/** A message a person reads under a field: zod's generic wording replaced, the first letter capitalised. */
export function issueMessage(issue: Issue): string {
  let message = issue.message;
  if (issue.code === 'invalid_type' && /received undefined$/.test(message)) message = 'is required';
  else if (issue.code === 'invalid_type' && issue.expected === 'number') message = 'must be a number';
  else if (issue.code === 'invalid_type' && issue.expected === 'int') message = 'must be a whole number';
  else if (issue.code === 'too_small' && message.startsWith('Too small')) message = `must be at least ${String(issue.minimum)}${issue.inclusive ? '' : ' (exclusive)'}`;
  else if (issue.code === 'too_big' && message.startsWith('Too big')) message = `must be at most ${String(issue.maximum)}`;
  else if (issue.code === 'unrecognized_keys') message = `${issue.keys.length === 1 ? 'has a field' : 'has fields'} Delegate does not know: ${issue.keys.join(', ')}`;
  else if (issue.code === 'invalid_union' && message === 'Invalid input') message = 'is not valid';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A union's issue stands for its best branch's issues (the one with the fewest): those name the real field. */
function flatten(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
  const missingWhole = best.length === 1 && best[0]?.path.length === 0;
  // "to" missing: every branch says "expected …, received undefined" at the union's own path.
  if (missingWhole && best[0]?.code === 'invalid_type') return [{ ...best[0], path: issue.path }];
  if (issue.message !== 'Invalid input' && best.some((inner) => inner.code === 'unrecognized_keys')) return [issue];
  return best.flatMap((inner) => flatten({ ...inner, path: [...issue.path, ...inner.path] } as Issue));
}

/**
 * Places each issue on the field whose key is the longest prefix of its path. A deeper issue (an address in a
 * list) names the value it is about. Issues with no field (an unknown key in a hand-written job) go to the summary.
 */
export function placeIssues(issues: readonly Issue[], fieldKeys: readonly string[], draft: Draft): FormIssues {
  const fields: Record<string, string> = {};
  const summary: SummaryIssue[] = [];
  const keys = new Set(fieldKeys);
  for (const issue of issues.flatMap(flatten)) {
    const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
    let field: string | undefined;
    // An unknown key has no control in the form: it is always said in the summary.
    for (let length = path.length; length >= 0 && field === undefined && issue.code !== 'unrecognized_keys'; length -= 1) {
      const key = pathKey(path.slice(0, length));
      if (keys.has(key)) field = key;
    }
    let message = issueMessage(issue);
    if (field !== undefined && field !== pathKey(path)) {
      const value = getAt(draft, path);
      if (typeof value === 'string') message = `“${value}”: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    }
    const where = path.length > 0 ? pathKey(path) : 'The job';
    if (field === undefined && issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) summary.push({ text: `${where}: has a field Delegate does not know: ${key}`, unknown: { path, key } });
    } else if (field === undefined) summary.push({ text: `${where}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` });
    else if (fields[field] === undefined) fields[field] = message;
  }
  return { fields, summary };
}

/** The field keys the form shows for a draft: the common ones, the kind's, and one per list row. */
export function fieldKeysFor(draft: Draft): string[] {
  const common = ['id', 'name', 'schedule', 'timezone', 'enabled', 'catchUp', 'timeoutMinutes', 'retries.attempts', 'retries.backoffSeconds', 'profile', 'notify', 'action.kind'];
  const action = (draft.action ?? {}) as Record<string, unknown>;
  const rows = (key: string, fields: readonly string[] = ['']) => {
    const list = action[key];
    if (!Array.isArray(list)) return [];
    return list.flatMap((_, index) => fields.map((field) => `action.${key}.${index}${field ? `.${field}` : ''}`));
  };
  const location = (where: 'source' | 'destination') => [`action.${where}`, `action.${where}.site`, `action.${where}.drive`, `action.${where}.path`, `action.${where}.driveId`, `action.${where}.itemId`];
  const body = ['action.body', 'action.body.text', 'action.body.html', 'action.body.file', 'action.body.type'];
  const perKind: Record<string, string[]> = {
    'mail.send': ['action.to', 'action.cc', 'action.bcc', 'action.subject', ...body, 'action.attachments', ...rows('attachments'), 'action.saveToSentItems'],
    'files.download': [...location('source'), 'action.destination', 'action.skipIfUnchanged'],
    'files.upload': ['action.source', ...location('destination'), 'action.conflictBehavior'],
    'teams.message': ['action', 'action.chatId', 'action.teamId', 'action.channelId', ...body],
    'mail.attachments': ['action.mailbox', 'action.folder', 'action.filter.from', 'action.filter.subjectContains', 'action.filter.unreadOnly', 'action.filter.receivedWithinDays', 'action.filter.attachmentNamePattern', 'action.saveTo', 'action.markRead', 'action.moveTo'],
    'graph.request': ['action.method', 'action.path', 'action.body', 'action.saveTo', 'action.scopes'],
    script: ['action.command', 'action.args', 'action.cwd', 'action.tokens', ...rows('tokens', ['env', 'scopes', 'resource']), 'action.broker', 'action.broker.resources'],
  };
  return [...common, ...(perKind[String(action.kind)] ?? [])];
}

export interface CheckContext {
  /** Ids of the other jobs in the file (not the one being edited). */
  otherIds: readonly string[];
  /** Fields whose text the window could not turn into a value (JSON that does not parse): key → message. */
  local: Record<string, string>;
}

/** Everything wrong with the draft: the shared schema's issues, an id another job has, and the local ones. */
export function checkDraft(draft: Draft, context: CheckContext): FormIssues {
  const parsed = jobSchema.safeParse(draft);
  const placed = parsed.success ? { fields: {}, summary: [] } : placeIssues(parsed.error.issues, fieldKeysFor(draft), draft);
  const fields: Record<string, string> = { ...placed.fields };
  const id = typeof draft.id === 'string' ? draft.id : '';
  const name = typeof draft.name === 'string' ? draft.name.trim() : '';
  // A name in another script ("Отчёт") or only punctuation makes no id: say so, rather than the pattern's rule.
  if (id === '' && name !== '' && idFromName(name) === '') {
    fields.id = `Type an id: “${name.length > 40 ? `${name.slice(0, 40)}…` : name}” has no letters a–z or digits to make one from`;
  }
  if (fields.id === undefined && id !== '' && context.otherIds.some((other) => nameKey(other) === nameKey(id))) {
    fields.id = 'Another job already has this id: choose another';
  }
  for (const [key, message] of Object.entries(context.local)) fields[key] = message;
  return { fields, summary: placed.summary };
}

export function hasIssues(issues: FormIssues): boolean {
  return issues.summary.length > 0 || Object.keys(issues.fields).length > 0;
}
